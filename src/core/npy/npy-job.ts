// A NumPy load (.npy, or one member of an .npz) as a loader worker runs it; imported by load-job only when such a file comes.

import { createReadStream, statSync } from 'node:fs';
import { performance } from 'node:perf_hooks';
import type { LoadProgress } from '../../shared/dataset.js';
import type { LoadRequest, LoadResult } from '../load-request.js';
import { LoadError } from '../load-error.js';
import { loadNpy } from './npy-loader.js';
import { listZip, memberBytes } from './zip-index.js';

/** A .npy file, or one member of an .npz, streamed into the store block by block; progress at most every `reportEveryMs`. */
export async function runNpyJob(
  req: LoadRequest, format: 'npy' | 'zip', report: (p: LoadProgress) => void, reportEveryMs: number, signal?: AbortSignal,
): Promise<LoadResult> {
  const started = performance.now();
  let lastReport = -Infinity;
  let source: AsyncIterable<Uint8Array>;
  let totalBytes: number;
  let file = req.path;
  if (format === 'zip') {
    if (req.member === undefined) throw new LoadError({ file, message: 'this is a zip archive; open it as .npz (one dataset per member)' });
    const m = listZip(req.path).find((x) => x.name === req.member);
    if (!m) throw new LoadError({ file, message: `no member '${req.member}' in the archive` });
    file = `${req.path}/${m.name}`;
    source = memberBytes(req.path, m);
    totalBytes = m.size;
  } else {
    totalBytes = statSync(req.path).size;
    source = createReadStream(req.path, { highWaterMark: 4 << 20 });
  }
  const toProgress = (p: { bytesRead: number; bytesTotal: number; rows: number }): LoadProgress => {
    const elapsedSeconds = (performance.now() - started) / 1000;
    return { ...p, rate: elapsedSeconds > 0 ? p.bytesRead / elapsedSeconds : 0, elapsedSeconds };
  };
  const result = await loadNpy(source, req.datasetDir, {
    file,
    totalBytes,
    ...(req.member !== undefined ? { member: req.member } : {}),
    ...(signal ? { signal } : {}),
    onProgress: (p) => {
      const now = performance.now();
      if (now - lastReport < reportEveryMs) return;
      lastReport = now;
      report(toProgress(p));
    },
  });
  report(toProgress({ bytesRead: totalBytes, bytesTotal: totalBytes, rows: result.rows }));
  return { rows: result.rows, format: format === 'zip' ? 'npz' : 'npy', kind: result.kind, shape: result.shape };
}
