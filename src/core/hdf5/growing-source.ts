// A table the HDF5 writer may start on before its load ends: the rows committed so far, and whether more will come.

import type { ColumnSource } from './column-source.js';

export interface TableSnapshot {
  readonly source: ColumnSource;
  /** No more rows will come: `source` is the whole table. */
  readonly final: boolean;
}

export interface GrowingSource {
  readonly name: string;
  /**
   * The table as committed now; each later call waits until it has changed and closes the snapshot before.
   * Rejects when the load failed or was cancelled, or the export was aborted.
   */
  next(): Promise<TableSnapshot>;
  /** Closes the latest snapshot's source. */
  close(): void;
}

/** A table that is already whole. */
export function wholeSource(source: ColumnSource): GrowingSource {
  return { name: source.name, next: async () => ({ source, final: true }), close: () => {} };
}

/** Takes snapshots until the last one: for writers that need the whole table before they start. */
export async function finalSource(table: GrowingSource): Promise<ColumnSource> {
  for (;;) {
    const { source, final } = await table.next();
    if (final) return source;
  }
}
