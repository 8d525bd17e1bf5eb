import * as fs from 'node:fs';
import * as vscode from 'vscode';
import type { AnnotationSet } from '../core/model';
import { loadNerModel, type NerModel } from '../core/ner/nerModel';
import { countOf } from '../core/plural';
import { mergeSuggestions, type MergeOutcome } from '../core/suggestions';
import { SETTINGS_SECTION } from './articleLanguage';

/**
 * Runs the offline suggesters (quotations with speakers, entities) on an article. The entity model
 * (a few MB) is read on first use, not at activation.
 */
export class SuggestionEngine {
  private model: NerModel | undefined;
  private modelError: string | undefined;

  constructor(private readonly context: vscode.ExtensionContext, private readonly log: vscode.LogOutputChannel) {}

  enabled(uri: vscode.Uri): boolean {
    return vscode.workspace.getConfiguration(SETTINGS_SECTION, uri).get<boolean>('suggestions.enabled', true);
  }

  /** Adds suggestions to `set` for `text`; what was added, or undefined when suggestions are off. */
  suggest(uri: vscode.Uri, set: AnnotationSet, text: string): MergeOutcome | undefined {
    if (!this.enabled(uri)) return undefined;
    const started = Date.now();
    const outcome = mergeSuggestions(set, text, { ner: this.nerModel() });
    this.log.debug(`Suggestions for ${uri.fsPath}: ${countOf(outcome.entities, 'entity', 'entities')}, ${countOf(outcome.quotations, 'quotation')}, ${countOf(outcome.speakers, 'speaker')} in ${Date.now() - started} ms`);
    return outcome;
  }

  private nerModel(): NerModel | undefined {
    if (this.model || this.modelError) return this.model;
    const file = this.context.asAbsolutePath('models/ner-model.json');
    try {
      this.model = loadNerModel(fs.readFileSync(file, 'utf8'));
    } catch (err) {
      this.modelError = err instanceof Error ? err.message : String(err);
      const message = `The entity model ${file} could not be loaded (${this.modelError}); only quotations and speakers are suggested. Reinstall the extension.`;
      this.log.error(message);
      void vscode.window.showWarningMessage(message);
    }
    return this.model;
  }
}
