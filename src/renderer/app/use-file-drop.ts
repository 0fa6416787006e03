// Drop anywhere: tracks files dragged over the window (for the full-window target) and hands dropped files on.
import { useEffect, useState } from 'react';

/** Whether files are being dragged over the window, and how many (0 when the browser will not say yet). */
export interface DragState {
  readonly active: boolean;
  readonly count: number;
}

const hasFiles = (e: DragEvent) => !!e.dataTransfer && [...e.dataTransfer.types].includes('Files');

export function useFileDrop(onDrop: (files: File[]) => void): DragState {
  const [drag, setDrag] = useState<DragState>({ active: false, count: 0 });
  useEffect(() => {
    // dragenter/dragleave fire for every child element crossed; a depth counter tells when the pointer really left.
    let depth = 0;
    const enter = (e: DragEvent) => {
      if (!hasFiles(e)) return;
      e.preventDefault();
      depth++;
      setDrag({ active: true, count: e.dataTransfer?.items.length ?? 0 });
    };
    const over = (e: DragEvent) => {
      if (!hasFiles(e)) return;
      e.preventDefault();
      if (e.dataTransfer) e.dataTransfer.dropEffect = 'copy';
    };
    const leave = (e: DragEvent) => {
      if (!hasFiles(e)) return;
      depth = Math.max(0, depth - 1);
      if (depth === 0) setDrag({ active: false, count: 0 });
    };
    const drop = (e: DragEvent) => {
      if (!hasFiles(e)) return;
      e.preventDefault();
      depth = 0;
      setDrag({ active: false, count: 0 });
      const files = [...(e.dataTransfer?.files ?? [])];
      if (files.length) onDrop(files);
    };
    window.addEventListener('dragenter', enter);
    window.addEventListener('dragover', over);
    window.addEventListener('dragleave', leave);
    window.addEventListener('drop', drop);
    return () => {
      window.removeEventListener('dragenter', enter);
      window.removeEventListener('dragover', over);
      window.removeEventListener('dragleave', leave);
      window.removeEventListener('drop', drop);
    };
  }, [onDrop]);
  return drag;
}
