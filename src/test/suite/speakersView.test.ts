// The speakers and entities views in a real VS Code: their trees read through the providers
// (extension API), reveal into the editor, workspace scope over sidecars on disk (a teammate's
// files, never opened), spelling variants merged across articles, merge/split decisions in
// .annotator/speakers.yaml, a workspace-wide rename that leaves a broken sidecar untouched, and
// suggestions (`suggested` in the sidecar) marked as such.
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

/** Annotations by text; a `suggested` confidence makes the item an unconfirmed suggestion. */
interface Draft {
  entities: Array<[text: string, label: string, occurrence?: number, suggested?: number]>;
  quotations: Array<[text: string, speaker: string | null, suggested?: number]>;
  speakers: Array<[id: string, name: string, mentionOf?: string, suggested?: number]>;
  status?: AnnotationSet['status'];
}

const suggestion = (confidence: number | undefined): { suggested?: number } => (confidence === undefined ? {} : { suggested: confidence });

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
  const entities: Entity[] = draft.entities.map(([t, label, n, c], k) => ({ id: `e${k + 1}`, label, ...at(t, n), text: t, anchor: 'ok', ...suggestion(c), extra: {} }));
  const quotations: Quotation[] = draft.quotations.map(([t, speaker, c], k) => ({ id: `q${k + 1}`, ...at(t), text: t, speaker, cue: null, anchor: 'ok', ...suggestion(c), extra: {} }));
  const speakers: Speaker[] = draft.speakers.map(([id, name, mentionOf, c]) => ({
    id, name, aliases: [], mentions: entities.filter((e) => e.text === mentionOf).map((e) => e.id), ...suggestion(c), extra: {},
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

/** A quotation's label in the views: its first six words. */
const firstSix = (t: string): string => (t.split(' ').length > 6 ? `${t.split(' ').slice(0, 6).join(' ')} …` : t);

suite('speakers and entities views', () => {
  let api: AnnotatorApi;
  let a: { file: string; sidecar: string };
  let b: { file: string; sidecar: string };
  let suggestionsSetting: boolean | undefined;
  const decisionsFile = (): string => path.join(workspaceDir(), '.annotator', 'speakers.yaml');

  suiteSetup(async () => {
    api = await annotatorApi();
    // Open articles would get live suggestions merged in memory; these tests need the trees of exactly what they wrote.
    const config = vscode.workspace.getConfiguration('arabicNewsAnnotator');
    suggestionsSetting = config.inspect<boolean>('suggestions.enabled')?.globalValue;
    await config.update('suggestions.enabled', false, vscode.ConfigurationTarget.Global);
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

  suiteTeardown(async () => {
    fs.rmSync(decisionsFile(), { force: true });
    await vscode.workspace.getConfiguration('arabicNewsAnnotator').update('suggestions.enabled', suggestionsSetting, vscode.ConfigurationTarget.Global);
  });

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
    // Other suites' articles may add suggested Kerry quotations: `7 quotations (3 suggested) · 3 articles`.
    assert.match(kerry.description!, /quotations(?: \(\d+ suggested\))? · \d+ articles/);
    // Long quotations show their first six words (a sidebar is narrow); the tooltip has the whole text.
    const quotes = find(kerry.children, 'speakers_002.txt')!.children!;
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
    // A new dump without a sidecar: only the article scan finds it, and it counts as not started.
    const unannotated = articlePath(`speakers_unannotated_${Date.now()}.txt`);
    fs.writeFileSync(unannotated, 'عنوان\n\nنص لم يعلق عليه أحد بعد.\n');
    try {
      await waitForTree(view, `progress counting ${total + 1} articles`, (r) => (r[0]?.label === `${done} of ${total + 1} articles done` ? r[0] : undefined), 1);
    } finally {
      fs.rmSync(unannotated);
    }

    // A quotation of a closed article, from the disk read: selecting it opens the article there.
    const quote = find(kerry.children, 'speakers_002.txt')!.children![0];
    await vscode.commands.executeCommand(quote.command!.command, ...(quote.command!.arguments ?? []));
    const editor = await waitFor('speakers_002.txt to open', () => (vscode.window.activeTextEditor?.document.uri.fsPath === b.file ? vscode.window.activeTextEditor : undefined));
    assert.equal(editor.document.getText(editor.selection), KERRY_002[0]);
  });

  test('Refresh reads every sidecar again in worker threads, and the view lists the closed articles\' speakers from them', async () => {
    const view = api.views.speakers;
    await vscode.commands.executeCommand('arabicNewsAnnotator.speakers.showWorkspace');
    await vscode.commands.executeCommand('arabicNewsAnnotator.speakers.refresh');
    await waitForTree(view, 'Kerry with the closed article speakers_002.txt', (roots) => {
      const kerry = roots.find((r) => KERRY.test(r.label));
      return kerry && labels(kerry.children).includes('speakers_002.txt') ? kerry : undefined;
    });
    const read = api.workspaceRead();
    assert.ok(read, 'the workspace read has ended');
    assert.equal(read.fallback, undefined, `read on the extension host instead: ${read.fallback}`);
    assert.ok(read.threads >= 1, `worker threads: ${read.threads}`);
    assert.ok(read.sidecars >= 2, `sidecars: ${read.sidecars}`);
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

  test('suggestions in a sidecar are marked as suggestions in both views; confirmed annotations are not', async () => {
    // As the CLI `suggest` leaves a file: a suggested speaker with a suggested quotation, and a
    // confirmed speaker with one confirmed and one suggested quotation.
    const CONFIRMED = 'بلاده تحافظ على رغبتها في مناقشة الأوضاع السورية مع روسيا';
    const SUGGESTED = 'لا يملك تفاصيل عن هذا الاقتراح';
    const REUTERS = 'وزارتي الدفاع الروسية والأمريكية اقتربتا من مراحل التفاوض النهائية';
    const s = articleWithSidecar('004_1a9257cbefa7c7ae.txt', 'speakers_suggested.txt', {
      entities: [['جون كيربي', 'PER'], ['كيربي', 'PER', 2, 0.9], ['رويترز', 'ORG', 1, 0.6]],
      quotations: [[CONFIRMED, 's1'], [SUGGESTED, 's1', 0.7], [REUTERS, 's2', 0.75]],
      speakers: [['s1', 'جون كيربي', 'جون كيربي'], ['s2', 'وكالة رويترز', 'رويترز', 0.8]],
    });
    assert.match(fs.readFileSync(s.sidecar, 'utf8'), /name: "وكالة رويترز"\n[^-]*suggested: 0\.8\n/, 'the sidecar carries the suggestion');
    const shape = (items: readonly ViewItemSnapshot[] | undefined): unknown => (items ?? []).map((i) => ({
      label: i.label, description: i.description, icon: i.icon, ...(i.children ? { children: shape(i.children) } : {}),
    }));

    // Workspace scope, the article never opened: read from disk by the light reader (sidecarSummary.ts).
    const view = api.views.speakers;
    await vscode.commands.executeCommand('arabicNewsAnnotator.speakers.showWorkspace');
    const ws = await waitForTree(view, 'the suggested speaker in the workspace', (r) => (find(r, 'وكالة رويترز') && find(r, 'جون كيربي') ? r : undefined));
    assert.deepEqual(shape([find(ws, 'وكالة رويترز')!, find(ws, 'جون كيربي')!]), [
      {
        label: 'وكالة رويترز', description: 'suggested · 1 quotation · 1 article', icon: 'sparkle', children: [
          {
            label: 'speakers_suggested.txt', description: '1 suggested quotation', icon: 'file', children: [
              { label: firstSix(REUTERS), description: 'suggested', icon: 'lightbulb' },
            ],
          },
        ],
      },
      {
        label: 'جون كيربي', description: '2 quotations (1 suggested) · 1 article', icon: 'person', children: [
          {
            label: 'speakers_suggested.txt', description: '2 quotations (1 suggested)', icon: 'file', children: [
              { label: firstSix(CONFIRMED), description: undefined, icon: 'quote' },
              { label: SUGGESTED, description: 'suggested', icon: 'lightbulb' },
            ],
          },
        ],
      },
    ]);

    // Article scope: the open article, exactly as its sidecar says (live suggestions are off).
    await vscode.commands.executeCommand('arabicNewsAnnotator.speakers.showArticle');
    await openArticle(s.file);
    const roots = await waitForTree(view, 'the speakers of speakers_suggested.txt', (r) => (find(r, 'وكالة رويترز') ? r : undefined));
    assert.deepEqual(shape(roots), [
      {
        label: 'جون كيربي', description: '2 quotations (1 suggested)', icon: 'person', children: [
          { label: firstSix(CONFIRMED), description: undefined, icon: 'quote' },
          { label: SUGGESTED, description: 'suggested', icon: 'lightbulb' },
        ],
      },
      {
        label: 'وكالة رويترز', description: 'suggested · 1 quotation', icon: 'sparkle', children: [
          { label: firstSix(REUTERS), description: 'suggested', icon: 'lightbulb' },
        ],
      },
    ]);
    const [kirby, reuters] = roots;
    assert.equal(kirby.children![0].contextValue, 'quotation');
    assert.equal(kirby.children![1].contextValue, 'quotation.suggested');
    assert.equal(reuters.contextValue, 'speaker', 'a suggested speaker can be renamed and merged like any other');
    assert.match(reuters.tooltip!, /Suggested/);
    assert.match(kirby.children![1].tooltip!, /^لا يملك تفاصيل عن هذا الاقتراح\n\nSuggested \(confidence 70%\)/);
    assert.equal(kirby.children![0].tooltip, CONFIRMED);

    // Entities: suggested mentions counted apart and marked.
    const entities = await waitForTree(api.views.entities, 'the entities of speakers_suggested.txt', (r) => (find(r, 'Person') && find(r, 'Organisation') ? r : undefined));
    const person = find(entities, 'Person')!;
    assert.equal(person.description, 'PER · 1 mention · 1 suggested · 2 names');
    assert.deepEqual(person.children!.map((n) => [n.label, n.description, n.icon]), [['جون كيربي', '1', 'symbol-text'], ['كيربي', '1 suggested', 'sparkle']]);
    assert.equal(find(entities, 'Organisation')!.description, 'ORG · 1 suggested · 1 name');
    const mentions = await api.views.entities.provider.getChildren(person.children![1].element) as unknown[];
    const mention = await api.views.entities.provider.getTreeItem(mentions[0]);
    assert.match(String(mention.description), /^\u200e?line \d+ · suggested$/);
    assert.equal(mention.contextValue, 'mention.suggested');
    assert.equal((mention.iconPath as vscode.ThemeIcon).id, 'lightbulb');
    const confirmed = await api.views.entities.provider.getTreeItem((await api.views.entities.provider.getChildren(person.children![0].element) as unknown[])[0]);
    assert.doesNotMatch(String(confirmed.description), /suggested/);
    assert.equal(confirmed.contextValue, 'mention');
  });
});
