// The window: header, dataset list and memory panel on the left, the table view (filter, sort, statistics) filling the rest, drop-anywhere and export.
import { useCallback, useState } from 'react';
import type { AppApi, LoadOptions } from '../../shared/app-api.js';
import type { AdmissionEstimate } from '../../shared/memory.js';
import { DatasetList } from '../datasets/DatasetList.js';
import { ExportDialog } from '../export/ExportDialog.js';
import { formatBytes, percentOf } from '../format/format-units.js';
import { ArrayView } from '../arrays/ArrayView.js';
import { H5Tree } from '../datasets/H5Tree.js';
import { prefetchFirstWindows } from '../grid/first-window.js';
import { WarmGrid } from '../grid/WarmGrid.js';
import { HeaderBar } from '../header/HeaderBar.js';
import { MemoryPanel } from '../memory/MemoryPanel.js';
import { TableView } from '../view/TableView.js';
import { DropOverlay } from './DropOverlay.js';
import { EmptyState } from './EmptyState.js';
import { Notice } from './Notice.js';
import type { NoticeInfo } from './Notice.js';
import { useFileDrop } from './use-file-drop.js';
import { useCapabilities, useDatasets, useExports, useMemoryHistory } from './use-host.js';
import { usePrefersDark } from './use-prefers-dark.js';

interface Props {
  readonly api: AppApi;
  readonly styleNonce: string | undefined;
}

const message = (e: unknown) => (e instanceof Error ? e.message : String(e));

export function App({ api, styleNonce }: Props) {
  const caps = useCapabilities(api);
  const datasets = useDatasets(api);
  const history = useMemoryHistory(api);
  const exports = useExports(api);
  const dark = usePrefersDark();
  const [selectedId, setSelectedId] = useState<string | null>(null);
  const [dtype, setDtype] = useState('');
  const [notice, setNotice] = useState<NoticeInfo | null>(null);
  const [exportOpen, setExportOpen] = useState(false);
  const [jobId, setJobId] = useState<string | null>(null);

  const selected = datasets.find((d) => d.id === selectedId) ?? datasets.find((d) => d.state !== 'failed') ?? datasets[0];
  const lastSample = history[history.length - 1];
  const options: LoadOptions | undefined = dtype.trim() ? { dtype: dtype.trim() } : undefined;

  const open = useCallback(async (what: string, run: () => Promise<string[]>) => {
    try {
      const ids = await run();
      prefetchFirstWindows(api, ids);
      if (ids[0]) setSelectedId(ids[0]);
    } catch (e) {
      setNotice({ kind: 'error', text: `Could not open ${what}: ${message(e)}` });
    }
  }, [api]);

  const onDropFiles = useCallback((files: File[]) => {
    const total = files.reduce((n, f) => n + f.size, 0);
    const what = files.length === 1 ? files[0]!.name : `${files.length} files`;
    if (lastSample && lastSample.shmCapacityBytes > 0) {
      const fits = total <= lastSample.shmFreeBytes;
      setNotice({
        kind: fits ? 'info' : 'warn',
        text: fits
          ? `Opening ${what} (${formatBytes(total)}); ${formatBytes(lastSample.shmFreeBytes)} of shared memory free.`
          : `${what} (${formatBytes(total)}) will not fit in ${formatBytes(lastSample.shmFreeBytes)} of free shared memory; the host will use the disk temp dir.`,
      });
    }
    void open(what, () => api.openDropped(files, options));
  }, [api, lastSample, open, options]);

  const onEstimate = useCallback((e: AdmissionEstimate | null) => {
    setNotice(e ? { kind: e.fits ? 'info' : 'warn', text: `Estimate: ${formatBytes(e.estimatedBytes)} in the store, ${formatBytes(e.shmFreeBytes)} of shared memory free. ${e.message}` } : null);
  }, []);

  const drag = useFileDrop(onDropFiles);
  const job = jobId ? exports.get(jobId) : undefined;
  const exportLabel = job?.state === 'running' ? `Exporting ${Math.round(percentOf(job.bytesWritten, job.bytesTotal))}%` : 'Export…';

  return (
    <div className="app">
      <HeaderBar
        api={api}
        caps={caps}
        dtype={dtype}
        onDtype={setDtype}
        onOpenFiles={(files) => void open(files.length === 1 ? files[0]!.name : `${files.length} files`, () => api.openDropped(files, options))}
        onPickNative={() => void open('files', () => api.pickAndOpen(options))}
        onOpenPaths={(paths) => {
          setNotice(null);
          void open(paths.join(', '), () => api.openPaths(paths, options));
        }}
        onEstimate={onEstimate}
        onExport={() => setExportOpen(true)}
        exportLabel={exportLabel}
        canExport={datasets.some((d) => d.state === 'ready')}
      />
      <Notice notice={notice} onDismiss={() => setNotice(null)} />
      <aside className="sidebar">
        <DatasetList
          datasets={datasets}
          selectedId={selected?.id ?? null}
          onSelect={setSelectedId}
          onCancel={(id) => void api.cancel(id).catch((e) => setNotice({ kind: 'error', text: `Cancel failed: ${message(e)}` }))}
          onClose={(id) => void api.close(id).catch((e) => setNotice({ kind: 'error', text: `Close failed: ${message(e)}` }))}
        />
        <MemoryPanel history={history} />
      </aside>
      <main className="main">
        {!selected ? (
          <EmptyState onOpen={() => document.querySelector<HTMLInputElement>('.appbar input[type=file]')?.click()} hostPaths={!!caps?.hostPaths} />
        ) : selected.state === 'failed' || selected.state === 'cancelled' ? (
          <div className="empty">
            <div className="empty-card">
              <h2>{selected.name} {selected.state === 'failed' ? 'could not be loaded' : 'was cancelled'}</h2>
              <p className="muted">{selected.state === 'failed' ? 'Other files keep loading; nothing of this one is kept in memory.' : 'Its segments were freed.'}</p>
            </div>
          </div>
        ) : selected.format === 'hdf5' && !selected.entry ? (
          <H5Tree key={selected.id} file={selected} onOpen={(path) => void open(path, () => api.openEntry(selected.id, path).then((id) => [id]))} />
        ) : selected.array ? (
          <ArrayView key={selected.id} api={api} dataset={selected} />
        ) : (
          <TableView key={selected.id} api={api} dataset={selected} dark={dark} styleNonce={styleNonce} />
        )}
      </main>
      {exportOpen && (
        <ExportDialog
          api={api}
          caps={caps}
          datasets={datasets}
          selectedId={selected?.id ?? null}
          status={job}
          onStarted={setJobId}
          onClose={() => setExportOpen(false)}
        />
      )}
      <WarmGrid dark={dark} styleNonce={styleNonce} />
      <DropOverlay drag={drag} freeShm={lastSample && lastSample.shmCapacityBytes > 0 ? formatBytes(lastSample.shmFreeBytes) : null} />
    </div>
  );
}
