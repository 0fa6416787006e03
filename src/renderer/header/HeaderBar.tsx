// The header bar: name, Open files, Open path (hosts with their own filesystem), the optional dtype spec, and Export (HDF5, .npy, CSV).
import { useId, useRef } from 'react';
import type { AppApi, HostCapabilities } from '../../shared/app-api.js';
import type { AdmissionEstimate } from '../../shared/memory.js';
import { OpenPathField } from './OpenPathField.js';

interface Props {
  readonly api: AppApi;
  readonly caps: HostCapabilities | null;
  readonly dtype: string;
  readonly onDtype: (text: string) => void;
  readonly onOpenFiles: (files: File[]) => void;
  readonly onPickNative: () => void;
  readonly onOpenPaths: (paths: string[]) => void;
  readonly onEstimate: (estimate: AdmissionEstimate | null) => void;
  readonly onExport: () => void;
  readonly exportLabel: string;
  readonly canExport: boolean;
}

export function HeaderBar(props: Props) {
  const { api, caps, dtype, onDtype, onOpenFiles, onPickNative, onOpenPaths, onEstimate, onExport, exportLabel, canExport } = props;
  const fileInput = useRef<HTMLInputElement>(null);
  const dtypeId = useId();
  return (
    <header className="appbar">
      <h1 className="brand">
        <span className="brand-mark" aria-hidden="true" />
        Arrayport
      </h1>
      <button
        type="button"
        onClick={() => (caps?.nativeDialogs ? onPickNative() : fileInput.current?.click())}
      >
        Open files…
      </button>
      <input
        ref={fileInput}
        type="file"
        multiple
        hidden
        tabIndex={-1}
        aria-hidden="true"
        onChange={(e) => {
          const files = [...(e.target.files ?? [])];
          e.target.value = '';
          if (files.length) onOpenFiles(files);
        }}
      />
      {caps?.hostPaths && <OpenPathField api={api} onOpen={onOpenPaths} onEstimate={onEstimate} />}
      <div className="dtype-field">
        <label htmlFor={dtypeId}>dtype</label>
        <input
          id={dtypeId}
          aria-label="dtype spec"
          className="dtype-input"
          placeholder="optional, e.g. chr:S10,pos:i4,pct:f4"
          spellCheck={false}
          autoComplete="off"
          value={dtype}
          onChange={(e) => onDtype(e.target.value)}
        />
      </div>
      <span className="spacer" />
      <button type="button" className="primary" onClick={onExport} disabled={!canExport} title="Export to HDF5, NumPy .npy or CSV">
        {exportLabel}
      </button>
    </header>
  );
}
