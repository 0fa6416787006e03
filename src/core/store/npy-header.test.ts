// NPY headers: our fixed-size ones load in NumPy, and every header NumPy (and other writers) produce parses.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { formatNpyHeader, parseNpyHeader } from './npy-header.js';
import { numpy } from './numpy-oracle.js';

const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'arrayport-npyh-'));
afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));

describe('fixed-size npy header', () => {
  it('is exactly the requested size, 64-aligned, space padded and newline terminated', () => {
    const h = formatNpyHeader('<i4', [0]);
    expect(h.length).toBe(128);
    expect(h[127]).toBe(0x0a);
    const text = Buffer.from(h.subarray(10)).toString('latin1');
    expect(text).toMatch(/^\{'descr': '<i4', 'fortran_order': False, 'shape': \(0,\), \} +\n$/);
    expect(formatNpyHeader('<f8', [123456789012], 256).length).toBe(256);
    expect(() => formatNpyHeader('<f8', [1], 100)).toThrow(/multiple of 64/);
  });

  it('round-trips through its own parser', () => {
    const h = parseNpyHeader(formatNpyHeader('|S17', [42]));
    expect(h).toEqual({ version: 1, descr: '|S17', fortranOrder: false, shape: [42], dataOffset: 128 });
  });

  it('is read by NumPy, also after the shape is rewritten in place', () => {
    const file = path.join(tmp, 'a.npy');
    const data = Int32Array.from({ length: 1000 }, (_, i) => i * 7 - 3000);
    const fd = fs.openSync(file, 'w+');
    fs.writeSync(fd, formatNpyHeader('<i4', [0]), 0, 128, 0);
    fs.writeSync(fd, new Uint8Array(data.buffer), 0, data.byteLength, 128);
    expect(numpy<number[]>('a = np.load(ARGS, mmap_mode="r"); print(json.dumps(list(a.shape)))', file)).toEqual([0]);
    fs.writeSync(fd, formatNpyHeader('<i4', [1000]), 0, 128, 0);
    fs.closeSync(fd);
    const r = numpy<{ dtype: string; ok: boolean }>(
      'a = np.load(ARGS, mmap_mode="r"); print(json.dumps({"dtype": a.dtype.str, "ok": bool((a == np.arange(1000, dtype=np.int32) * 7 - 3000).all())}))',
      file,
    );
    expect(r).toEqual({ dtype: '<i4', ok: true });
  });
});

describe('parsing headers NumPy wrote', () => {
  const cases: [string, string][] = [
    ['v1 2-d fortran f8', 'np.lib.format.write_array(f, np.asfortranarray(np.zeros((3, 4))), version=(1, 0))'],
    ['v1 scalar', 'np.lib.format.write_array(f, np.array(5, dtype=np.int16), version=(1, 0))'],
    ['v2 bytes', 'np.lib.format.write_array(f, np.array([b"ab", b"cde"]), version=(2, 0))'],
    ['v3 unicode', 'np.lib.format.write_array(f, np.array(["x", "yz"]), version=(3, 0))'],
    ['v1 big-endian 1-d', 'np.lib.format.write_array(f, np.arange(7, dtype=">u4"), version=(1, 0))'],
  ];
  for (const [label, write] of cases) {
    it(label, () => {
      const file = path.join(tmp, `${label.replace(/\W+/g, '_')}.npy`);
      const info = numpy<{ descr: string; fortran: boolean; shape: number[]; offset: number }>(
        `with open(ARGS, "wb") as f:\n    ${write}\n` +
          'with open(ARGS, "rb") as f:\n    v = np.lib.format.read_magic(f)\n    s, fo, dt = np.lib.format._read_array_header(f, v)\n    off = f.tell()\n' +
          'print(json.dumps({"descr": np.lib.format.dtype_to_descr(dt), "fortran": fo, "shape": list(s), "offset": off}))',
        file,
      );
      const h = parseNpyHeader(fs.readFileSync(file));
      expect({ descr: h.descr, fortran: h.fortranOrder, shape: h.shape, offset: h.dataOffset }).toEqual(info);
    });
  }

  it('reads structured descrs, () shapes and dicts without a trailing comma', () => {
    const file = path.join(tmp, 'rec.npy');
    numpy('np.save(ARGS, np.zeros(3, dtype=[("chr", "S10"), ("pos", "<i4"), ("v", "<f4", (2,))])); print(1)', file);
    const h = parseNpyHeader(fs.readFileSync(file));
    expect(h.descr).toEqual([['chr', '|S10'], ['pos', '<i4'], ['v', '<f4', [2]]]);
    expect(h.shape).toEqual([3]);
    const dict = "{'descr':'<f8','fortran_order':True,'shape':(2, 3)}";
    const raw = Buffer.concat([Buffer.from([0x93, 0x4e, 0x55, 0x4d, 0x50, 0x59, 1, 0, dict.length + 1, 0]), Buffer.from(`${dict}\n`, 'latin1')]);
    expect(parseNpyHeader(raw)).toMatchObject({ descr: '<f8', fortranOrder: true, shape: [2, 3], dataOffset: raw.length });
    const scalar = "{'descr': '<i8', 'fortran_order': False, 'shape': ()}";
    const raw2 = Buffer.concat([Buffer.from([0x93, 0x4e, 0x55, 0x4d, 0x50, 0x59, 1, 0, scalar.length, 0]), Buffer.from(scalar, 'latin1')]);
    expect(parseNpyHeader(raw2).shape).toEqual([]);
    expect(() => parseNpyHeader(Buffer.from('not numpy at all'))).toThrow(/magic/);
  });
});
