// The speakers and entities views in a real VS Code: their trees read through the providers
// (extension API), reveal into the editor, workspace scope over sidecars on disk (a teammate's
// files, never opened), spelling variants merged across articles, merge/split decisions in
// .annotator/speakers.yaml, and a workspace-wide rename that leaves a broken sidecar untouched.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { parse } from 'yaml';
import { decodeArticle } from '../../core/articleText';
import type { AnnotationSet, Entity, Quotation, Speaker } from '../../core/model';
import { serializeSidecar } from '../../core/sidecar';
import type { AnnotatorApi, AnnotatorTreeAccess, ViewItemSnapshot } from '../../extension/api';
import { annotatorApi, articlePath, closeAllEditors, openArticle, waitFor, workspaceDir } from './testUtil';

const KERRY_001 = ['على مستوى عسكري', 'قريبا جدا'];
const KERRY_002 = [
  'إن المحادثات العسكرية مع روسيا قد تساعد فى تحديد بعض الخيارات الخلافية المتاحة أمامنا عند دراسة الخطوة التالية فى سوريا',
  'صراحة إن تركيزنا هو القضاء على داعش',
];

interface Draft {
  entities: Array<[text: string, label: string, occurrence?: number]>;
  quotations: Array<[text: string, speaker: string | null]>;
  speakers: Array<[id: string, name: string, mentionOf?: string]>;
  status?: AnnotationSet['status'];
}

/** Copies a seed and writes a sidecar for it, as a teammate's tool would: the article stays closed. */
function articleWithSidecar(seed: string, as: string, draft: Draft): { file: string; sidecar: string } {
  const file = articlePath(as);
  fs.copyFileSync(articlePath(seed), file);
  const text = decodeArticle(fs.readFileSync(file));
  const at = (needle: string, occurrence = 1): { start: number; end: number } => {
    let i = -1;
    for (let k = 0; k < occurrence; k++) {
      i = text.indexOf(needle, i + 1);
      assert.ok(i >= 0, `"${needle}" (occurrence ${occurrence}) is in ${seed}`);
    }
    return { start: i, end: i + needle.length };
  };
  const entities: Entity[] = draft.entities.map(([t, label, n], k) => ({ id: `e${k + 1}`, label, ...at(t, n), text: t, anchor: 'ok', extra: {} }));
  const quotations: Quotation[] = draft.quotations.map(([t, speaker], k) => ({ id: `q${k + 1}`, ...at(t), text: t, speaker, cue: null, anchor: 'ok', extra: {} }));
  const speakers: Speaker[] = draft.speakers.map(([id, name, mentionOf]) => ({
    id, name, aliases: [], mentions: entities.filter((e) => e.text === mentionOf).map((e) => e.id), extra: {},
  }));
  const sidecar = `${file}.ann.yaml`;
  fs.writeFileSync(sidecar, serializeSidecar({ status: draft.status ?? 'in-progress', entities, quotations, speakers, rejected: [], extra: {} }, text, as));
  return { file, sidecar };
}

function find(items: readonly ViewItemSnapshot[] | undefined, label: string | RegExp): ViewItemSnapshot | undefined {
  return items?.find((i) => (typeof label === 'string' ? i.label === label : label.test(i.label)));
}

function labels(items: readonly ViewItemSnapshot[] | undefined): string[] {
  return (items ?? []).map((i) => i.label);
}

/** The tree with descriptions as a person reads them (the views start them with a left-to-right mark for bidi). */
async function tree(view: AnnotatorTreeAccess, depth = 3): Promise<ViewItemSnapshot[]> {
  const clean = (items: ViewItemSnapshot[]): ViewItemSnapshot[] => items.map((i) => ({
    ...i, description: i.description?.replace(/\u200e/g, ''), children: i.children && clean(i.children),
  }));
  return clean(await view.snapshot(depth));
}

/** Polls the view until `probe` finds what it needs (file watchers report changes a little later). */
async function waitForTree<T>(view: AnnotatorTreeAccess, what: string, probe: (roots: ViewItemSnapshot[]) => T | undefined, depth = 3): Promise<T> {
  let last: ViewItemSnapshot[] = [];
  try {
    return await waitFor(what, async () => probe((last = await tree(view, depth))), 10_000);
  } catch (err) {
    throw new Error(`${(err as Error).message}; the tree was: ${JSON.stringify(strip(last))}`);
  }
}

