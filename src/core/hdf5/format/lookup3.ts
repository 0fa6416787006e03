// Bob Jenkins' lookup3 hash (hashlittle), the checksum HDF5 puts on superblocks, object headers and other metadata.

/*
 * Written from the published algorithm (public domain, 2006). HDF5 calls it with initval 0 over the
 * bytes before the checksum field; the test checks it against checksums in files h5py wrote.
 * All arithmetic is on uint32 values kept in JS numbers with `| 0` / `>>> 0`.
 */

function rot(x: number, k: number): number {
  return (x << k) | (x >>> (32 - k));
}

function word(k: Uint8Array, i: number): number {
  return (k[i]! | (k[i + 1]! << 8) | (k[i + 2]! << 16) | (k[i + 3]! << 24)) | 0;
}

export function lookup3(k: Uint8Array, initval = 0): number {
  let length = k.length;
  let a = (0xdeadbeef + length + initval) | 0;
  let b = a;
  let c = a;
  let i = 0;
  while (length > 12) {
    a = (a + word(k, i)) | 0;
    b = (b + word(k, i + 4)) | 0;
    c = (c + word(k, i + 8)) | 0;
    // mix(a, b, c)
    a = (a - c) | 0; a ^= rot(c, 4); c = (c + b) | 0;
    b = (b - a) | 0; b ^= rot(a, 6); a = (a + c) | 0;
    c = (c - b) | 0; c ^= rot(b, 8); b = (b + a) | 0;
    a = (a - c) | 0; a ^= rot(c, 16); c = (c + b) | 0;
    b = (b - a) | 0; b ^= rot(a, 19); a = (a + c) | 0;
    c = (c - b) | 0; c ^= rot(b, 4); b = (b + a) | 0;
    length -= 12;
    i += 12;
  }
  if (length === 0) return c >>> 0;
  // The last 1–12 bytes, zero-extended: byte j of the tail goes to word j>>2 at bit 8*(j&3).
  const tail = [0, 0, 0];
  for (let j = 0; j < length; j++) tail[j >> 2] = (tail[j >> 2]! + (k[i + j]! << (8 * (j & 3)))) | 0;
  a = (a + tail[0]!) | 0;
  b = (b + tail[1]!) | 0;
  c = (c + tail[2]!) | 0;
  // final(a, b, c)
  c ^= b; c = (c - rot(b, 14)) | 0;
  a ^= c; a = (a - rot(c, 11)) | 0;
  b ^= a; b = (b - rot(a, 25)) | 0;
  c ^= b; c = (c - rot(b, 16)) | 0;
  a ^= c; a = (a - rot(c, 4)) | 0;
  b ^= a; b = (b - rot(a, 14)) | 0;
  c ^= b; c = (c - rot(b, 24)) | 0;
  return c >>> 0;
}
