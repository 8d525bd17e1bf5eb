// Sequence decoding over IOB2 tags for a linear model: Viterbi for the best tagging and
// forward-backward for per-token marginals (the confidence of a suggestion). Shared by training and
// tagging. Scores are laid out row-major: emissions[i * T + t], transitions[(prev + 1) * T + t] with
// prev = -1 for the sentence start.

/** Entity types, in the order of the tag set. */
export const NER_LABELS = ['PER', 'ORG', 'LOC', 'MISC'] as const;
export type NerLabel = (typeof NER_LABELS)[number];

/** O, then B-X and I-X per label: O B-PER I-PER B-ORG I-ORG B-LOC I-LOC B-MISC I-MISC. */
export const NER_TAGS: readonly string[] = ['O', ...NER_LABELS.flatMap((l) => [`B-${l}`, `I-${l}`])];
export const TAG_COUNT = NER_TAGS.length;

/** Whether tag `t` may follow `prev` (-1: sentence start): I-X only continues B-X or I-X. */
export function allowed(prev: number, t: number): boolean {
  if (t === 0 || t % 2 === 1) return true;
  return prev === t - 1 || prev === t;
}

const ALLOWED: Uint8Array = (() => {
  const a = new Uint8Array((TAG_COUNT + 1) * TAG_COUNT);
  for (let p = -1; p < TAG_COUNT; p++) for (let t = 0; t < TAG_COUNT; t++) a[(p + 1) * TAG_COUNT + t] = allowed(p, t) ? 1 : 0;
  return a;
})();

/** Best tag sequence of n tokens. */
export function viterbi(emissions: ArrayLike<number>, n: number, transitions: ArrayLike<number>): Int32Array {
  const T = TAG_COUNT;
  if (n === 0) return new Int32Array(0);
  const best = new Float64Array(n * T);
  const back = new Int32Array(n * T);
  for (let t = 0; t < T; t++) best[t] = ALLOWED[t] ? emissions[t] + transitions[t] : -Infinity;
  for (let i = 1; i < n; i++) {
    for (let t = 0; t < T; t++) {
      let top = -Infinity, arg = 0;
      // O and B-X may follow any tag, I-X only B-X and I-X (see allowed): the others are not tried.
      const from = t === 0 || t % 2 === 1 ? 0 : t - 1, to = t === 0 || t % 2 === 1 ? T - 1 : t;
      for (let p = from; p <= to; p++) {
        const k = (p + 1) * T + t;
        const s = best[(i - 1) * T + p] + transitions[k];
        if (s > top) { top = s; arg = p; }
      }
      best[i * T + t] = top + emissions[i * T + t];
      back[i * T + t] = arg;
    }
  }
  const path = new Int32Array(n);
  let top = -Infinity, arg = 0;
  for (let t = 0; t < T; t++) if (best[(n - 1) * T + t] > top) { top = best[(n - 1) * T + t]; arg = t; }
  for (let i = n - 1; i >= 0; i--) {
    path[i] = arg;
    arg = back[i * T + arg];
  }
  return path;
}

/**
 * Per-token tag marginals, scores read as log-potentials divided by `temperature`. Forward-backward in
 * probability space with each position scaled to sum 1: T exponentials per token instead of the T²
 * of log-space sums. Equal to the log-space form to rounding; that form remains for inputs whose
 * scaled products underflow (score ranges beyond ~700 × temperature).
 */
export function marginals(emissions: ArrayLike<number>, n: number, transitions: ArrayLike<number>, temperature: number): Float64Array {
  const T = TAG_COUNT;
  if (n === 0) return new Float64Array(0);
  const inv = 1 / temperature;
  const moves = expTransitions(transitions, inv);
  // pot[i * T + t]: the token's potential relative to its best tag; alpha rows sum to 1, scale[i] is what they summed to before.
  const pot = new Float64Array(n * T);
  const alpha = new Float64Array(n * T);
  const scale = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    const o = i * T;
    let max = -Infinity;
    for (let t = 0; t < T; t++) {
      const s = i === 0 ? emissions[t] + transitions[t] : emissions[o + t];
      if (s > max) max = s;
    }
    for (let t = 0; t < T; t++) pot[o + t] = Math.exp(((i === 0 ? emissions[t] + transitions[t] : emissions[o + t]) - max) * inv);
  }
  let sum = 0;
  for (let t = 0; t < T; t++) sum += alpha[t] = ALLOWED[t] ? pot[t] : 0;
  if (!(sum > 0 && sum < Infinity)) return logMarginals(emissions, n, transitions, temperature);
  scale[0] = sum;
  for (let t = 0; t < T; t++) alpha[t] /= sum;
  for (let i = 1; i < n; i++) {
    const o = i * T, prev = o - T;
    sum = 0;
    for (let t = 0; t < T; t++) {
      let a = 0;
      for (let p = 0; p < T; p++) a += alpha[prev + p] * moves[(p + 1) * T + t];
      sum += alpha[o + t] = a * pot[o + t];
    }
    if (!(sum > 0 && sum < Infinity)) return logMarginals(emissions, n, transitions, temperature);
    scale[i] = sum;
    for (let t = 0; t < T; t++) alpha[o + t] /= sum;
  }
  // beta is scaled by the same factors, so that alpha × beta is the marginal itself.
  const out = alpha;
  const beta = new Float64Array(T).fill(1);
  const next = new Float64Array(T);
  for (let i = n - 2; i >= 0; i--) {
    const o = (i + 1) * T;
    for (let t = 0; t < T; t++) next[t] = pot[o + t] * beta[t];
    for (let p = 0; p < T; p++) {
      let b = 0;
      for (let t = 0; t < T; t++) b += moves[(p + 1) * T + t] * next[t];
      beta[p] = b / scale[i + 1];
    }
    for (let t = 0; t < T; t++) out[i * T + t] *= beta[t];
  }
  return out;
}

