// Two independent 32-bit hashes of column values: 64-bit keys (as two words) and fixed-width byte strings (MurmurHash3).

/** Seeds of the two hashes: the first places keys in tables and picks a HyperLogLog register, the second gives its rank. */
export const SEED_A = 0x9747b28c;
export const SEED_B = 0x3c6ef372;

function mixWord(h: number, k: number): number {
  k = Math.imul(k, 0xcc9e2d51);
  k = (k << 15) | (k >>> 17);
  k = Math.imul(k, 0x1b873593);
  h ^= k;
  h = (h << 13) | (h >>> 19);
  return (Math.imul(h, 5) + (0xe6546b64 | 0)) | 0;
}

function fmix(h: number): number {
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  return h ^ (h >>> 16);
}

/**
 * First hash of the 64-bit key (lo, hi): one word folded into the other by an odd multiplier, then MurmurHash3's
 * finalizer. Half the work of hashing 8 bytes with MurmurHash3, which matters at one key per row; a bijection of
 * either word when the other is fixed (small integers, integral floats), so such keys never collide.
 */
export function hashKeyA(lo: number, hi: number): number {
  return fmix(lo ^ Math.imul(hi, 0x9e3779b1) ^ SEED_A);
}

/** Second hash of (lo, hi), the roles of the words swapped and other constants, so it is independent of hashKeyA. */
export function hashKeyB(lo: number, hi: number): number {
  return fmix(hi ^ Math.imul(lo, 0x85ebca77) ^ SEED_B);
}

/** MurmurHash3_x86_32 of bytes[at, at + width). */
export function hashBytes(bytes: Uint8Array, at: number, width: number, seed: number): number {
  let h = seed;
  const end = at + width;
  let p = at;
  for (; p + 4 <= end; p += 4) h = mixWord(h, bytes[p]! | (bytes[p + 1]! << 8) | (bytes[p + 2]! << 16) | (bytes[p + 3]! << 24));
  const rest = end - p;
  if (rest > 0) {
    let k = bytes[p]!;
    if (rest > 1) k |= bytes[p + 1]! << 8;
    if (rest > 2) k |= bytes[p + 2]! << 16;
    k = Math.imul(k, 0xcc9e2d51);
    k = (k << 15) | (k >>> 17);
    h ^= Math.imul(k, 0x1b873593);
  }
  return fmix(h ^ width);
}
