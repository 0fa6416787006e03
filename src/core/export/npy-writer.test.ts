// The .npy writer against np.load: headers v1 and v2, odd field names, narrow and dictionary strings, bools, many small blocks.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { ColumnSource } from '../hdf5/column-source.js';
import { dictionaryColumn, generatedColumns, memorySource, type MemoryColumn } from '../hdf5/memory-source.testing.js';
import { numpy } from '../store/numpy-oracle.js';
import { exportNpy } from './npy-writer.js';

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'arrayport-npyw-'));
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

/** Column bytes as the source holds them: NumPy builds the expected array from these, not from our records. */
function rawColumns(columns: readonly MemoryColumn[]): { name: string; dtype: string; width?: number; bytes: string; codes?: string }[] {
  return columns.map((c) => {
    const d = c.data;
    const b64 = (v: ArrayBufferView): string => Buffer.from(v.buffer, v.byteOffset, v.byteLength).toString('base64');
    if (ArrayBuffer.isView(d)) return { name: c.name, dtype: c.dtype, bytes: b64(d) };
    if ('codes' in d) return { name: c.name, dtype: c.dtype, width: d.width, bytes: b64(d.values), codes: b64(d.codes) };
    return { name: c.name, dtype: c.dtype, width: d.width, bytes: b64(d.bytes) };
  });
}

const CHECK = `
import base64
a = ARGS
fields = []
for c in a['columns']:
    raw = base64.b64decode(c['bytes'])
    if 'codes' in c:
        col = np.frombuffer(raw, 'S%d' % c['width'])[np.frombuffer(base64.b64decode(c['codes']), '<u2')]
    elif 'width' in c:
        col = np.frombuffer(raw, 'S%d' % c['width'])
    elif c['dtype'] == '|b1':
        col = np.frombuffer(raw, 'u1') != 0
    else:
        col = np.frombuffer(raw, c['dtype'])
    fields.append((c['name'], col.astype(c['dtype'])))
want = np.empty(a['rows'], dtype=[(n, col.dtype) for n, col in fields])
for n, col in fields:
    want[n] = col
# NumPy refuses headers past 10,000 bytes unless asked (its own np.save writes them too).
got = np.load(a['file'], max_header_size=1 << 20)
print(json.dumps({'version': open(a['file'], 'rb').read(7)[6], 'names': list(got.dtype.names), 'descr': got.dtype.descr == want.dtype.descr, 'same': got.tobytes() == want.tobytes()}))
`;

async function check(source: ColumnSource, columns: readonly MemoryColumn[], file: string, blockBytes?: number): Promise<{ version: number; names: string[]; descr: boolean; same: boolean }> {
  const destination = path.join(dir, file);
  const result = await exportNpy(source, { destination, ...(blockBytes ? { blockBytes } : {}) });
  expect(result.fileBytes).toBe(fs.statSync(destination).size);
  return numpy(CHECK, { columns: rawColumns(columns), rows: source.rows, file: destination });
}

describe('exportNpy', () => {
  it('writes a structured array np.load reads byte for byte, over many blocks', async () => {
    const rows = 10_007;
    const columns = generatedColumns([
      { name: 'flag', dtype: '|b1' }, { name: 'i8', dtype: '<i8' }, { name: 'u2', dtype: '<u2' }, { name: 'f4', dtype: '<f4' },
      { name: 'f8', dtype: '<f8' }, { name: 'narrow', dtype: '|S7', width: 4 }, { name: 'i1', dtype: '|i1' },
    ], rows, 3);
    const withDictionary = [...columns, { ...dictionaryColumn({ ...generatedColumns([{ name: 'chr', dtype: '|S3' }], rows, 9)[0]! }) }];
    const report = await check(memorySource('t', rows, withDictionary), withDictionary, 't.npy', 1000);
    expect(report).toEqual({ version: 1, names: withDictionary.map((c) => c.name), descr: true, same: true });
  });

  it('keeps field names with quotes, backslashes and non-ASCII characters', async () => {
    const names = ["it's", 'back\\slash', 'é', '中文', '😀 x', '"q"'];
    const columns = names.map((name, i) => ({ ...generatedColumns([{ name, dtype: '<i4' }], 50, i + 1)[0]! }));
    expect(await check(memorySource('n', 50, columns), columns, 'names.npy')).toEqual({ version: 1, names, descr: true, same: true });
  });

  it('switches to a v2.0 header when the field list passes 64 KiB', async () => {
    const columns = Array.from({ length: 1500 }, (_, i) => generatedColumns([{ name: `a_rather_long_column_name_number_${i}`, dtype: i % 2 ? '|u1' : '<f8' }], 20, i + 1)[0]!);
    const report = await check(memorySource('wide', 20, columns), columns, 'wide.npy');
    expect(report).toMatchObject({ version: 2, descr: true, same: true });
    expect(report.names).toHaveLength(1500);
  });

  it('writes an empty table as shape (0,)', async () => {
    const columns = generatedColumns([{ name: 'x', dtype: '<f8' }, { name: 's', dtype: '|S2' }], 0);
    expect(await check(memorySource('e', 0, columns), columns, 'empty.npy')).toEqual({ version: 1, names: ['x', 's'], descr: true, same: true });
  });
});
