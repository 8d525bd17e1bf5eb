import * as vscode from 'vscode';
import { ID_PREFIX, nextId, Quotation } from '../../core/model';
import { countOf } from '../../core/plural';
import { rankSpeakerChoices, speakerNamed, typedSpeakerName } from '../../core/speakerRanking';
import type { Container } from '../container';
import { AnnotationArg, annotationTarget } from './annotationTarget';

export interface SetSpeakerArg extends AnnotationArg {
  /** An existing speaker id, or null for "unknown". */
  speaker?: string | null;
  /** Create (or reuse) a speaker named by this entity. */
  fromEntity?: string;
  /** Create (or reuse) a speaker with this name. */
  name?: string;
}

type Choice = vscode.QuickPickItem & { apply: SetSpeakerArg };

/**
 * Sets the speaker of the quotation at the caret: a quick pick of the article's speakers and of
 * new speakers from nearby person/organisation entities, the most likely first (core/speakerRanking),
 * or a name typed into the pick.
 */
export async function setSpeaker(container: Container, arg: SetSpeakerArg = {}): Promise<string | null | undefined> {
  const target = annotationTarget(container, arg);
  if (!target) return undefined;
  if (target.ref.kind !== 'quotation') {
    void vscode.window.showInformationMessage('Put the caret in a quotation to set its speaker (the speaker is chosen from the article\'s people and organisations).');
    return undefined;
  }
  const quotation = target.ref.annotation;
  const set = target.state.annotations;
  let choice: SetSpeakerArg | undefined = 'speaker' in arg || arg.fromEntity || arg.name ? arg : undefined;
  if (!choice) {
    const text = target.editor.document.getText();
    const ranked = rankSpeakerChoices(set, text, quotation);
    const items: Choice[] = [
      ...ranked.map((c): Choice => (c.kind === 'speaker'
        ? {
          label: `$(person) ${c.speaker.name}`,
          description: `${countOf(set.quotations.filter((q) => q.speaker === c.speaker.id).length, 'quotation')}${c.speaker.id === quotation.speaker ? ' · current' : ''}`,
          apply: { speaker: c.speaker.id },
        }
        : { label: `$(add) New speaker: ${c.entity.text}`, description: c.entity.label, apply: { fromEntity: c.entity.id } })),
      { label: '$(edit) New speaker named…', apply: { name: '' } },
      { label: '$(circle-slash) Unknown speaker', apply: { speaker: null } },
    ];
    choice = await pickSpeaker(items, `Speaker of “${quotation.text.slice(0, 40)}…”`, (typed) => typedSpeakerName(set, ranked, typed));
    if (choice?.name === '') {
      const name = await vscode.window.showInputBox({ prompt: 'Name of the speaker, as written in the article', value: selectedText(target.editor, quotation) });
      choice = name?.trim() ? { name: name.trim() } : undefined;
    }
  }
  if (!choice) return undefined;
  let speakerId: string | null = null;
  const ok = await container.store.mutate(target.editor.document, (s) => {
    const q = s.quotations.find((x) => x.id === quotation.id);
    if (!q) return;
    if (choice.fromEntity || choice.name) {
      const entity = s.entities.find((e) => e.id === choice.fromEntity);
      const name = entity?.text ?? choice.name!;
      let speaker = speakerNamed(s, name);
      if (!speaker) {
        speaker = { id: nextId(ID_PREFIX.speaker, s.speakers), name, aliases: [], mentions: [], extra: {} };
        s.speakers.push(speaker);
      }
      if (entity && !speaker.mentions.includes(entity.id)) speaker.mentions.push(entity.id);
      speakerId = speaker.id;
    } else {
      speakerId = choice.speaker ?? null;
      if (speakerId && !s.speakers.some((sp) => sp.id === speakerId)) throw new Error(`speaker ${speakerId} does not exist in this article`);
    }
    q.speaker = speakerId;
  });
  return ok ? speakerId : undefined;
}

/**
 * The quick pick of speakers. A name typed that matches no line is offered as a new speaker
 * ("New speaker: <typed>", kept in step with what is typed), so typing is never a dead end.
 */
function pickSpeaker(items: readonly Choice[], placeholder: string, typedName: (typed: string) => string | undefined): Promise<SetSpeakerArg | undefined> {
  const pick = vscode.window.createQuickPick<Choice>();
  pick.placeholder = `${placeholder} — or type a new name`;
  pick.matchOnDescription = true;
  pick.items = items;
  return new Promise((resolve) => {
    let chosen: SetSpeakerArg | undefined;
    pick.onDidChangeValue((typed) => {
      const name = typedName(typed);
      // One such line at most: it replaces the one for what was typed before. The name goes in
      // the description so that lines whose label matches stay above it (Enter picks a match).
      pick.items = name ? [...items, { label: '$(add) New speaker:', description: name, alwaysShow: true, apply: { name } }] : items;
    });
    pick.onDidAccept(() => {
      chosen = pick.selectedItems[0]?.apply;
      pick.hide();
    });
    pick.onDidHide(() => {
      pick.dispose();
      resolve(chosen);
    });
    pick.show();
  });
}

/** The selection's text when it lies outside the quotation (the user selected the speaker's name). */
function selectedText(editor: vscode.TextEditor, quotation: Quotation): string {
  const sel = editor.selection;
  if (sel.isEmpty) return '';
  const start = editor.document.offsetAt(sel.start);
  return start >= quotation.start && start <= quotation.end ? '' : editor.document.getText(sel).trim();
}
