// Follows a table in the store while its loader still commits rows: each snapshot is what the manifest lists now.

import { setTimeout as sleep } from 'node:timers/promises';
import { formatLoadError } from '../../shared/dataset.js';
import type { ColumnSource } from '../hdf5/column-source.js';
import type { GrowingSource } from '../hdf5/growing-source.js';
import { CancelledError } from '../load-error.js';
import { readManifest } from '../store/manifest-file.js';
import type { DatasetManifest } from '../store/manifest.js';

/**
 * How often the manifest is read while nothing new is committed. A loader commits every few tens of
 * milliseconds; reading a small JSON file this often costs well under 1% of a core.
 */
const POLL_MS = 15;

/** The manifest as the loader left it; a failed or cancelled load throws, naming the table. */
function current(dir: string, before: DatasetManifest): DatasetManifest {
  let m: DatasetManifest;
  try {
    m = readManifest(dir);
  } catch {
    // A manifest is replaced by rename, so a reader never sees half of one: unreadable means the dataset is gone.
    throw new Error(`${before.name} is no longer in the store`);
  }
  if (m.state === 'failed') throw new Error(`${m.name} did not load${m.error ? `: ${formatLoadError(m.error)}` : ''}`);
  if (m.state === 'cancelled') throw new Error(`${m.name}: its load was cancelled`);
  return m;
}

/** Waits until the dataset's manifest satisfies `wanted` (or the load has ended); throws CancelledError once `signal` aborts. */
export async function manifestWhen(dir: string, since: DatasetManifest, wanted: (m: DatasetManifest) => boolean, signal?: AbortSignal): Promise<DatasetManifest> {
  for (;;) {
    if (signal?.aborted) throw new CancelledError();
    const m = current(dir, since);
    if (m.state === 'ready' || wanted(m)) return m;
    await sleep(POLL_MS);
  }
}

/**
 * A GrowingSource over a loading table: a new snapshot whenever the loader commits more rows, the last one
 * once the load is ready. `open` reads a manifest's rows from the store; the snapshot before is closed
 * when the next is taken (the writer reads only the newest).
 */
export function followTable(
  dir: string,
  first: DatasetManifest,
  name: string,
  open: (m: DatasetManifest) => ColumnSource & { close(): void },
  signal?: AbortSignal,
): GrowingSource {
  let latest: (ColumnSource & { close(): void }) | undefined;
  let seen = first;
  // A snapshot without new rows gives the writer nothing to do, so the first one waits for rows too.
  let takenRows = 0;
  return {
    name,
    async next() {
      const m = await manifestWhen(dir, seen, (x) => x.columns.length > 0 && x.rows > takenRows, signal);
      latest?.close();
      // Cleared first: if open throws, close() must not close the old snapshot a second time.
      latest = undefined;
      latest = open(m);
      seen = m;
      takenRows = m.rows;
      return { source: latest, final: m.state === 'ready' };
    },
    close() {
      latest?.close();
      latest = undefined;
    },
  };
}
