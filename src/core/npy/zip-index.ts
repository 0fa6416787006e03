// The member list of a zip (.npz) from its central directory, and a streamed reader of one member (inflate by fflate).

import fs from 'node:fs';

export interface ZipMember {
  readonly name: string;
  /** 0 stored, 8 deflate. */
  readonly method: number;
  readonly compressedSize: number;
  readonly size: number;
  readonly localHeaderOffset: number;
}

const EOCD_SIG = 0x06054b50;
const ZIP64_LOCATOR_SIG = 0x07064b50;
const ZIP64_EOCD_SIG = 0x06064b50;
const CENTRAL_SIG = 0x02014b50;
const LOCAL_SIG = 0x04034b50;
const MAX_COMMENT = 0xffff;

function readAt(fd: number, position: number, length: number): Buffer {
  const buf = Buffer.alloc(length);
  let done = 0;
  while (done < length) {
    const n = fs.readSync(fd, buf, done, length - done, position + done);
    if (n === 0) throw new Error(`the zip ends at byte ${position + done}, before its directory says it should`);
    done += n;
  }
  return buf;
}

/** Lists the members (only the directory is read, however big the members are). */
export function listZip(path: string): ZipMember[] {
  const fd = fs.openSync(path, 'r');
  try {
    const size = fs.fstatSync(fd).size;
    const tailLen = Math.min(size, 22 + MAX_COMMENT);
    const tail = readAt(fd, size - tailLen, tailLen);
    let eocd = -1;
    for (let i = tailLen - 22; i >= 0; i--) if (tail.readUInt32LE(i) === EOCD_SIG) { eocd = i; break; }
    if (eocd < 0) throw new Error('not a complete zip archive (no end-of-central-directory record)');
    let count = tail.readUInt16LE(eocd + 10);
    let dirSize = tail.readUInt32LE(eocd + 12);
    let dirOffset = tail.readUInt32LE(eocd + 16);
    const locatorAt = size - tailLen + eocd - 20;
    if (locatorAt >= 0 && readAt(fd, locatorAt, 4).readUInt32LE(0) === ZIP64_LOCATOR_SIG) {
      const z64 = readAt(fd, Number(readAt(fd, locatorAt + 8, 8).readBigUInt64LE(0)), 56);
      if (z64.readUInt32LE(0) !== ZIP64_EOCD_SIG) throw new Error('broken zip64 directory record');
      count = Number(z64.readBigUInt64LE(32));
      dirSize = Number(z64.readBigUInt64LE(40));
      dirOffset = Number(z64.readBigUInt64LE(48));
    }
    const dir = readAt(fd, dirOffset, dirSize);
    const members: ZipMember[] = [];
    for (let p = 0, i = 0; i < count; i++) {
      if (dir.readUInt32LE(p) !== CENTRAL_SIG) throw new Error(`broken zip directory at entry ${i + 1}`);
      const nameLen = dir.readUInt16LE(p + 28);
      const extraLen = dir.readUInt16LE(p + 30);
      const commentLen = dir.readUInt16LE(p + 32);
      const name = dir.toString((dir.readUInt16LE(p + 8) & 0x800) !== 0 ? 'utf8' : 'latin1', p + 46, p + 46 + nameLen);
      const fields = [dir.readUInt32LE(p + 24), dir.readUInt32LE(p + 20), dir.readUInt32LE(p + 42)];
      zip64Fields(dir.subarray(p + 46 + nameLen, p + 46 + nameLen + extraLen), fields);
      members.push({ name, method: dir.readUInt16LE(p + 10), size: fields[0]!, compressedSize: fields[1]!, localHeaderOffset: fields[2]! });
      p += 46 + nameLen + extraLen + commentLen;
    }
    return members;
  } finally {
    fs.closeSync(fd);
  }
}

/** Replaces 0xFFFFFFFF sizes/offset by their zip64 extra-field values (in that order, only those that overflowed). */
function zip64Fields(extra: Buffer, fields: number[]): void {
  for (let q = 0; q + 4 <= extra.length; ) {
    const id = extra.readUInt16LE(q);
    const len = extra.readUInt16LE(q + 2);
    if (id === 1) {
      let r = q + 4;
      for (let k = 0; k < fields.length; k++) {
        if (fields[k] !== 0xffffffff || r + 8 > q + 4 + len) continue;
        fields[k] = Number(extra.readBigUInt64LE(r));
        r += 8;
      }
    }
    q += 4 + len;
  }
}

/** Streams the member's uncompressed bytes in blocks; memory stays at a few blocks whatever its size. */
export async function* memberBytes(path: string, m: ZipMember): AsyncGenerator<Uint8Array> {
  if (m.method !== 0 && m.method !== 8) throw new Error(`member '${m.name}' uses zip compression method ${m.method}; only stored and deflate are supported`);
  const fd = fs.openSync(path, 'r');
  let dataStart: number;
  try {
    const local = readAt(fd, m.localHeaderOffset, 30);
    if (local.readUInt32LE(0) !== LOCAL_SIG) throw new Error(`member '${m.name}': broken local header`);
    dataStart = m.localHeaderOffset + 30 + local.readUInt16LE(26) + local.readUInt16LE(28);
  } finally {
    fs.closeSync(fd);
  }
  const raw = fs.createReadStream(path, { start: dataStart, end: dataStart + m.compressedSize - 1, highWaterMark: 1 << 20 });
  if (m.method === 0) {
    for await (const chunk of raw) yield chunk as Buffer;
    return;
  }
  // fflate is imported when a deflated member is read: hosts import this file to list .npz members, and a static
  // import cost every CLI run and host ~30 ms of start-up.
  const { Inflate } = await import('fflate');
  const out: Uint8Array[] = [];
  const inflate = new Inflate((chunk) => void out.push(chunk));
  for await (const chunk of raw) {
    inflate.push(chunk as Buffer, false);
    while (out.length) yield out.shift()!;
  }
  inflate.push(new Uint8Array(0), true);
  while (out.length) yield out.shift()!;
}
