// The "Open path" field for hosts that read their own filesystem, with the admission estimate shown before loading.
import { useEffect, useId, useState } from 'react';
import type { AppApi } from '../../shared/app-api.js';
import type { AdmissionEstimate } from '../../shared/memory.js';

interface Props {
  readonly api: AppApi;
  readonly onOpen: (paths: string[]) => void;
  readonly onEstimate: (estimate: AdmissionEstimate | null) => void;
}

/** Several paths may be given, separated by ';' or new lines (paths may contain spaces). */
export function splitPaths(text: string): string[] {
  return text.split(/[;\n]/).map((p) => p.trim()).filter(Boolean);
}

export function OpenPathField({ api, onOpen, onEstimate }: Props) {
  const [text, setText] = useState('');
  const id = useId();

  useEffect(() => {
    const paths = splitPaths(text);
    if (paths.length === 0) {
      onEstimate(null);
      return;
    }
    let live = true;
    // Wait for a pause in typing before asking the host to stat the files.
    const t = setTimeout(() => {
      api.estimate(paths).then((e) => live && onEstimate(e), () => live && onEstimate(null));
    }, 350);
    return () => {
      live = false;
      clearTimeout(t);
    };
  }, [api, text, onEstimate]);

  return (
    <form
      className="open-path"
      onSubmit={(e) => {
        e.preventDefault();
        const paths = splitPaths(text);
        if (paths.length === 0) return;
        onOpen(paths);
        setText('');
      }}
    >
      <label htmlFor={id} className="visually-hidden">Open path</label>
      <input
        id={id}
        className="path-input"
        placeholder="/data/coverage.txt; /data/more.npy"
        spellCheck={false}
        autoComplete="off"
        value={text}
        onChange={(e) => setText(e.target.value)}
      />
      <button type="submit" disabled={splitPaths(text).length === 0}>Open</button>
    </form>
  );
}
