import type * as vscode from 'vscode';

const texts = new WeakMap<vscode.TextDocument, { version: number; text: string }>();

/**
 * The text of a document, read once per version: `getText()` joins every line anew on each call,
 * which on a 1 MB dump costs milliseconds several times per keystroke.
 */
export function documentText(doc: vscode.TextDocument): string {
  const known = texts.get(doc);
  if (known && known.version === doc.version && !doc.isClosed) return known.text;
  const text = doc.getText();
  texts.set(doc, { version: doc.version, text });
  return text;
}
