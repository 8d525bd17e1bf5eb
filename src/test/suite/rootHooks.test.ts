import * as vscode from 'vscode';

// Root hooks for the whole suite. Suggestions are off by default here so that each test sees exactly
// the annotations it made; suggestions.test.ts turns them on for itself.
suiteSetup(async () => {
  await vscode.workspace.getConfiguration('arabicNewsAnnotator').update('suggestions.enabled', false, vscode.ConfigurationTarget.Global);
});
