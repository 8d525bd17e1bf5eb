// VS Code and JavaScript strings count UTF-16 code units; the sidecar (and the team's Python
// pipeline) counts Unicode code points. This map converts between the two for one text.

/** Converts offsets between UTF-16 code units and code points for one fixed text. */
export class OffsetMap {
  /** UTF-16 offsets of every astral (surrogate-pair) character, ascending. Empty for most texts. */
  private readonly astral: number[] = [];
  readonly utf16Length: number;
  readonly codePointLength: number;

  constructor(readonly text: string) {
    for (let i = 0; i < text.length; i++) {
      const c = text.charCodeAt(i);
      if (c >= 0xd800 && c <= 0xdbff && i + 1 < text.length) {
        const d = text.charCodeAt(i + 1);
        if (d >= 0xdc00 && d <= 0xdfff) { this.astral.push(i); i++; }
      }
    }
    this.utf16Length = text.length;
    this.codePointLength = text.length - this.astral.length;
  }

  /** Code-point offset of a UTF-16 offset. An offset inside a surrogate pair counts as the pair's start. */
  toCodePoint(utf16: number): number {
    return utf16 - this.countAstralBefore(utf16);
  }

  /** UTF-16 offset of a code-point offset (0..codePointLength). */
  toUtf16(codePoint: number): number {
    // Each astral character before the target adds one extra unit.
    let lo = 0, hi = this.astral.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      // astral[mid] sits at code point astral[mid] - mid.
      if (this.astral[mid] - mid < codePoint) lo = mid + 1; else hi = mid;
    }
    return codePoint + lo;
  }

  /** True when the UTF-16 offset falls between the two halves of a surrogate pair. */
  splitsPair(utf16: number): boolean {
    return utf16 > 0 && this.isAstralStart(utf16 - 1);
  }

  private isAstralStart(utf16: number): boolean {
    return this.astral[this.lowerBound(utf16)] === utf16;
  }

  /** Pairs starting before utf16; a pair split by utf16 counts, so its middle maps to its start. */
  private countAstralBefore(utf16: number): number {
    return this.lowerBound(utf16);
  }

  private lowerBound(utf16: number): number {
    let lo = 0, hi = this.astral.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (this.astral[mid] < utf16) lo = mid + 1; else hi = mid;
    }
    return lo;
  }
}
