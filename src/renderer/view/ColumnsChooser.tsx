// The "Columns" popover: a checkbox per column; Apply sends the chosen ones (in table order) as the view's columns.
import { useEffect, useId, useRef, useState } from 'react';
import type { ColumnInfo } from '../../shared/dataset.js';
import { dtypeLabel } from '../../shared/dtype.js';

interface Props {
  readonly columns: readonly ColumnInfo[];
  /** The view's columns; undefined for all. */
  readonly chosen: readonly string[] | undefined;
  readonly disabled: boolean;
  /** Undefined when every column is chosen. */
  readonly onApply: (chosen: string[] | undefined) => void;
}

const label = (dtype: string) => {
  try {
    return dtypeLabel(dtype);
  } catch {
    return dtype;
  }
};

export function ColumnsChooser({ columns, chosen, disabled, onApply }: Props) {
  const [open, setOpen] = useState(false);
  const [picked, setPicked] = useState<ReadonlySet<string>>(new Set());
  const button = useRef<HTMLButtonElement>(null);
  const panel = useRef<HTMLDivElement>(null);
  const id = useId();
  const shown = chosen?.length ?? columns.length;

  const close = (refocus: boolean) => {
    setOpen(false);
    if (refocus) button.current?.focus();
  };

  useEffect(() => {
    if (!open) return;
    panel.current?.querySelector<HTMLInputElement>('input')?.focus();
    const outside = (e: PointerEvent) => {
      const t = e.target as Node;
      if (!panel.current?.contains(t) && !button.current?.contains(t)) setOpen(false);
    };
    document.addEventListener('pointerdown', outside);
    return () => document.removeEventListener('pointerdown', outside);
  }, [open]);

  const apply = () => {
    const names = columns.map((c) => c.name).filter((n) => picked.has(n));
    onApply(names.length === columns.length ? undefined : names);
    close(true);
  };

  return (
    <div className="chooser">
      <button
        ref={button}
        type="button"
        aria-haspopup="dialog"
        aria-expanded={open}
        aria-controls={open ? id : undefined}
        disabled={disabled}
        onClick={() => {
          if (!open) setPicked(new Set(chosen ?? columns.map((c) => c.name)));
          setOpen(!open);
        }}
      >
        Columns <span className="chooser-count">{shown}/{columns.length}</span>
      </button>
      {open && (
        <div
          ref={panel}
          id={id}
          className="chooser-panel"
          role="dialog"
          aria-label="Choose columns"
          onKeyDown={(e) => {
            if (e.key === 'Escape') {
              e.stopPropagation();
              close(true);
            }
          }}
        >
          <div className="chooser-list">
            {columns.map((c) => (
              <label key={c.name} className="check">
                <input
                  type="checkbox"
                  aria-label={c.name}
                  checked={picked.has(c.name)}
                  onChange={(e) => {
                    const next = new Set(picked);
                    if (e.target.checked) next.add(c.name);
                    else next.delete(c.name);
                    setPicked(next);
                  }}
                />
                <span className="mono">{c.name}</span>
                <span className="muted small check-meta">{label(c.dtype)}</span>
              </label>
            ))}
          </div>
          {picked.size === 0 && <p className="muted small">Choose at least one column.</p>}
          <div className="chooser-actions">
            <button type="button" className="btn-small" onClick={() => setPicked(new Set(columns.map((c) => c.name)))}>All</button>
            <span className="spacer" />
            <button type="button" className="btn-small" onClick={() => close(true)}>Cancel</button>
            <button type="button" className="btn-small primary" disabled={picked.size === 0} onClick={apply}>Apply</button>
          </div>
        </div>
      )}
    </div>
  );
}
