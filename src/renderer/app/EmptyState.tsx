// What the main area says before anything is open: how to get data in.
interface Props {
  readonly onOpen: () => void;
  readonly hostPaths: boolean;
}

export function EmptyState({ onOpen, hostPaths }: Props) {
  return (
    <div className="empty">
      <div className="empty-card">
        <div className="drop-icon" aria-hidden="true">⤓</div>
        <h2>Drop array files anywhere in this window</h2>
        <p className="muted">
          Genomic coverage tables and other delimited text (.txt, .csv, .tsv, gzip), NumPy .npy / .npz and HDF5.
          Several files load in parallel into shared memory; rows show while they load.
        </p>
        <p>
          <button type="button" className="primary" onClick={onOpen}>Choose files…</button>
        </p>
        {hostPaths && <p className="muted small">Or type a path on the host into <strong>Open path</strong> above.</p>}
      </div>
    </div>
  );
}
