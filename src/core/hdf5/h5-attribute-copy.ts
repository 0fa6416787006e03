// Copies the attributes of an object in a file being read onto an object of the file being written, both open in the same h5wasm module.

import { hdf5Reason } from '../h5read/h5-tree.js';
import type { H5Module, H5Wasm } from './h5-module.js';
import { copyType } from './h5-type-copy.js';

const STRING = 3;

export interface AttributeCopyContext {
  readonly h5: H5Wasm;
  readonly module: H5Module;
  readonly sourceFileId: bigint;
  /** Where skipped attributes are reported, one line each. */
  readonly warn: (line: string) => void;
  /** For warnings: the source file's name. */
  readonly label: string;
}

/**
 * Returns a writer that copies every attribute of `sourcePath`. Fixed-size types are copied as raw
 * bytes: both files live in one wasm heap, so the read buffer is handed straight to the write.
 * Variable-length strings go through h5wasm's value path. What h5wasm cannot create is skipped with a warning.
 */
export function attributeCopier(c: AttributeCopyContext, sourcePath: string, isGroup: boolean): (fileId: bigint, path: string) => void {
  return (fileId, path) => {
    const source = isGroup ? new c.h5.Group(c.sourceFileId, sourcePath) : new c.h5.Dataset(c.sourceFileId, sourcePath);
    let names: string[];
    try {
      names = Object.keys(source.attrs);
    } catch {
      return;
    }
    for (const name of names) {
      try {
        const why = copyOne(c, sourcePath, name, fileId, path, isGroup);
        if (why) c.warn(`${c.label}:${sourcePath}: attribute '${name}' not copied: ${why}`);
      } catch (e) {
        c.warn(`${c.label}:${sourcePath}: attribute '${name}' not copied: ${hdf5Reason(e)}`);
      }
    }
  };
}

function copyOne(c: AttributeCopyContext, sourcePath: string, name: string, fileId: bigint, path: string, isGroup: boolean): string | null {
  const m = c.module.get_attribute_metadata(c.sourceFileId, sourcePath, name);
  if (m.shape === null) return 'it has no value (null dataspace)';
  const shape = m.shape;
  if (m.type === STRING && m.vlen) {
    const value = (isGroup ? new c.h5.Group(c.sourceFileId, sourcePath) : new c.h5.Dataset(c.sourceFileId, sourcePath)).attrs[name]!.value;
    const target = isGroup ? new c.h5.Group(fileId, path) : new c.h5.Dataset(fileId, path);
    if (shape.length === 0 ? typeof value !== 'string' : !(Array.isArray(value) && value.every((v) => typeof v === 'string'))) return 'a variable-length string attribute that did not read as text';
    target.create_attribute(name, value as string | string[], shape);
    return null;
  }
  const t = copyType(m);
  if (!t.ok) return t.reason;
  const n = shape.reduce((a, b) => a * b, 1);
  const bytes = Math.max(1, n * m.size);
  const ptr = c.module._malloc(bytes);
  if (!ptr) throw new Error(`cannot allocate ${bytes} bytes for it`);
  try {
    c.module.get_attribute_data(c.sourceFileId, sourcePath, name, BigInt(ptr));
    const dims = shape.map(BigInt);
    const meta = { ...t.type.meta, shape: dims, maxshape: dims };
    c.module.create_attribute(fileId, path, name, BigInt(ptr), meta as unknown as Parameters<H5Module['create_attribute']>[4]);
  } finally {
    c.module._free(ptr);
  }
  return null;
}
