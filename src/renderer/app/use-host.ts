// React hooks over AppApi's subscriptions: the dataset list, memory history, export statuses and host capabilities.
import { useEffect, useState } from 'react';
import type { AppApi, HostCapabilities } from '../../shared/app-api.js';
import type { DatasetInfo } from '../../shared/dataset.js';
import type { ExportStatus } from '../../shared/export-request.js';
import type { MemorySample } from '../../shared/memory.js';
import { appendSample } from '../memory/memory-history.js';
import { withPageMemory } from '../memory/page-memory.js';

export function useDatasets(api: AppApi): DatasetInfo[] {
  const [datasets, setDatasets] = useState<DatasetInfo[]>([]);
  useEffect(() => {
    let live = true;
    // Subscribe first so no change between the list and the subscription is lost.
    const off = api.onDatasets(setDatasets);
    api.listDatasets().then((list) => live && setDatasets(list), () => undefined);
    return () => {
      live = false;
      off();
    };
  }, [api]);
  return datasets;
}

/** The last minute of memory samples, newest last. */
export function useMemoryHistory(api: AppApi): readonly MemorySample[] {
  const [history, setHistory] = useState<readonly MemorySample[]>([]);
  useEffect(() => api.onMemory((s) => setHistory((h) => appendSample(h, withPageMemory(s)))), [api]);
  return history;
}

/** Every export's latest status by job id. */
export function useExports(api: AppApi): ReadonlyMap<string, ExportStatus> {
  const [exports, setExports] = useState<ReadonlyMap<string, ExportStatus>>(new Map());
  useEffect(() => api.onExport((s) => setExports((m) => new Map(m).set(s.jobId, s))), [api]);
  return exports;
}

export function useCapabilities(api: AppApi): HostCapabilities | null {
  const [caps, setCaps] = useState<HostCapabilities | null>(null);
  useEffect(() => {
    let live = true;
    api.capabilities().then((c) => live && setCaps(c), () => undefined);
    return () => {
      live = false;
    };
  }, [api]);
  return caps;
}
