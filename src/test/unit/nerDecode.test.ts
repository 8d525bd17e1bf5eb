// Forward-backward marginals (core/ner/decode.ts) against their definition: the summed probability of
// every tag sequence through a token and tag, over all allowed sequences of a short sentence.
import * as assert from 'node:assert/strict';
import { allowed, logMarginals, marginals, TAG_COUNT } from '../../core/ner/decode';

const T = TAG_COUNT;

/** A deterministic pseudo-random generator (mulberry32), so failures can be replayed. */
function random(seed: number): () => number {
  return () => {
    seed = (seed + 0x6d2b79f5) | 0;
    let x = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    x = (x + Math.imul(x ^ (x >>> 7), 61 | x)) ^ x;
    return ((x ^ (x >>> 14)) >>> 0) / 4294967296;
  };
}

/** Marginals by enumerating all T^n sequences. */
function bruteForce(emissions: Float64Array, n: number, transitions: Float64Array, temperature: number): Float64Array {
  const weight = new Float64Array(n * T);
  let z = 0;
  const path = new Array<number>(n).fill(0);
  const walk = (i: number, score: number): void => {
    if (i === n) {
      const w = Math.exp(score / temperature);
      z += w;
      for (let j = 0; j < n; j++) weight[j * T + path[j]] += w;
      return;
    }
    for (let t = 0; t < T; t++) {
      const prev = i === 0 ? -1 : path[i - 1];
      if (!allowed(prev, t)) continue;
      path[i] = t;
      walk(i + 1, score + transitions[(prev + 1) * T + t] + emissions[i * T + t]);
    }
  };
  walk(0, 0);
  return weight.map((w) => w / z);
}

function scores(next: () => number, count: number, spread: number): Float64Array {
  return Float64Array.from({ length: count }, () => (next() - 0.5) * spread);
}

describe('NER marginals', () => {
  it('equal the sums over all tag sequences, for several temperatures and sentence lengths', () => {
    const next = random(7);
    for (const temperature of [1, 5, 20]) {
      for (let n = 1; n <= 4; n++) {
        const emissions = scores(next, n * T, 40), transitions = scores(next, (T + 1) * T, 20);
        const expected = bruteForce(emissions, n, transitions, temperature);
        for (const [name, actual] of [['marginals', marginals(emissions, n, transitions, temperature)], ['logMarginals', logMarginals(emissions, n, transitions, temperature)]] as const) {
          for (let k = 0; k < n * T; k++) {
            assert.ok(Math.abs(actual[k] - expected[k]) < 1e-12, `${name}, T=${temperature} n=${n}, token ${Math.floor(k / T)} tag ${k % T}: ${actual[k]} instead of ${expected[k]}`);
          }
        }
      }
    }
  });

  it('agree with the log-space form on long sentences, and fall back to it where products underflow', () => {
    const next = random(11);
    for (const spread of [40, 1e5]) {
      const n = 60, emissions = scores(next, n * T, spread), transitions = scores(next, (T + 1) * T, 20);
      const fast = marginals(emissions, n, transitions, 1), slow = logMarginals(emissions, n, transitions, 1);
      for (let k = 0; k < n * T; k++) assert.ok(Math.abs(fast[k] - slow[k]) < 1e-12, `spread ${spread}, token ${Math.floor(k / T)} tag ${k % T}: ${fast[k]} instead of ${slow[k]}`);
      for (let i = 0; i < n; i++) {
        let sum = 0;
        for (let t = 0; t < T; t++) sum += fast[i * T + t];
        assert.ok(Math.abs(sum - 1) < 1e-12, `spread ${spread}, token ${i}: marginals sum to ${sum}`);
      }
    }
  });
});
