// How the bytes of an article file become its text: the same rule VS Code applies (a leading
// UTF-8 byte-order mark is dropped, line endings are kept), so that the CLI, the extension and
// the Python pipeline (`open(p, encoding='utf-8-sig', newline='')`) count the same offsets.

const decoder = new TextDecoder('utf-8', { ignoreBOM: false, fatal: false });

/** Decodes an article file's bytes: UTF-8, BOM removed, invalid bytes as U+FFFD, CR/LF untouched. */
export function decodeArticle(bytes: Uint8Array): string {
  return decoder.decode(bytes);
}
