// An accessible progress bar (role=progressbar) with its numbers spelled out beside it.

interface Props {
  readonly label: string;
  /** 0–100, or undefined while the total is unknown. */
  readonly percent: number | undefined;
  /** Rows, rate, ETA… shown under the bar and read as aria-valuetext. */
  readonly detail: string;
}

export function ProgressBar({ label, percent, detail }: Props) {
  const now = percent === undefined ? undefined : Math.round(percent);
  return (
    <div className="progress">
      <div
        className="progress-track"
        role="progressbar"
        aria-label={label}
        aria-valuemin={0}
        aria-valuemax={100}
        aria-valuenow={now}
        aria-valuetext={now === undefined ? detail : `${now}% · ${detail}`}
      >
        <div className={percent === undefined ? 'progress-fill progress-indeterminate' : 'progress-fill'} style={{ transform: `scaleX(${(percent ?? 30) / 100})` }} />
      </div>
      <div className="progress-detail">{now === undefined ? detail : `${now}% · ${detail}`}</div>
    </div>
  );
}
