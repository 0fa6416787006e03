// Writes a big one-field structured .npy fast (row i holds i), so the interactive bench can open a 1e8-row table.

import { closeSync, openSync, writeSync } from 'node:fs';

/** dtype [('v','<i4')], shape (rows,): NumPy reads it as a structured array, which Arrayport opens as a table. */
export function writeCountingNpy(path: string, rows: number): void {
  let header = `{'descr': [('v', '<i4')], 'fortran_order': False, 'shape': (${rows},), }`;
  header += ' '.repeat(63 - ((10 + header.length) % 64)) + '\n';
  const prefix = Buffer.alloc(10);
  prefix.write('\x93NUMPY', 0, 'latin1');
  prefix[6] = 1;
  prefix.writeUInt16LE(header.length, 8);
  const fd = openSync(path, 'w');
  try {
    writeSync(fd, Buffer.concat([prefix, Buffer.from(header, 'latin1')]));
    const block = new Int32Array(1 << 22);
    for (let at = 0; at < rows; at += block.length) {
      const n = Math.min(block.length, rows - at);
      for (let i = 0; i < n; i++) block[i] = at + i;
      writeSync(fd, block.subarray(0, n));
    }
  } finally {
    closeSync(fd);
  }
}
