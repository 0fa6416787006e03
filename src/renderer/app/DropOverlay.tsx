// The full-window drop target shown while files are dragged over the window.
import type { DragState } from './use-file-drop.js';

export function DropOverlay({ drag, freeShm }: { drag: DragState; freeShm: string | null }) {
  if (!drag.active) return null;
  return (
    <div className="drop-overlay" role="region" aria-label="Drop files to open">
      <div className="drop-card">
        <div className="drop-icon" aria-hidden="true">⤓</div>
        <p className="drop-title">Drop {drag.count > 1 ? `${drag.count} files` : drag.count === 1 ? 'the file' : 'files'} to open</p>
        <p className="muted">Text tables (.txt .csv .tsv, gzip too), .npy, .npz, HDF5 — they load in parallel{freeShm ? `; ${freeShm} of shared memory free` : ''}.</p>
      </div>
    </div>
  );
}