/** exp(transition / temperature) of allowed moves, 0 for the others; kept per transition table. */
function expTransitions(transitions: ArrayLike<number>, inv: number): Float64Array {
  const cached = expCache.get(transitions);
  if (cached && cached.inv === inv) return cached.moves;
  const moves = new Float64Array((TAG_COUNT + 1) * TAG_COUNT);
  for (let k = 0; k < moves.length; k++) moves[k] = ALLOWED[k] ? Math.exp(transitions[k] * inv) : 0;
  expCache.set(transitions, { inv, moves });
  return moves;
}

const expCache = new WeakMap<ArrayLike<number>, { inv: number; moves: Float64Array }>();

/** marginals in log space: slower, but safe from underflow. */
export function logMarginals(emissions: ArrayLike<number>, n: number, transitions: ArrayLike<number>, temperature: number): Float64Array {
  const T = TAG_COUNT;
  if (n === 0) return new Float64Array(0);
  const inv = 1 / temperature;
  const alpha = new Float64Array(n * T).fill(-Infinity);
  const beta = new Float64Array(n * T).fill(-Infinity);
  const tmp = new Float64Array(T);
  for (let t = 0; t < T; t++) if (ALLOWED[t]) alpha[t] = (emissions[t] + transitions[t]) * inv;
  for (let i = 1; i < n; i++) {
    for (let t = 0; t < T; t++) {
      for (let p = 0; p < T; p++) {
        const k = (p + 1) * T + t;
        tmp[p] = ALLOWED[k] ? alpha[(i - 1) * T + p] + transitions[k] * inv : -Infinity;
      }
      alpha[i * T + t] = logSumExp(tmp) + emissions[i * T + t] * inv;
    }
  }
  for (let t = 0; t < T; t++) beta[(n - 1) * T + t] = 0;
  for (let i = n - 2; i >= 0; i--) {
    for (let p = 0; p < T; p++) {
      for (let t = 0; t < T; t++) {
        const k = (p + 1) * T + t;
        tmp[t] = ALLOWED[k] ? transitions[k] * inv + emissions[(i + 1) * T + t] * inv + beta[(i + 1) * T + t] : -Infinity;
      }
      beta[i * T + p] = logSumExp(tmp);
    }
  }
  const out = new Float64Array(n * T);
  const z = logSumExp(alpha.subarray((n - 1) * T, n * T));
  for (let k = 0; k < n * T; k++) out[k] = Math.exp(alpha[k] + beta[k] - z);
  return out;
}

function logSumExp(xs: ArrayLike<number>): number {
  let max = -Infinity;
  for (let k = 0; k < xs.length; k++) if (xs[k] > max) max = xs[k];
  if (max === -Infinity) return -Infinity;
  let sum = 0;
  for (let k = 0; k < xs.length; k++) sum += Math.exp(xs[k] - max);
  return max + Math.log(sum);
}

/** Entity spans [label, first token, last token] of a tag sequence (tag indices into NER_TAGS). */
export function tagSpans(path: ArrayLike<number>): Array<{ label: NerLabel; first: number; last: number }> {
  const spans: Array<{ label: NerLabel; first: number; last: number }> = [];
  for (let i = 0; i < path.length; i++) {
    const t = path[i];
    if (t === 0) continue;
    const isBegin = t % 2 === 1;
    const prev = spans[spans.length - 1];
    if (!isBegin && prev && prev.last === i - 1 && NER_LABELS.indexOf(prev.label) === (t - 2) / 2) prev.last = i;
    else spans.push({ label: NER_LABELS[(t - (isBegin ? 1 : 2)) / 2], first: i, last: i });
  }
  return spans;
}
