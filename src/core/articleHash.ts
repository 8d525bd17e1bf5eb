// The sidecar records which article text its offsets belong to; a different hash means the
// article changed (edits, CRLF, a re-scrape) and the annotations must be re-anchored.
import { createHash } from 'node:crypto';

/** SHA-256 of the text's UTF-8 bytes, as 64 lowercase hex digits (Python: `hashlib.sha256(text.encode('utf-8')).hexdigest()`). */
export function articleSha256(text: string): string {
  return createHash('sha256').update(text, 'utf8').digest('hex');
}
