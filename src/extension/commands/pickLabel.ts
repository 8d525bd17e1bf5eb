import * as vscode from 'vscode';
import type { Container } from '../container';
import { tagEntity } from './tagEntity';
import { tagQuotation } from './tagQuotation';

/** A quick pick of every label and "quotation", for the selection or the word at the caret. */
export async function pickLabel(container: Container): Promise<string | undefined> {
  const items = [
    ...container.labels.table.labels.map((l) => ({ label: l.id, description: l.name, detail: `key ${l.key.toUpperCase()} in tagging mode`, id: l.id })),
    { label: 'Quotation', description: 'quoted words, marks left out', detail: `key ${container.labels.table.quotationKey.toUpperCase()} in tagging mode`, id: '' },
  ];
  const picked = await vscode.window.showQuickPick(items, { placeHolder: 'Tag the selection (or the word at the caret) as…' });
  if (!picked) return undefined;
  return picked.id ? tagEntity(container, picked.id) : tagQuotation(container);
}
