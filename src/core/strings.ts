// String helpers for data kept for a long time (the workspace indexes).

/**
 * A copy of `s` that shares no memory with the string it was cut from. V8 keeps a slice of a
 * long string as a view of it, so one name sliced from a sidecar would keep the whole file's
 * text alive for as long as the index keeps the name; the concatenation forces a flat copy.
 */
export function ownCopy(s: string): string {
  return (` ${s}`).slice(1);
}
