import * as vscode from 'vscode';
import { Container } from './container';
import { AnnotatorApi, createApi } from './api';

let container: Container | undefined;

export async function activate(context: vscode.ExtensionContext): Promise<AnnotatorApi> {
  container = new Container(context);
  await container.start();
  return createApi(container);
}

/** VS Code waits for the returned promise: pending sidecar writes finish before the host stops. */
export async function deactivate(): Promise<void> {
  const stopping = container;
  container = undefined;
  if (!stopping) return;
  try {
    await stopping.store.flushAll();
  } finally {
    stopping.dispose();
  }
}
