// Strided reads of a box of an N-d array kept flat in a file (C or Fortran order), by positional reads of only what is needed.

/** Per dimension: first index, how many, and the step between them (HDF5's hyperslab, NumPy's a[start::step][:count]). */
export interface Hyperslab {
  readonly start: readonly number[];
  readonly count: readonly number[];
  readonly step: readonly number[];
}

/** Reads `length` bytes at `offset` of the element data (past any header). */
export type ByteReader = (offset: number, length: number) => Uint8Array;

/** A span is read whole when at most this many times more bytes than the elements it serves. */
const SPAN_WASTE_LIMIT = 16;

/** Element strides of a flat array of `shape` in C order (last index fastest) or Fortran order (first index fastest). */
export function elementStrides(shape: readonly number[], fortranOrder: boolean): number[] {
  const strides = new Array<number>(shape.length).fill(1);
  if (fortranOrder) for (let k = 1; k < shape.length; k++) strides[k] = strides[k - 1]! * shape[k - 1]!;
  else for (let k = shape.length - 2; k >= 0; k--) strides[k] = strides[k + 1]! * shape[k + 1]!;
  return strides;
}

/** The slab's elements in C order of `count`, as raw element bytes. */
export function readHyperslab(read: ByteReader, shape: readonly number[], fortranOrder: boolean, itemSize: number, slab: Hyperslab): Uint8Array {
  const nd = shape.length;
  const total = slab.count.reduce((a, b) => a * b, 1);
  const out = new Uint8Array(total * itemSize);
  if (total === 0) return out;
  if (nd === 0) {
    out.set(read(0, itemSize));
    return out;
  }
  const strides = elementStrides(shape, fortranOrder);
  const outStrides = elementStrides(slab.count, false);
  // The inner loop runs along the dimension whose elements lie closest together in the file.
  let inner = nd - 1;
  for (let k = 0; k < nd; k++) if (slab.count[k]! > 1 && (slab.count[inner]! <= 1 || strides[k]! < strides[inner]!)) inner = k;
  const innerCount = slab.count[inner]!;
  const gap = slab.step[inner]! * strides[inner]!;
  const spanElements = (innerCount - 1) * gap + 1;
  const wholeSpan = spanElements <= innerCount * SPAN_WASTE_LIMIT;
  const idx = new Array<number>(nd).fill(0);
  for (;;) {
    let base = 0;
    let outBase = 0;
    for (let k = 0; k < nd; k++) {
      if (k === inner) continue;
      base += (slab.start[k]! + idx[k]! * slab.step[k]!) * strides[k]!;
      outBase += idx[k]! * outStrides[k]!;
    }
    base += slab.start[inner]! * strides[inner]!;
    if (wholeSpan) {
      const span = read(base * itemSize, spanElements * itemSize);
      for (let j = 0; j < innerCount; j++) {
        const from = j * gap * itemSize;
        out.set(span.subarray(from, from + itemSize), (outBase + j * outStrides[inner]!) * itemSize);
      }
    } else {
      for (let j = 0; j < innerCount; j++) out.set(read((base + j * gap) * itemSize, itemSize), (outBase + j * outStrides[inner]!) * itemSize);
    }
    let k = nd - 1;
    for (; k >= 0; k--) {
      if (k === inner) continue;
      if (++idx[k]! < slab.count[k]!) break;
      idx[k] = 0;
    }
    if (k < 0) return out;
  }
}
