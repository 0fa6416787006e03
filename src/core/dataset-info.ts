// What the window is told about one load the host tracks: its row in the list, from the tracking state, the store and its view.

import type { DatasetInfo, DatasetState, LoadErrorInfo, LoadProgress } from '../shared/dataset.js';
import type { DatasetViews } from './compute/dataset-views.js';
import type { SegmentStore } from './store/segment-store.js';

/** One load the host tracks, from the open until the dataset is closed. */
export interface Tracked {
  readonly id: string;
  readonly name: string;
  readonly sourcePath: string;
  readonly sourceBytes: number;
  readonly format: DatasetInfo['format'];
  /** The .npz member this dataset loads. */
  readonly member?: string;
  state: DatasetState;
  progress?: LoadProgress;
  error?: LoadErrorInfo;
  /** Frozen view once the store no longer holds the dataset (failed or cancelled loads keep their row in the list). */
  final?: DatasetInfo;
  readonly controller: AbortController;
}

/** The list row of `t`: frozen once the load has failed or was cancelled, else read from the store now. */
export function datasetInfo(t: Tracked, store: SegmentStore, views: DatasetViews): DatasetInfo {
  if (t.final) return t.final;
  const m = store.get(t.id);
  const placement = store.placement(t.id);
  const view = views.info(t.id);
  const stats = views.statsState(t.id);
  return {
    id: t.id,
    name: t.name,
    sourcePath: t.sourcePath,
    sourceBytes: t.sourceBytes,
    format: t.format,
    ...(m?.source.dialect ? { dialect: m.source.dialect } : {}),
    ...(m?.array && m.shape && m.columns[0] ? { array: { shape: m.shape, dtype: m.columns[0].dtype } } : {}),
    ...(t.member !== undefined ? { entry: { path: t.member } } : {}),
    state: t.state,
    rows: t.state === 'failed' || t.state === 'cancelled' ? 0 : m?.rows ?? 0,
    columns: (m?.columns ?? []).map((c) => ({ name: c.name, dtype: c.dtype, reason: c.reason, ...(c.encoding ? { encoding: c.encoding } : {}) })),
    ...(placement ? { placement } : {}),
    storeBytes: t.state === 'failed' || t.state === 'cancelled' ? 0 : store.datasetBytes(t.id),
    ...(t.progress ? { progress: t.progress } : {}),
    ...(t.error ? { error: t.error } : {}),
    ...(view ? { view } : {}),
    ...(stats ? { stats } : {}),
  };
}