function strip(items: readonly ViewItemSnapshot[]): unknown {
  return items.map((i) => ({ label: i.label, description: i.description, children: i.children && strip(i.children) }));
}

const KERRY = /^(جون )?كير[يى]$/;

suite('speakers and entities views', () => {
  let api: AnnotatorApi;
  let a: { file: string; sidecar: string };
  let b: { file: string; sidecar: string };
  const decisionsFile = (): string => path.join(workspaceDir(), '.annotator', 'speakers.yaml');

  suiteSetup(async () => {
    api = await annotatorApi();
    fs.rmSync(decisionsFile(), { force: true });
    // 001 writes كيري; 002, an Egyptian site, writes كيرى and شويجو.
    a = articleWithSidecar('001_067b9e39abae9f08.txt', 'speakers_001.txt', {
      entities: [['جون كيري', 'PER'], ['كيري', 'PER', 2], ['جوش إيرنست', 'PER'], ['شويغو', 'PER'], ['البيت الأبيض', 'ORG']],
      quotations: [[KERRY_001[0], 's1'], [KERRY_001[1], 's1'], ['سنرحب بمساهمات بناءة من الروس في التحالف ضد تنظيم الدولة الإسلامية', 's2'], ['لا يزال مستعدا لإجراء مناقشات تكتيكية وعملية', 's3'], ['تفادي الصدام', null]],
      speakers: [['s1', 'كيري', 'كيري'], ['s2', 'جوش إيرنست', 'جوش إيرنست'], ['s3', 'البيت الأبيض', 'البيت الأبيض']],
    });
    b = articleWithSidecar('002_c2923841470bda03.txt', 'speakers_002.txt', {
      entities: [['كيرى', 'PER', 2], ['شويجو', 'PER']],
      quotations: [[KERRY_002[0], 's1'], [KERRY_002[1], 's1']],
      speakers: [['s1', 'كيرى', 'كيرى'], ['s2', 'شويجو', 'شويجو']],
      status: 'done',
    });
  });

  teardown(async () => {
    for (const view of ['speakers', 'entities']) {
      await vscode.commands.executeCommand(`arabicNewsAnnotator.${view}.clearFilter`);
      await vscode.commands.executeCommand(`arabicNewsAnnotator.${view}.showArticle`);
    }
    await closeAllEditors();
  });

  suiteTeardown(() => fs.rmSync(decisionsFile(), { force: true }));

  test('article scope: the current article\'s speakers with their quotations, and the filter', async () => {
    const view = api.views.speakers;
    await openArticle(a.file);
    assert.equal(view.scope(), 'article');
    const roots = await waitForTree(view, 'the speakers of speakers_001.txt', (r) => (find(r, 'كيري') ? r : undefined));
    assert.deepEqual(labels(roots), ['البيت الأبيض', 'جوش إيرنست', 'كيري', 'Without speaker']);
    const kerry = find(roots, 'كيري')!;
    assert.equal(kerry.description, '2 quotations');
    assert.equal(kerry.contextValue, 'speaker');
    assert.deepEqual(labels(kerry.children), KERRY_001);
    assert.deepEqual(labels(find(roots, 'Without speaker')!.children), ['تفادي الصدام']);

    await vscode.commands.executeCommand('arabicNewsAnnotator.speakers.filter', 'كيرى');
    assert.equal(view.filter(), 'كيرى');
    assert.deepEqual(labels(await tree(view, 1)), ['كيري'], 'the filter matches any spelling');
    await vscode.commands.executeCommand('arabicNewsAnnotator.speakers.filter', 'لا أحد');
    assert.deepEqual(await tree(view, 1), [], 'nothing matches: the tree is empty and the welcome text shows');
  });

  test('selecting a quotation selects its span in the article, opening the article if needed', async () => {
    const view = api.views.speakers;
    await openArticle(a.file);
    const roots = await waitForTree(view, 'Kerry in speakers_001.txt', (r) => (find(r, 'كيري')?.children?.length ? r : undefined));
    const second = find(roots, 'كيري')!.children![1];
    await closeAllEditors();
    assert.ok(second.command, 'a quotation item runs a command when selected');
    await vscode.commands.executeCommand(second.command.command, ...(second.command.arguments ?? []));
    const editor = await waitFor('the article editor', () => (vscode.window.activeTextEditor?.document.uri.fsPath === a.file ? vscode.window.activeTextEditor : undefined));
    assert.equal(editor.document.getText(editor.selection), KERRY_001[1]);
    const offset = editor.document.getText().indexOf(KERRY_001[1]);
    assert.equal(editor.document.offsetAt(editor.selection.start), offset);
  });

  test('workspace scope: كيري (001) and كيرى (002, Egyptian spelling) are one speaker, quotations grouped by article; progress counts', async () => {
    const view = api.views.speakers;
    await vscode.commands.executeCommand('arabicNewsAnnotator.speakers.showWorkspace');
    assert.equal(view.scope(), 'workspace');
    const kerry = await waitForTree(view, 'one Kerry with both articles', (roots) => {
      const found = roots.filter((r) => KERRY.test(r.label));
      const articles = labels(found[0]?.children);
      return found.length === 1 && articles.includes('speakers_001.txt') && articles.includes('speakers_002.txt') ? found[0] : undefined;
    });
    assert.match(kerry.description!, /quotations · \d+ articles/);
    // Long quotations show their first six words (a sidebar is narrow); the tooltip has the whole text.
    const quotes = find(kerry.children, 'speakers_002.txt')!.children!;
    const firstSix = (t: string): string => (t.split(' ').length > 6 ? `${t.split(' ').slice(0, 6).join(' ')} …` : t);
    assert.deepEqual(labels(quotes), KERRY_002.map(firstSix));
    assert.equal(quotes[0].tooltip, KERRY_002[0]);
    assert.equal(find(kerry.children, 'speakers_002.txt')!.description, '2 quotations');
    assert.match(kerry.tooltip!, /كير[يى]/);

    const roots = await tree(view, 1);
    const progress = roots[0];
    assert.match(progress.label, /^\d+ of \d+ articles done$/);
    assert.match(progress.description!, /^\d+ in progress · \d+ not started/);
    const [done, total] = progress.label.match(/\d+/g)!.map(Number);
    assert.ok(done >= 1 && total >= 7, `progress: ${progress.label}`);

    // A quotation of a closed article, from the disk read: selecting it opens the article there.
    const quote = find(kerry.children, 'speakers_002.txt')!.children![0];
    await vscode.commands.executeCommand(quote.command!.command, ...(quote.command!.arguments ?? []));
    const editor = await waitFor('speakers_002.txt to open', () => (vscode.window.activeTextEditor?.document.uri.fsPath === b.file ? vscode.window.activeTextEditor : undefined));
    assert.equal(editor.document.getText(editor.selection), KERRY_002[0]);
  });

  test('merge records a decision in .annotator/speakers.yaml, split undoes it', async () => {
    const view = api.views.speakers;
    await vscode.commands.executeCommand('arabicNewsAnnotator.speakers.showWorkspace');
    const roots = await waitForTree(view, 'Ernest and the White House', (r) => (find(r, 'جوش إيرنست') && find(r, 'البيت الأبيض') ? r : undefined), 1);
    const ernest = find(roots, 'جوش إيرنست')!, house = find(roots, 'البيت الأبيض')!;
    assert.equal(await vscode.commands.executeCommand('arabicNewsAnnotator.speakers.merge', ernest.element, [ernest.element, house.element]), true);
    const merged = parse(fs.readFileSync(decisionsFile(), 'utf8'));
    assert.equal(merged.schema, 'arabic-news-annotator/speakers');
    assert.deepEqual(merged.merge, [['جوش إيرنست', 'البيت الأبيض']], 'the clicked speaker\'s name comes first and is shown');
    const one = await waitForTree(view, 'the merged speaker', (r) => (find(r, 'جوش إيرنست')?.description?.startsWith('2 quotations') && !find(r, 'البيت الأبيض') ? r : undefined), 2);
    const node = find(one, 'جوش إيرنست')!;
    assert.equal(node.contextValue, 'speaker.merged', 'a speaker with two names can be split');

    assert.equal(await vscode.commands.executeCommand('arabicNewsAnnotator.speakers.split', node.element, ['البيت الأبيض']), true);
    const split = parse(fs.readFileSync(decisionsFile(), 'utf8'));
    assert.deepEqual(split.merge, []);
    assert.deepEqual(split.split, [['البيت الأبيض', 'جوش إيرنست']]);
    await waitForTree(view, 'two speakers again', (r) => (find(r, 'جوش إيرنست') && find(r, 'البيت الأبيض') ? r : undefined), 1);
  });

  test('rename in workspace scope rewrites every sidecar with the speaker, open or closed, and leaves a broken one untouched', async () => {
    const view = api.views.speakers;
    // 003 names Kerry too, but its sidecar does not match the article: the light read lists it, the rename must not touch it.
    const broken = articleWithSidecar('003_83f8822d896d3ab0.txt', 'speakers_003.txt', {
      entities: [['كيري', 'PER']], quotations: [], speakers: [['s1', 'كيري', 'كيري']],
    });
    fs.writeFileSync(broken.sidecar, fs.readFileSync(broken.sidecar, 'utf8').replace(/text: "كيري"/, 'text: "كيرى"'));
    const brokenBytes = fs.readFileSync(broken.sidecar);
    const editor = await openArticle(a.file);
    await vscode.commands.executeCommand('arabicNewsAnnotator.speakers.showWorkspace');
    const kerry = await waitForTree(view, 'Kerry in three articles', (roots) => {
      const k = roots.find((r) => KERRY.test(r.label));
      return k && /\b([3-9]|\d\d+) articles/.test(k.description ?? '') ? k : undefined;
    }, 1);

    const renamed = await vscode.commands.executeCommand<number>('arabicNewsAnnotator.speakers.rename', kerry.element, 'جون كيري');
    assert.ok(renamed >= 2, `renamed ${renamed} speaker records`);
    assert.equal(api.annotations(editor.document.uri)!.speakers.find((s) => s.id === 's1')!.name, 'جون كيري', 'the open article, through the store');
    assert.equal(parse(fs.readFileSync(b.sidecar, 'utf8')).speakers[0].name, 'جون كيري', 'the closed article, on disk');
    assert.deepEqual(fs.readFileSync(broken.sidecar), brokenBytes, 'a sidecar that does not load is never rewritten');
    await waitForTree(view, 'the renamed speaker', (roots) => find(roots, 'جون كيري'), 1);
  });

  test('entities view: by label with counts, spelling variants counted together across the workspace, reveal', async () => {
    const view = api.views.entities;
    await openArticle(a.file);
    const roots = await waitForTree(view, 'the entities of speakers_001.txt', (r) => (find(r, 'Person') ? r : undefined));
    const person = find(roots, 'Person')!;
    assert.match(person.description!, /^PER · 4 mentions · 4 names$/);
    assert.ok(find(roots, 'Organisation'), labels(roots).join(', '));
    const shoigu = find(person.children, 'شويغو')!;
    assert.equal(shoigu.description, '1');

    await vscode.commands.executeCommand('arabicNewsAnnotator.entities.showWorkspace');
    const merged = await waitForTree(view, 'Shoigu in both spellings', (r) => {
      const name = find(r, 'Person')?.children?.find((n) => /^شوي[غج]و$/.test(n.label));
      return name && /· ([2-9]|\d\d+) articles/.test(name.description ?? '') ? name : undefined;
    });
    const mentions = await api.views.entities.provider.getChildren(merged.element) as unknown[];
    assert.ok(mentions.length >= 2);
    const items = await Promise.all(mentions.map((m) => api.views.entities.provider.getTreeItem(m)));
    const inB = items.find((i) => typeof i.description === 'string' && i.description.replace(/\u200e/g, '') === 'speakers_002.txt')!;
    assert.equal(inB.label, 'شويجو');
    await closeAllEditors();
    await vscode.commands.executeCommand(inB.command!.command, ...(inB.command!.arguments ?? []));
    const editor = await waitFor('speakers_002.txt to open', () => (vscode.window.activeTextEditor?.document.uri.fsPath === b.file ? vscode.window.activeTextEditor : undefined));
    assert.equal(editor.document.getText(editor.selection), 'شويجو');
  });
});
