// A growable little-endian byte buffer for encoding HDF5 metadata (superblock, object headers, messages, heaps).

/** HDF5's "undefined address": all ones in an 8-byte offset. */
export const UNDEFINED_ADDRESS = 0xffff_ffff_ffff_ffffn;

export class ByteWriter {
  private buf = new Uint8Array(256);
  private view = new DataView(this.buf.buffer);
  private n = 0;

  get length(): number {
    return this.n;
  }

  private ensure(more: number): void {
    if (this.n + more <= this.buf.length) return;
    const next = new Uint8Array(Math.max(this.buf.length * 2, this.n + more));
    next.set(this.buf.subarray(0, this.n));
    this.buf = next;
    this.view = new DataView(next.buffer);
  }

  u8(v: number): this {
    this.ensure(1);
    this.view.setUint8(this.n, v);
    this.n += 1;
    return this;
  }

  u16(v: number): this {
    if (!(Number.isInteger(v) && v >= 0 && v <= 0xffff)) throw new RangeError(`${v} does not fit 2 bytes`);
    this.ensure(2);
    this.view.setUint16(this.n, v, true);
    this.n += 2;
    return this;
  }

  u32(v: number): this {
    if (!(Number.isInteger(v) && v >= 0 && v <= 0xffff_ffff)) throw new RangeError(`${v} does not fit 4 bytes`);
    this.ensure(4);
    this.view.setUint32(this.n, v, true);
    this.n += 4;
    return this;
  }

  /** An 8-byte length or address; bigint for the undefined address and int64 attribute values. */
  u64(v: number | bigint): this {
    this.ensure(8);
    this.view.setBigUint64(this.n, BigInt.asUintN(64, BigInt(v)), true);
    this.n += 8;
    return this;
  }

  /** An unsigned value in `width` bytes (1–4), as HDF5's variable-width fields are. */
  uint(v: number, width: number): this {
    if (!(Number.isInteger(v) && v >= 0 && v < 2 ** (8 * width))) throw new RangeError(`${v} does not fit ${width} bytes`);
    for (let k = 0; k < width; k++) this.u8(Math.floor(v / 2 ** (8 * k)) & 0xff);
    return this;
  }

  f64(v: number): this {
    this.ensure(8);
    this.view.setFloat64(this.n, v, true);
    this.n += 8;
    return this;
  }

  bytes(b: Uint8Array): this {
    this.ensure(b.length);
    this.buf.set(b, this.n);
    this.n += b.length;
    return this;
  }

  zeros(count: number): this {
    this.ensure(count);
    this.buf.fill(0, this.n, this.n + count);
    this.n += count;
    return this;
  }

  /** Pads with zeros to a multiple of `alignment`. */
  align(alignment: number): this {
    return this.zeros((alignment - (this.n % alignment)) % alignment);
  }

  /** The bytes written so far (a view; copy it before writing more if it must stay). */
  result(): Uint8Array {
    return this.buf.subarray(0, this.n);
  }
}

const utf8 = new TextEncoder();

export function utf8Bytes(s: string): Uint8Array {
  return utf8.encode(s);
}

/** True when every character is 7-bit: HDF5 then needs no UTF-8 character-set flag. */
export function isAscii(s: string): boolean {
  return /^[\x00-\x7f]*$/.test(s);
}
