import * as vscode from 'vscode';
import { Container } from './container';
import { AnnotatorApi, createApi } from './api';

let container: Container | undefined;

export function activate(context: vscode.ExtensionContext): AnnotatorApi {
  container = new Container(context);
  return createApi(container);
}

export function deactivate(): void {
  container?.dispose();
  container = undefined;
}
