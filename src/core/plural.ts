// Counts in messages: "1 quotation", "2 quotations", never "1 quotations".

/** `n` and the noun in the number it takes (the plural defaults to the noun with an s). */
export function countOf(n: number, singular: string, plural = `${singular}s`): string {
  return `${n} ${n === 1 ? singular : plural}`;
}
