// Deterministic pseudo-randomness for the large seed: the same seed string (and demo anchor day)
// always builds the same data, row for row.

/** sfc32: a small, fast 32-bit generator with a 128-bit state (passes PractRand to 2^42+). */
export class Rng {
  private a: number;
  private b: number;
  private c: number;
  private d: number;

  constructor(seed: string) {
    // Four 32-bit words from the seed string (cyrb128), then a few rounds to mix them.
    let h1 = 1779033703,
      h2 = 3144134277,
      h3 = 1013904242,
      h4 = 2773480762;
    for (let i = 0; i < seed.length; i++) {
      const k = seed.charCodeAt(i);
      h1 = h2 ^ Math.imul(h1 ^ k, 597399067);
      h2 = h3 ^ Math.imul(h2 ^ k, 2869860233);
      h3 = h4 ^ Math.imul(h3 ^ k, 951274213);
      h4 = h1 ^ Math.imul(h4 ^ k, 2716044179);
    }
    h1 = Math.imul(h3 ^ (h1 >>> 18), 597399067);
    h2 = Math.imul(h4 ^ (h2 >>> 22), 2869860233);
    h3 = Math.imul(h1 ^ (h3 >>> 17), 951274213);
    h4 = Math.imul(h2 ^ (h4 >>> 19), 2716044179);
    this.a = (h1 ^ h2 ^ h3 ^ h4) >>> 0;
    this.b = (h2 ^ h1) >>> 0;
    this.c = (h3 ^ h1) >>> 0;
    this.d = (h4 ^ h1) >>> 0;
    for (let i = 0; i < 15; i++) this.u32();
  }

  /** A uniform unsigned 32-bit integer. */
  u32(): number {
    this.a >>>= 0;
    this.b >>>= 0;
    this.c >>>= 0;
    this.d >>>= 0;
    let t = (this.a + this.b) | 0;
    this.a = this.b ^ (this.b >>> 9);
    this.b = (this.c + (this.c << 3)) | 0;
    this.c = (this.c << 21) | (this.c >>> 11);
    this.d = (this.d + 1) | 0;
    t = (t + this.d) | 0;
    this.c = (this.c + t) | 0;
    return t >>> 0;
  }

  /** Uniform in [0, 1). */
  next(): number {
    return this.u32() / 4294967296;
  }

  /** Uniform integer in [min, max] (inclusive). */
  int(min: number, max: number): number {
    return min + Math.floor(this.next() * (max - min + 1));
  }

  /** True with probability p. */
  chance(p: number): boolean {
    return this.next() < p;
  }

  pick<T>(items: readonly T[]): T {
    return items[Math.floor(this.next() * items.length)]!;
  }

  /** Exponentially distributed with the given mean. */
  exponential(mean: number): number {
    return -Math.log(1 - this.next()) * mean;
  }

  /**
   * An index in [0, n) skewed towards 0: index = floor(n * u^power). power 1 is uniform; 2, 3...
   * make the first items (hotspots, prolific offenders) much more frequent.
   */
  skewed(n: number, power: number): number {
    return Math.min(n - 1, Math.floor(n * Math.pow(this.next(), power)));
  }

  /** A time-ordered uuid (RFC 9562 version 7 layout) for the instant `ms`, random bits from this generator. */
  uuid7(ms: number): string {
    const hi = Math.floor(ms / 0x10000); // top 32 bits of the 48-bit timestamp
    const lo = ms - hi * 0x10000; // bottom 16 bits
    const r1 = this.u32();
    const r2 = this.u32();
    const r3 = this.u32();
    const verRand = 0x7000 | (r1 & 0x0fff);
    const variant = 0x8000 | ((r1 >>> 12) & 0x3fff);
    return hex8(hi) + "-" + hex4(lo) + "-" + hex4(verRand) + "-" + hex4(variant) + "-" + hex4(r2 >>> 16) + hex8(r3);
  }
}

function hex8(n: number): string {
  return (n >>> 0).toString(16).padStart(8, "0");
}

function hex4(n: number): string {
  return (n & 0xffff).toString(16).padStart(4, "0");
}

/** Weighted choice from a fixed table: build once, sample in O(log n). */
export class Weighted<T> {
  readonly values: readonly T[];
  private readonly cumulative: Float64Array;
  private readonly total: number;

  constructor(entries: readonly (readonly [T, number])[]) {
    if (entries.length === 0) throw new Error("Weighted: no entries");
    this.values = entries.map(([value]) => value);
    this.cumulative = new Float64Array(entries.length);
    let sum = 0;
    entries.forEach(([, weight], i) => {
      sum += weight;
      this.cumulative[i] = sum;
    });
    this.total = sum;
  }

  index(rng: Rng): number {
    const x = rng.next() * this.total;
    let lo = 0;
    let hi = this.cumulative.length - 1;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (this.cumulative[mid]! > x) hi = mid;
      else lo = mid + 1;
    }
    return lo;
  }

  pick(rng: Rng): T {
    return this.values[this.index(rng)]!;
  }
}
