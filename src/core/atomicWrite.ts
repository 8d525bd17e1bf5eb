// Saving a sidecar must never leave a half-written file for the pipeline to read: write a temp
// file in the same directory (same file system, so rename is atomic), fsync it, rename over.
import { randomBytes } from 'node:crypto';
import { open, rename, stat, unlink, type FileHandle } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';

/** Writes `content` (strings as UTF-8) to `path` atomically; on failure the old file is untouched and no temp file remains. */
export async function writeFileAtomic(path: string, content: string | Uint8Array): Promise<void> {
  const dir = dirname(path);
  // Dot-prefixed and ending in .tmp so that file watchers and the `*.ann.yaml` scan ignore it.
  const temp = join(dir, `.${basename(path)}.${process.pid}.${randomBytes(6).toString('hex')}.tmp`);
  let handle: FileHandle | undefined;
  try {
    const mode = await existingMode(path);
    handle = await open(temp, 'wx', mode ?? 0o666);
    await handle.writeFile(content);
    await handle.sync();
    await handle.close();
    handle = undefined;
    await renameWithRetry(temp, path);
  } catch (err) {
    await handle?.close().catch(() => undefined);
    await unlink(temp).catch(() => undefined);
    const reason = err instanceof Error ? err.message : String(err);
    throw new Error(`Could not save ${path}: ${reason}. The previous version of the file is unchanged; check that the folder is writable and the disk is not full, then save again.`, { cause: err });
  }
  await syncDirectory(dir);
}

async function existingMode(path: string): Promise<number | undefined> {
  try {
    return (await stat(path)).mode & 0o7777;
  } catch {
    return undefined;
  }
}

// On Windows a virus scanner or indexer briefly holding the target makes rename fail with EPERM/EBUSY.
async function renameWithRetry(from: string, to: string): Promise<void> {
  for (let attempt = 0; ; attempt++) {
    try {
      await rename(from, to);
      return;
    } catch (err) {
      const code = (err as NodeJS.ErrnoException).code;
      if (process.platform !== 'win32' || attempt >= 5 || !(code === 'EPERM' || code === 'EBUSY' || code === 'EACCES')) throw err;
      await new Promise((resolve) => setTimeout(resolve, 20 * 2 ** attempt));
    }
  }
}

// Makes the rename itself durable across a crash; best effort (directories cannot be opened on Windows).
async function syncDirectory(dir: string): Promise<void> {
  let handle: FileHandle | undefined;
  try {
    handle = await open(dir, 'r');
    await handle.sync();
  } catch {
    // Not supported here; the file content is already synced.
  } finally {
    await handle?.close().catch(() => undefined);
  }
}
