// The hand-written HDF5 metadata against independent readers: lookup3 against published vectors and HDF5's own checksums, whole files against h5py and h5dump.

import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { h5Column } from '../h5-types.js';
import { PYTHON } from '../h5py-check.testing.js';
import { encodeChunkBtree, NODE_BYTES } from './chunk-btree.js';
import { columnType, compoundType } from './datatype-message.js';
import { layoutFile, type DatasetNode, type GroupNode } from './file-layout.js';
import { lookup3 } from './lookup3.js';

const dir = mkdtempSync(join(tmpdir(), 'arrayport-h5format-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const text = (s: string): Uint8Array => new TextEncoder().encode(s);

describe('lookup3', () => {
  it('gives the values published with the algorithm', () => {
    expect(lookup3(new Uint8Array(0))).toBe(0xdeadbeef);
    expect(lookup3(text('Four score and seven years ago'))).toBe(0x17770551);
    expect(lookup3(text('Four score and seven years ago'), 1)).toBe(0xcd628161);
  });

  it('equals the checksums the HDF5 library wrote into an h5py file', () => {
    const file = join(dir, 'h5py-latest.h5');
    execFileSync(PYTHON, ['-c', `
import h5py, numpy as np, sys
with h5py.File(sys.argv[1], 'w', libver='latest') as f:
    f.attrs['a' * 37] = 'x' * 11
    f.create_dataset('d', data=np.arange(7))`, file]);
    const b = readFileSync(file);
    // Superblock v2/v3: 44 bytes, then their checksum.
    expect(b[8]).toBeGreaterThanOrEqual(2);
    expect(lookup3(b.subarray(0, 44))).toBe(b.readUInt32LE(44));
    // The root object header: "OHDR", version, flags, [times], chunk size, messages, checksum.
    const root = Number(b.readBigUInt64LE(36));
    expect(b.subarray(root, root + 4).toString('latin1')).toBe('OHDR');
    const flags = b[root + 5]!;
    let at = root + 6 + (flags & 0x20 ? 16 : 0) + (flags & 0x10 ? 4 : 0);
    const width = 1 << (flags & 3);
    const chunk = b.readUIntLE(at, width);
    at += width + chunk;
    expect(lookup3(b.subarray(root, at))).toBe(b.readUInt32LE(at));
  });
});

function dataset(name: string, dtype: string, values: number[], attributes: DatasetNode['attributes'] = []): DatasetNode & { values: number[]; dtype: string } {
  const c = h5Column(dtype);
  return { kind: 'dataset', name, shape: [values.length], elementBytes: c.itemSize, encodeType: (w) => columnType(w, c), attributes, values, dtype };
}

/** Writes the layout with each column dataset's values little-endian at its address. */
function writeFile(file: string, root: GroupNode, fill: (node: DatasetNode, view: DataView, address: number) => void): void {
  const layout = layoutFile(root);
  const bytes = new Uint8Array(layout.fileBytes);
  bytes.set(layout.metadata, 0);
  const view = new DataView(bytes.buffer);
  for (const [node, { address }] of layout.data) fill(node, view, address);
  writeFileSync(file, bytes);
}

describe('files of groups and contiguous datasets', () => {
  it('h5py reads names, order, types, values and attributes; h5dump reads the whole file', () => {
    const many = Array.from({ length: 12 }, (_, i) => dataset(`k${11 - i}`, '<u2', [i, 1000 + i]));
    const f8 = dataset('f8', '<f8', [1.5, -0, Number.NaN, 1e300]);
    const i8 = dataset('i8', '<i8', [-(2 ** 53) + 1, 2 ** 53 - 1]);
    const empty = dataset('empty', '<f4', []);
    const long = 'é'.repeat(3000); // 6,000 bytes: the string heap outgrows its 4 KiB minimum
    const group: GroupNode = {
      kind: 'group', name: 'grüppe', children: [f8, i8, empty, ...many],
      attributes: [['source', 'x.tsv'], ['bytes', 5_000_000_123], ['ratio', 0.25], ['long', long], ['ünïcode name', '✓']],
    };
    const root: GroupNode = { kind: 'group', name: '/', children: [group, dataset('top', '|i1', [-128, 127], [['numpy_dtype', '|i1']])], attributes: [] };
    const file = join(dir, 'groups.h5');
    writeFile(file, root, (node, v, at) => {
      const d = node as ReturnType<typeof dataset>;
      d.values.forEach((x, i) => {
        const o = at + i * node.elementBytes;
        if (d.dtype === '<u2') v.setUint16(o, x, true);
        else if (d.dtype === '<f8') v.setFloat64(o, x, true);
        else if (d.dtype === '<i8') v.setBigInt64(o, BigInt(x), true);
        else if (d.dtype === '|i1') v.setInt8(o, x);
      });
    });
    const out = JSON.parse(execFileSync(PYTHON, ['-c', `
import h5py, numpy as np, sys, json
def plain(v):
    if isinstance(v, np.integer): return ['int', str(v.dtype), int(v)]
    if isinstance(v, np.floating): return ['float', str(v.dtype), float(v)]
    return [type(v).__name__, '', v]
with h5py.File(sys.argv[1], 'r') as f:
    g = f['grüppe']
    order = []
    g.id.links.iterate(lambda n: order.append(n.decode()), idx_type=h5py.h5.INDEX_CRT_ORDER)
    print(json.dumps(dict(
        root=sorted(f.keys()), order=order,
        attrs={k: plain(v) for k, v in g.attrs.items()},
        f8=[repr(x) for x in g['f8'][:]], f8dtype=g['f8'].dtype.str, i8=[int(x) for x in g['i8'][:]], i8dtype=g['i8'].dtype.str,
        empty=[g['empty'].shape, g['empty'].dtype.str], k0=g['k0'][:].tolist(), k11=g['k11'][:].tolist(),
        top=f['top'][:].tolist(), topattr=f['top'].attrs['numpy_dtype'], layout=g['f8'].id.get_create_plist().get_layout() == h5py.h5d.CONTIGUOUS)))`, file], { encoding: 'utf8' })) as Record<string, unknown>;
    expect(out.root).toEqual(['grüppe', 'top']);
    expect(out.order).toEqual(['f8', 'i8', 'empty', ...many.map((m) => m.name)]);
    expect(out.attrs).toEqual({
      source: ['str', '', 'x.tsv'], bytes: ['int', 'int64', 5_000_000_123], ratio: ['float', 'float64', 0.25], long: ['str', '', long], 'ünïcode name': ['str', '', '✓'],
    });
    expect(out.f8).toEqual(['1.5', '-0.0', 'nan', '1e+300']);
    expect(out.f8dtype).toBe('<f8');
    expect(out.i8).toEqual([-(2 ** 53) + 1, 2 ** 53 - 1]);
    expect(out.i8dtype).toBe('<i8');
    expect(out.empty).toEqual([[0], '<f4']);
    expect(out.k0).toEqual([11, 1011]);
    expect(out.k11).toEqual([0, 1000]);
    expect(out.top).toEqual([-128, 127]);
    expect(out.topattr).toBe('|i1');
    expect(out.layout).toBe(true);
    // h5dump walks every object and reads every value; it exits non-zero on any format error.
    const dump = execFileSync('h5dump', [file], { encoding: 'utf8' });
    expect(dump).toContain('DATASET "k11"');
    expect(dump).toContain('H5T_IEEE_F64LE');
  });

  it('a compound wider than 255 bytes takes 2-byte member offsets, as HDF5 reads them', () => {
    const columns = Array.from({ length: 40 }, (_, i) => h5Column(i % 2 ? '<f8' : '|S7'));
    const names = columns.map((_, i) => `m${i}`);
    const rowBytes = columns.reduce((s, c) => s + c.itemSize, 0);
    expect(rowBytes).toBeGreaterThan(255);
    const node: DatasetNode = { kind: 'dataset', name: 'wide', shape: [3], elementBytes: rowBytes, encodeType: (w) => compoundType(w, names, columns), attributes: [] };
    const file = join(dir, 'wide.h5');
    writeFile(file, { kind: 'group', name: '/', children: [node], attributes: [] }, (_n, v, at) => {
      for (let r = 0; r < 3; r++) {
        let o = at + r * rowBytes;
        columns.forEach((c, i) => {
          if (c.kind === 'float') v.setFloat64(o, r * 100 + i, true);
          else text(`r${r}c${i}`).forEach((b, k) => v.setUint8(o + k, b));
          o += c.itemSize;
        });
      }
    });
    const out = JSON.parse(execFileSync(PYTHON, ['-c', `
import h5py, sys, json
with h5py.File(sys.argv[1], 'r') as f:
    a = f['wide'][:]
    print(json.dumps(dict(descr=[[n, a.dtype[n].str] for n in a.dtype.names], m1=a['m1'].tolist(), m39=a['m39'].tolist(), m38=[x.decode() for x in a['m38']])))`, file], { encoding: 'utf8' })) as { descr: string[][]; m1: number[]; m39: number[]; m38: string[] };
    expect(out.descr).toEqual(names.map((n, i) => [n, i % 2 ? '<f8' : '|S7']));
    expect(out.m1).toEqual([1, 101, 201]);
    expect(out.m39).toEqual([39, 139, 239]);
    expect(out.m38).toEqual(['r0c38', 'r1c38', 'r2c38']);
  });
});

describe('chunk B-tree', () => {
  it('encodes the node HDF5 wrote for the same chunks, byte for byte', () => {
    const file = join(dir, 'h5py-chunks.h5');
    const info = JSON.parse(execFileSync(PYTHON, ['-c', `
import h5py, numpy as np, sys, json
with h5py.File(sys.argv[1], 'w') as f:
    d = f.create_dataset('d', data=np.arange(10, dtype='<i4'), chunks=(4,), compression='gzip', compression_opts=4, shuffle=True)
    print(json.dumps([[c.byte_offset, c.size] for c in (d.id.get_chunk_info(i) for i in range(d.id.get_num_chunks()))]))`, file], { encoding: 'utf8' })) as [number, number][];
    expect(info).toHaveLength(3);
    const b = readFileSync(file);
    const at = b.indexOf(Buffer.from('TREE\x01', 'latin1')); // node type 1: chunks (type 0 is the root group's)
    expect(at).toBeGreaterThan(0);
    const ours = encodeChunkBtree(at, info.map(([address, bytes]) => ({ address, bytes })), 4, 4);
    expect(ours.length).toBe(NODE_BYTES);
    expect(Buffer.from(ours).equals(b.subarray(at, at + NODE_BYTES))).toBe(true);
  });
});
