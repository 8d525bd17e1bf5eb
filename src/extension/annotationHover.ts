import * as vscode from 'vscode';
import { annotationAt } from '../core/annotationQueries';
import { ARTICLE_LANGUAGE } from './articleLanguage';
import { ArticleStore } from './articleStore';
import { LabelConfig } from './labelConfig';

/** Hovering an annotation shows its label, speaker and cue, with links to act on it. */
export class AnnotationHover implements vscode.HoverProvider, vscode.Disposable {
  private readonly registration: vscode.Disposable;

  /** `shown` hears of every hover given, so that the Esc that closes it stays in tagging mode. */
  constructor(private readonly store: ArticleStore, private readonly labels: LabelConfig, private readonly shown: () => void) {
    this.registration = vscode.languages.registerHoverProvider({ language: ARTICLE_LANGUAGE }, this);
  }

  provideHover(doc: vscode.TextDocument, position: vscode.Position): vscode.Hover | undefined {
    const state = this.store.get(doc.uri);
    if (state?.kind !== 'loaded') return undefined;
    const ref = annotationAt(state.annotations, doc.offsetAt(position));
    if (!ref) return undefined;
    const a = ref.annotation;
    const md = new vscode.MarkdownString(undefined, true);
    md.isTrusted = { enabledCommands: ['arabicNewsAnnotator.removeAnnotation', 'arabicNewsAnnotator.changeLabel', 'arabicNewsAnnotator.setSpeaker'] };
    const link = (command: string, title: string) => `[${title}](command:arabicNewsAnnotator.${command}?${encodeURIComponent(JSON.stringify([{ id: a.id }]))})`;
    const flag = a.anchor === 'edited' ? ' — $(warning) text edited, check the span' : '';
    if (ref.kind === 'entity') {
      const label = this.labels.byId(ref.annotation.label);
      const speaker = state.annotations.speakers.find((s) => s.mentions.includes(a.id));
      md.appendMarkdown(`**${ref.annotation.label}** ${label ? `(${label.name})` : ''} · \`${a.id}\`${flag}\n\n`);
      if (speaker) md.appendMarkdown(`names speaker **${escape(speaker.name)}**\n\n`);
      md.appendMarkdown(`${link('changeLabel', 'Change label')} · ${link('removeAnnotation', 'Remove')}`);
    } else {
      const speaker = state.annotations.speakers.find((s) => s.id === ref.annotation.speaker);
      md.appendMarkdown(`**Quotation** · \`${a.id}\`${flag}\n\n`);
      md.appendMarkdown(`speaker: **${speaker ? escape(speaker.name) : 'unknown'}**`);
      if (ref.annotation.cue) md.appendMarkdown(` · cue: ${escape(ref.annotation.cue)}`);
      md.appendMarkdown(`\n\n${link('setSpeaker', 'Set speaker')} · ${link('removeAnnotation', 'Remove')}`);
    }
    this.shown();
    return new vscode.Hover(md, new vscode.Range(doc.positionAt(a.start), doc.positionAt(a.end)));
  }

  dispose(): void {
    this.registration.dispose();
  }
}

function escape(text: string): string {
  return text.replace(/[\\`*_{}[\]()#+\-.!|<>]/g, '\\$&');
}
