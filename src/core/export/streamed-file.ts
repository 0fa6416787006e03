// Writes an export file (.npy, CSV, HDF5 tables) into a temporary beside the destination and renames it into place when complete.

import { closeSync, openSync, statSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { setImmediate as nextTurn } from 'node:timers/promises';
import { commitPartial, discardPartial, partialPathFor } from '../hdf5/h5-partial.js';
import { CancelledError } from '../load-error.js';
import { writeAll } from '../positioned-writes.js';

export interface StreamOptions {
  readonly destination: string;
  readonly signal?: AbortSignal;
  readonly onProgress?: (p: { bytesWritten: number; bytesTotal: number }) => void;
}

export interface BlockSink {
  /** The temporary's descriptor, for writers that place their bytes themselves (positioned writes). */
  readonly fd: number;
  /** The temporary's path, for a writer that opens the file itself (h5wasm). */
  readonly path: string;
  /** Appends bytes to the temporary file. */
  write(bytes: Uint8Array): void;
  /** Between blocks: reports progress, yields a turn so an abort can arrive, throws CancelledError once aborted. */
  afterBlock(bytesWritten: number): Promise<void>;
}

/**
 * Runs `body` against a temporary beside `destination` (named by partialPathFor, so the export tracker's
 * removeStalePartials finds what a killed worker left) and renames it over the destination only when `body`
 * completes; on any error or abort the temporary is removed and the error rethrown. Returns the file's size.
 */
export async function writeAtomically(options: StreamOptions, total: number | (() => number), body: (out: BlockSink) => Promise<void>): Promise<number> {
  // A function when the total grows as the export goes (tables written while they load).
  const bytesTotal = typeof total === 'number' ? () => total : total;
  const { signal, onProgress } = options;
  if (signal?.aborted) throw new CancelledError();
  const destination = resolve(options.destination);
  const partial = partialPathFor(destination);
  let fd: number | undefined;
  try {
    fd = openSync(partial, 'wx');
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') throw new Error(`cannot write ${destination}: the folder ${dirname(destination)} does not exist`);
    throw e;
  }
  try {
    const out = fd;
    let appended = 0;
    await body({
      fd: out,
      path: partial,
      write(bytes) {
        writeAll(out, bytes, appended);
        appended += bytes.length;
      },
      async afterBlock(bytesWritten) {
        onProgress?.({ bytesWritten, bytesTotal: bytesTotal() });
        await nextTurn();
        if (signal?.aborted) throw new CancelledError();
      },
    });
    fd = undefined;
    closeSync(out);
    commitPartial(partial, destination);
  } catch (e) {
    if (fd !== undefined) closeQuietly(fd);
    discardPartial(partial);
    throw e;
  }
  onProgress?.({ bytesWritten: bytesTotal(), bytesTotal: bytesTotal() });
  return statSync(destination).size;
}

function closeQuietly(fd: number): void {
  try {
    closeSync(fd);
  } catch {
    // The export already failed; the temporary is removed next.
  }
}
