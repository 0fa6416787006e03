// The coarse "Row position" slider under the grid: covers the whole dataset, while ag-grid scrolls a window of it.
import { useEffect, useRef, useState } from 'react';
import { formatCount } from '../format/format-units.js';

interface Props {
  readonly total: number;
  /** Global row at the top of the viewport. */
  readonly top: number;
  /** Global row at the bottom of the viewport. */
  readonly bottom: number;
  readonly onSeek: (row: number) => void;
}

/** How often a dragged thumb moves the grid: each move re-reads a block from the host. */
const SEEK_EVERY_MS = 60;

export function RowNavigator({ total, top, bottom, onSeek }: Props) {
  const [dragValue, setDragValue] = useState<number | null>(null);
  const pending = useRef<number | null>(null);
  const timer = useRef<ReturnType<typeof setTimeout> | null>(null);
  const release = useRef<ReturnType<typeof setTimeout> | null>(null);

  useEffect(() => () => {
    if (timer.current) clearTimeout(timer.current);
    if (release.current) clearTimeout(release.current);
  }, []);

  const seek = (row: number) => {
    setDragValue(row);
    pending.current = row;
    timer.current ??= setTimeout(() => {
      timer.current = null;
      if (pending.current !== null) onSeek(pending.current);
    }, SEEK_EVERY_MS);
    // The grid's scroll position drives the thumb again once the user lets go.
    if (release.current) clearTimeout(release.current);
    release.current = setTimeout(() => setDragValue(null), 400);
  };

  const max = Math.max(0, total - 1);
  const value = Math.min(dragValue ?? top, max);
  const last = Math.min(max, value + Math.max(0, bottom - top));
  return (
    <div className="navigator">
      <input
        type="range"
        className="navigator-slider"
        aria-label="Row position"
        min={0}
        max={max}
        step={1}
        value={value}
        disabled={total === 0}
        aria-valuetext={`Row ${formatCount(value)} of ${formatCount(total)}`}
        onChange={(e) => seek(Number(e.target.value))}
      />
      <span className="navigator-text" aria-live="off">
        {total === 0 ? 'No rows yet' : <>Rows {formatCount(value)}–{formatCount(last)} of {formatCount(total)}</>}
      </span>
    </div>
  );
}
