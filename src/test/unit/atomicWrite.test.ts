// Saving must leave either the old file or the new one, never a torn one, and no temp files.
import * as assert from 'node:assert/strict';
import { chmodSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { writeFileAtomic } from '../../core/atomicWrite';

describe('writeFileAtomic', () => {
  let dir = '';
  beforeEach(() => { dir = mkdtempSync(join(tmpdir(), 'ana-atomic-')); });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('creates and replaces a file as UTF-8, leaving no temp file', async () => {
    const path = join(dir, 'a.txt.ann.yaml');
    await writeFileAtomic(path, 'text: "شويغو 😀"\n');
    await writeFileAtomic(path, 'text: "كارتر"\n');
    assert.equal(readFileSync(path, 'utf8'), 'text: "كارتر"\n');
    assert.deepEqual(readdirSync(dir), ['a.txt.ann.yaml']);
  });

  it('keeps the permissions of the file it replaces', async function () {
    if (process.platform === 'win32') this.skip();
    const path = join(dir, 'a.yaml');
    writeFileSync(path, 'old');
    chmodSync(path, 0o640);
    await writeFileAtomic(path, 'new');
    assert.equal(statSync(path).mode & 0o777, 0o640);
  });

  it('fails with a clear message, the old content intact and the temp file removed', async () => {
    const target = join(dir, 'busy');
    mkdirSync(target);
    writeFileSync(join(target, 'inside'), 'x'); // renaming a file over a non-empty folder fails
    await assert.rejects(writeFileAtomic(target, 'new'), /Could not save .*busy.*previous version of the file is unchanged/);
    assert.deepEqual(readdirSync(dir), ['busy']);
    await assert.rejects(writeFileAtomic(join(dir, 'missing', 'a.yaml'), 'x'), /Could not save/);
  });

  it('concurrent saves end with one complete version', async () => {
    const path = join(dir, 'a.yaml');
    const versions = Array.from({ length: 20 }, (_, i) => `v${i}:${'ش'.repeat(10000)}`);
    await Promise.all(versions.map((v) => writeFileAtomic(path, v)));
    assert.ok(versions.includes(readFileSync(path, 'utf8')));
    assert.deepEqual(readdirSync(dir), ['a.yaml']);
  });
});
