// The Export dialog: datasets, whole or current views, format (HDF5, .npy, CSV), HDF5 layout and compression, destination, then progress and result.
import { useEffect, useId, useRef, useState } from 'react';
import type { AppApi, HostCapabilities } from '../../shared/app-api.js';
import type { DatasetInfo } from '../../shared/dataset.js';
import type { ExportStatus } from '../../shared/export-request.js';
import { ExportChoices } from './ExportChoices.js';
import { FORMATS, initialForm, toRequest } from './export-form.js';
import type { ExportForm } from './export-form.js';
import { ExportProgress } from './ExportProgress.js';

interface Props {
  readonly api: AppApi;
  readonly caps: HostCapabilities | null;
  readonly datasets: readonly DatasetInfo[];
  readonly selectedId: string | null;
  readonly status: ExportStatus | undefined;
  readonly onStarted: (jobId: string) => void;
  readonly onClose: () => void;
}

export function ExportDialog({ api, caps, datasets, selectedId, status, onStarted, onClose }: Props) {
  const ref = useRef<HTMLDialogElement>(null);
  const exportable = datasets.filter((d) => d.state === 'ready');
  const [form, setForm] = useState<ExportForm>(() => initialForm(exportable, selectedId));
  const [error, setError] = useState<string | null>(null);
  const titleId = useId();
  const set = (patch: Partial<ExportForm>) => setForm((f) => ({ ...f, ...patch }));
  const running = status?.state === 'running';
  const hdf5 = form.format === 'hdf5';

  // A modal <dialog> makes the rest of the page inert, so Tab stays inside; focus returns to the opener on close.
  useEffect(() => {
    const d = ref.current;
    if (d && !d.open) d.showModal();
    return () => d?.close();
  }, []);

  const submit = async () => {
    const request = toRequest(form, datasets);
    if ('error' in request) {
      setError(request.error);
      return;
    }
    setError(null);
    try {
      onStarted(await api.startExport(request));
    } catch (e) {
      setError(e instanceof Error ? e.message : String(e));
    }
  };

  const choose = async () => {
    const path = await api.pickSavePath(form.destination.split(/[\\/]/).pop() || `arrayport-export${FORMATS[form.format].ext}`);
    if (path) set({ destination: path });
  };

  return (
    <dialog
      ref={ref}
      className="export-dialog"
      aria-labelledby={titleId}
      onCancel={(e) => {
        e.preventDefault();
        onClose();
      }}
    >
      <form method="dialog" onSubmit={(e) => { e.preventDefault(); void submit(); }}>
        <h2 id={titleId}>Export {FORMATS[form.format].title}</h2>
        <ExportChoices datasets={datasets} form={form} disabled={running} onChange={set} />
        <div className="form-row">
          <fieldset disabled={running || !hdf5}>
            <legend>Layout{hdf5 ? '' : ' (HDF5 only)'}</legend>
            <label className="check">
              <input type="radio" name="layout" checked={form.layout === 'compound'} onChange={() => set({ layout: 'compound' })} />
              <span>Compound <span className="muted small">one table per dataset, like a NumPy structured array</span></span>
            </label>
            <label className="check">
              <input type="radio" name="layout" checked={form.layout === 'columns'} onChange={() => set({ layout: 'columns' })} />
              <span>Columns <span className="muted small">a group per dataset, one HDF5 dataset per column</span></span>
            </label>
          </fieldset>
          <fieldset disabled={running || !hdf5}>
            <legend>Compression{hdf5 ? '' : ' (HDF5 only)'}</legend>
            <label className="check">
              <input type="radio" name="compression" checked={!form.gzip} onChange={() => set({ gzip: false })} />
              <span>None</span>
            </label>
            <label className="check">
              <input type="radio" name="compression" checked={form.gzip} onChange={() => set({ gzip: true })} />
              {/* Tables are shuffled before gzip (as h5py's shuffle=True): numbers then compress to about 2/3 the size. */}
              <span>gzip + shuffle</span>
            </label>
            <label className="inline">
              <span>Level</span>
              <input type="number" aria-label="gzip level" min={1} max={9} value={form.level} disabled={!form.gzip}
                onChange={(e) => set({ level: Number(e.target.value) })} />
            </label>
            <label className="inline">
              <span>Chunk rows</span>
              <input type="text" inputMode="numeric" aria-label="Chunk rows" placeholder="auto" value={form.chunkRows}
                onChange={(e) => set({ chunkRows: e.target.value })} />
            </label>
          </fieldset>
        </div>
        <fieldset disabled={running}>
          <legend>Destination</legend>
          <div className="destination">
            <input
              type="text"
              aria-label="Destination path"
              className="mono"
              placeholder={`/path/on/host/export${FORMATS[form.format].ext}`}
              spellCheck={false}
              readOnly={!!caps?.nativeDialogs}
              value={form.destination}
              onChange={(e) => set({ destination: e.target.value })}
            />
            {caps?.nativeDialogs && <button type="button" onClick={() => void choose()}>Choose…</button>}
          </div>
        </fieldset>
        {error && <p className="form-error" role="alert">{error}</p>}
        {status && <ExportProgress status={status} onCancel={() => void api.cancelExport(status.jobId)} />}
        <div className="dialog-actions">
          <button type="button" onClick={onClose}>{status ? 'Close' : 'Cancel'}</button>
          <button type="submit" className="primary" disabled={running || form.datasetIds.length === 0}>
            {status?.state === 'done' ? 'Export again' : 'Export'}
          </button>
        </div>
      </form>
    </dialog>
  );
}
