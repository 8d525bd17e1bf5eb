import * as vscode from 'vscode';
import { ID_PREFIX, nextId, Quotation } from '../../core/model';
import { rankSpeakers, speakerCandidates, speakerNamed } from '../../core/speakerRanking';
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
 * Sets the speaker of the quotation at the caret: a quick pick of the article's speakers, the
 * most likely first, then new speakers from nearby person/organisation entities or a typed name.
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
    const items: Choice[] = [
      ...rankSpeakers(set, quotation).map((s) => ({
        label: `$(person) ${s.name}`,
        description: `${set.quotations.filter((q) => q.speaker === s.id).length} quotations${s.id === quotation.speaker ? ' · current' : ''}`,
        apply: { speaker: s.id },
      })),
      ...speakerCandidates(set, quotation).map((e) => ({ label: `$(add) New speaker: ${e.text}`, description: e.label, apply: { fromEntity: e.id } })),
      { label: '$(edit) New speaker named…', apply: { name: '' } },
      { label: '$(circle-slash) Unknown speaker', apply: { speaker: null } },
    ];
    choice = (await vscode.window.showQuickPick(items, { placeHolder: `Speaker of “${quotation.text.slice(0, 40)}…”`, matchOnDescription: true }))?.apply;
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

/** The selection's text when it lies outside the quotation (the user selected the speaker's name). */
function selectedText(editor: vscode.TextEditor, quotation: Quotation): string {
  const sel = editor.selection;
  if (sel.isEmpty) return '';
  const start = editor.document.offsetAt(sel.start);
  return start >= quotation.start && start <= quotation.end ? '' : editor.document.getText(sel).trim();
}
