// Binary search over lists kept in order, so that lookups in large articles stay logarithmic.

/**
 * Number of leading items of `list` for which `before` holds; `before` must hold for a prefix of
 * the list and for nothing after it (e.g. "starts before offset x" on items sorted by start).
 */
export function partitionPoint<T>(list: ArrayLike<T>, before: (item: T) => boolean): number {
  let lo = 0, hi = list.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (before(list[mid])) lo = mid + 1; else hi = mid;
  }
  return lo;
}
