// Smoke tests of the integration harness itself: the extension under development is
// loaded into the real extension host, and the runner's fixture workspace is open.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';

const EXTENSION_ID = 'arabic-news-annotator.arabic-news-annotator';

suite('integration harness', () => {
  test('loads the extension under development and activates it', async () => {
    const ext = vscode.extensions.getExtension(EXTENSION_ID);
    assert.ok(ext, `${EXTENSION_ID} is not among the extensions the host loaded`);
    await ext.activate();
    assert.equal(ext.isActive, true);
  });

  test('opens the fixture workspace with the seed articles', async () => {
    const folders = vscode.workspace.workspaceFolders ?? [];
    assert.equal(folders.length, 1, 'expected exactly one workspace folder');
    if (process.env.ANA_TEST_WORKSPACE) {
      assert.equal(folders[0].uri.fsPath, process.env.ANA_TEST_WORKSPACE);
    }
    const found = await vscode.workspace.findFiles('articles/*.txt');
    const names = found.map((uri) => path.basename(uri.fsPath)).sort();
    const seedsDir = path.join(process.env.ANA_SHARED ?? path.resolve(__dirname, '../../../../shared'), 'corpus', 'seeds');
    const expected = fs.readdirSync(seedsDir).filter((n) => n.endsWith('.txt')).sort();
    assert.ok(expected.length > 0, `no seeds in ${seedsDir}`);
    // Other suites add their own copies beside the seeds; every seed must be there.
    for (const seed of expected) assert.ok(names.includes(seed), `${seed} missing from the workspace`);

    const doc = await vscode.workspace.openTextDocument(found[0]);
    assert.match(doc.getText(), /[\u0621-\u064A]{3,}/, 'seed article holds no Arabic text');
  });
});
