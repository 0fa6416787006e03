// The table's view as the window sees it: the ready view shown, the spec last asked for, progress, Cancel and the last error.
import { useCallback, useEffect, useRef, useState } from 'react';
import type { AppApi } from '../../shared/app-api.js';
import type { DatasetInfo } from '../../shared/dataset.js';
import type { ViewInfo, ViewSpec } from '../../shared/view.js';
import { tidySpec } from './sort-keys.js';

export interface ViewError {
  readonly message: string;
  /** 'filter' when the request changed the filter (the message is about the expression), else 'view'. */
  readonly source: 'filter' | 'view';
}

export interface TableView {
  /** The ready view the grid shows; null for the table as loaded. */
  readonly shown: ViewInfo | null;
  /** The spec last asked for: headers, the filter bar and the column chooser show it. */
  readonly wanted: ViewSpec;
  /** True while the host computes a view. */
  readonly busy: boolean;
  readonly progress: ViewInfo['progress'] | undefined;
  /** Why the last request failed (a bad expression, a table too big for the host…); the previous view stays. */
  readonly error: ViewError | null;
  /** A quiet word about the last request (cancelled). */
  readonly note: string | null;
  /** Asks the host for a view; an equal spec to the one shown is not asked again. */
  readonly apply: (spec: ViewSpec) => void;
  readonly cancel: () => void;
  readonly dismiss: () => void;
}

const readyView = (v: ViewInfo | undefined): ViewInfo | null => (v?.state === 'ready' ? v : null);
const same = (a: ViewSpec, b: ViewSpec) => JSON.stringify(tidySpec(a)) === JSON.stringify(tidySpec(b));

export function useTableView(api: AppApi, dataset: DatasetInfo): TableView {
  const [shown, setShown] = useState<ViewInfo | null>(() => readyView(dataset.view));
  const [pending, setPending] = useState<ViewSpec | null>(null);
  const [error, setError] = useState<ViewError | null>(null);
  const [note, setNote] = useState<string | null>(null);
  const seq = useRef(0);
  const cancelled = useRef(false);
  const shownRef = useRef(shown);
  shownRef.current = shown;

  // The host's word wins: a view made ready elsewhere (or before this mount) is the one shown.
  const hostView = dataset.view;
  useEffect(() => {
    const ready = readyView(hostView);
    if (ready && ready.id !== shownRef.current?.id) setShown(ready);
    else if (!hostView && shownRef.current) setShown(null);
  }, [hostView]);

  const apply = useCallback((spec: ViewSpec) => {
    const tidy = tidySpec(spec);
    const n = ++seq.current;
    setError(null);
    setNote(null);
    if (same(tidy, shownRef.current?.spec ?? {})) {
      // Nothing new: forget any request still running rather than ask again.
      if (pending) void api.cancelView(dataset.id);
      setPending(null);
      return;
    }
    cancelled.current = false;
    setPending(tidy);
    const source = (tidy.filter ?? '') !== (shownRef.current?.spec.filter ?? '') ? 'filter' : 'view';
    api.setView(dataset.id, tidy).then(
      (v) => {
        if (n !== seq.current) return;
        setPending(null);
        setShown(v);
      },
      (e: unknown) => {
        if (n !== seq.current) return;
        setPending(null);
        if (cancelled.current) setNote('Cancelled; the previous view stays.');
        else setError({ message: e instanceof Error ? e.message : String(e), source });
      },
    );
  }, [api, dataset.id, pending]);

  const cancel = useCallback(() => {
    cancelled.current = true;
    void api.cancelView(dataset.id).catch((e: unknown) => setError({ message: e instanceof Error ? e.message : String(e), source: 'view' }));
  }, [api, dataset.id]);

  const dismiss = useCallback(() => {
    setError(null);
    setNote(null);
  }, []);

  const computing = hostView?.state === 'computing' ? hostView.progress : undefined;
  return {
    shown,
    wanted: pending ?? shown?.spec ?? {},
    busy: pending !== null,
    progress: pending ? computing : undefined,
    error,
    note,
    apply,
    cancel,
    dismiss,
  };
}
