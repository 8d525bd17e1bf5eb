import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as vscode from 'vscode';
import { annotatorApi, articlePath, closeAllEditors, openArticle, select, waitFor } from './testUtil';

const HEADER = (article: string) => `schema: arabic-news-annotator/sidecar
schema_version: 1
article: "${article}"
sha256: "0000000000000000000000000000000000000000000000000000000000000000"
offsets: code-points
status: in-progress
`;

/** Broken sidecars and the 1-based line the first error must be reported on. */
const BROKEN: Array<{ name: string; body: (article: string) => string; line: number }> = [
  { name: 'not YAML', body: () => 'schema: arabic-news-annotator/sidecar\nentities:\n  - id: e1\n    label: [PER\n', line: 5 /* the parser notices the unclosed [ at the end of the file */ },
  { name: 'inverted offsets', body: (a) => `${HEADER(a)}entities:\n  - id: e1\n    label: PER\n    start: 40\n    end: 30\n    text: "شويغو"\n`, line: 10 },
  { name: 'unknown label', body: (a) => `${HEADER(a)}entities:\n  - id: e1\n    label: PERSON\n    start: 0\n    end: 5\n    text: "شويغو"\n`, line: 9 },
];

suite('a broken sidecar is reported and never overwritten', () => {
  teardown(closeAllEditors);

  for (const [i, broken] of BROKEN.entries()) {
    test(`${broken.name}: reported in the Problems panel at line ${broken.line}, article still opens, file untouched`, async () => {
      const api = await annotatorApi();
      const name = `broken_${i}.txt`;
      const file = articlePath(name);
      fs.copyFileSync(articlePath('000_4cb1cd4800d685dd.txt'), file);
      const sidecar = `${file}.ann.yaml`;
      const bytes = Buffer.from(broken.body(name), 'utf8');
      fs.writeFileSync(sidecar, bytes);

      const editor = await openArticle(file);
      assert.equal(api.sidecarState(editor.document.uri), 'broken');
      const diagnostics = await waitFor('a diagnostic on the sidecar', () => {
        const found = vscode.languages.getDiagnostics(vscode.Uri.file(sidecar));
        return found.length ? found : undefined;
      });
      const errors = diagnostics.filter((d) => d.severity === vscode.DiagnosticSeverity.Error);
      assert.ok(errors.length > 0, 'at least one error');
      assert.equal(errors[0].range.start.line + 1, broken.line, errors[0].message);

      // Tagging is refused rather than writing over the user's file.
      select(editor, 'شويغو');
      assert.equal(await vscode.commands.executeCommand('arabicNewsAnnotator.tagEntity', 'PER'), undefined);
      await vscode.commands.executeCommand('arabicNewsAnnotator.exportAnnotations');
      await editor.edit((b) => b.insert(new vscode.Position(0, 0), 'x'));
      await new Promise((r) => setTimeout(r, 500));
      assert.deepEqual(fs.readFileSync(sidecar), bytes, 'the broken sidecar is byte-identical');
      await vscode.commands.executeCommand('workbench.action.files.revert');
    });
  }

  test('"Keep as .bak and start fresh" keeps the old file and lets the team annotate again', async () => {
    const api = await annotatorApi();
    const file = articlePath('broken_fresh.txt');
    fs.copyFileSync(articlePath('000_4cb1cd4800d685dd.txt'), file);
    const sidecar = `${file}.ann.yaml`;
    fs.rmSync(`${sidecar}.bak`, { force: true });
    fs.writeFileSync(sidecar, 'entities: [\n');
    const editor = await openArticle(file);
    assert.equal(api.sidecarState(editor.document.uri), 'broken');
    const backup = await vscode.commands.executeCommand<string>('arabicNewsAnnotator.resolveBrokenSidecar', 'startFresh');
    assert.equal(backup, `${sidecar}.bak`);
    assert.equal(fs.readFileSync(backup, 'utf8'), 'entities: [\n');
    assert.equal(api.sidecarState(editor.document.uri), 'loaded');
    await waitFor('diagnostics cleared', () => vscode.languages.getDiagnostics(vscode.Uri.file(sidecar)).length === 0);
    select(editor, 'شويغو');
    assert.ok(await vscode.commands.executeCommand('arabicNewsAnnotator.tagEntity', 'PER'));
    assert.match(fs.readFileSync(sidecar, 'utf8'), /text: "شويغو"/);
  });

  test('a sidecar fixed by hand is picked up again', async () => {
    const api = await annotatorApi();
    const file = articlePath('broken_fixed.txt');
    fs.copyFileSync(articlePath('000_4cb1cd4800d685dd.txt'), file);
    const sidecar = `${file}.ann.yaml`;
    fs.writeFileSync(sidecar, 'entities: [\n');
    const editor = await openArticle(file);
    assert.equal(api.sidecarState(editor.document.uri), 'broken');
    fs.writeFileSync(sidecar, `${HEADER('broken_fixed.txt')}entities: []\nquotations: []\nspeakers: []\n`);
    assert.equal(await vscode.commands.executeCommand('arabicNewsAnnotator.resolveBrokenSidecar', 'reload'), 'loaded');
    assert.equal(api.sidecarState(editor.document.uri), 'loaded');
  });
});
