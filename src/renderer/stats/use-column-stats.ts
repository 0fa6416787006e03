// Fetches column statistics of the shown view while the panel is open, again whenever the view changes; waits for the dataset's own.
import { useEffect, useState } from 'react';
import type { AppApi } from '../../shared/app-api.js';
import type { DatasetInfo } from '../../shared/dataset.js';
import type { DatasetStats, ViewInfo } from '../../shared/view.js';

/** Bins per histogram: enough for shape, few enough that each bar can be pointed at. */
export const HISTOGRAM_BINS = 40;

export interface StatsState {
  readonly stats: DatasetStats | null;
  readonly loading: boolean;
  /** Waiting for the dataset's own statistics (computed as its load ends). */
  readonly waiting: boolean;
  readonly error: string | null;
}

export function useColumnStats(api: AppApi, dataset: DatasetInfo, shown: ViewInfo | null, columns: readonly string[], open: boolean): StatsState {
  const [state, setState] = useState<StatsState>({ stats: null, loading: false, waiting: false, error: null });
  const ready = dataset.state === 'ready';
  // Without a filter the host answers from the dataset's own statistics, so wait for them rather than ask twice.
  const waiting = !shown?.spec.filter && dataset.stats === 'computing';
  const columnsKey = columns.join('\u0000');

  useEffect(() => {
    if (!open || !ready) return;
    if (waiting) {
      setState((s) => ({ ...s, loading: false, waiting: true, error: null }));
      return;
    }
    let live = true;
    setState((s) => ({ ...s, loading: true, waiting: false, error: null }));
    api.columnStats(dataset.id, { columns: columnsKey.split('\u0000'), bins: HISTOGRAM_BINS }).then(
      (stats) => live && setState({ stats, loading: false, waiting: false, error: null }),
      (e: unknown) => live && setState({ stats: null, loading: false, waiting: false, error: e instanceof Error ? e.message : String(e) }),
    );
    return () => {
      live = false;
    };
  }, [api, dataset.id, ready, open, waiting, shown?.id, columnsKey]);

  return state;
}
