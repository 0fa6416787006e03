// Classifies one field's bytes (missing / bool / integer / float / text) and parses numbers exactly as NumPy does, without building strings.

export const MISSING = 0;
/** Integer syntax with at most 15 digits: `value` is exact. */
export const INT = 1;
/** Integer syntax with more digits: `value` is the correctly rounded float; use bigIntValue() for the exact integer. */
export const BIG_INT = 2;
export const FLOAT = 3;
export const TRUE = 4;
export const FALSE = 5;
export const TEXT = 6;

export const POW10 = Array.from({ length: 23 }, (_, i) => Number(`1e${i}`));
// Strictly below 2^53 every step m*10+d of the digit loop was exact (a rounded step would leave m ≥ 2^53).
export const EXACT_LIMIT = 9007199254740992;
export const latin1 = new TextDecoder('latin1');

export class FieldScanner {
  /** The number after classify() returned INT, BIG_INT or FLOAT. */
  value = 0;
  /** Trimmed bounds of the last field. */
  start = 0;
  end = 0;
  /** The last FLOAT had a decimal point (for reasons: "is written with a decimal point"). */
  fraction = false;

  classify(buf: Uint8Array, s: number, e: number): number {
    while (s < e && (buf[s] === 32 || buf[s] === 9)) s++;
    while (e > s && (buf[e - 1] === 32 || buf[e - 1] === 9)) e--;
    this.start = s;
    this.end = e;
    if (s === e) return MISSING;
    let i = s;
    let c = buf[i]!;
    const neg = c === 45;
    if (neg || c === 43) {
      if (++i === e) return TEXT;
      c = buf[i]!;
    }
    let m = 0;
    let nd = 0;
    let d = c - 48;
    while (d >= 0 && d <= 9) {
      m = m * 10 + d;
      nd++;
      if (++i === e) break;
      d = buf[i]! - 48;
    }
    if (i === e) {
      if (nd <= 15) {
        this.value = neg ? -m : m;
        return INT;
      }
      this.value = Number(latin1.decode(buf.subarray(s, e)));
      return BIG_INT;
    }
    let fd = 0;
    this.fraction = false;
    if (buf[i] === 46) {
      this.fraction = true;
      i++;
      while (i < e) {
        d = buf[i]! - 48;
        if (d < 0 || d > 9) break;
        m = m * 10 + d;
        nd++;
        fd++;
        i++;
      }
    }
    if (nd === 0) return this.words(buf, s, e);
    let exp = 0;
    if (i < e && (buf[i] === 101 || buf[i] === 69)) {
      i++;
      let eneg = false;
      if (i < e && (buf[i] === 45 || buf[i] === 43)) eneg = buf[i++] === 45;
      const digitsAt = i;
      while (i < e) {
        d = buf[i]! - 48;
        if (d < 0 || d > 9) break;
        if (exp < 100000) exp = exp * 10 + d;
        i++;
      }
      if (i === digitsAt) return TEXT;
      if (eneg) exp = -exp;
    }
    if (i !== e) return TEXT;
    const e10 = exp - fd;
    let v: number;
    if (m < EXACT_LIMIT && e10 >= -22 && e10 <= 22) {
      // Both operands are exact, so one IEEE operation gives the correctly rounded result.
      v = e10 >= 0 ? m * POW10[e10]! : m / POW10[-e10]!;
      if (neg) v = -v;
    } else {
      v = Number(latin1.decode(buf.subarray(s, e)));
    }
    this.value = v;
    return FLOAT;
  }

  /** The exact integer of the last BIG_INT or INT field. */
  bigIntValue(buf: Uint8Array): bigint {
    return BigInt(latin1.decode(buf.subarray(this.start, this.end)));
  }

  /** Non-digit spellings: missing-value tokens, inf/nan as Python's float() reads them, and bool words. */
  private words(buf: Uint8Array, s: number, e: number): number {
    const n = e - s;
    if (n === 2 && buf[s] === 78 && buf[s + 1] === 65) return MISSING; // NA
    if (n === 3 && same(buf, s, 'N/A')) return MISSING;
    if (n === 4 && same(buf, s, 'NULL')) return MISSING;
    if (n === 3 && (same(buf, s, 'NaN') || same(buf, s, 'nan'))) return MISSING;
    if (n === 4 && (same(buf, s, 'True') || same(buf, s, 'true') || same(buf, s, 'TRUE'))) return TRUE;
    if (n === 5 && (same(buf, s, 'False') || same(buf, s, 'false') || same(buf, s, 'FALSE'))) return FALSE;
    let i = s;
    let sign = 1;
    if (buf[i] === 45 || buf[i] === 43) sign = buf[i++] === 45 ? -1 : 1;
    const r = e - i;
    if ((r === 3 && sameFolded(buf, i, 'inf')) || (r === 8 && sameFolded(buf, i, 'infinity'))) {
      this.value = sign * Infinity;
      this.fraction = false;
      return FLOAT;
    }
    if (r === 3 && sameFolded(buf, i, 'nan')) {
      this.value = NaN;
      this.fraction = false;
      return FLOAT;
    }
    return TEXT;
  }
}

function same(buf: Uint8Array, s: number, word: string): boolean {
  for (let k = 0; k < word.length; k++) if (buf[s + k] !== word.charCodeAt(k)) return false;
  return true;
}

function sameFolded(buf: Uint8Array, s: number, lower: string): boolean {
  for (let k = 0; k < lower.length; k++) if ((buf[s + k]! | 0x20) !== lower.charCodeAt(k)) return false;
  return true;
}
