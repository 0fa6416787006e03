// LoadError: an input problem that points at file, line and column; the CLI prints it as one line, the app shows it.

import { formatLoadError, type LoadErrorInfo } from '../shared/dataset.js';

/** Shortens offending text for messages: at most `max` characters, with an ellipsis. */
export function shortenText(text: string, max = 40): string {
  const oneLine = text.replace(/[\r\n]+/g, '⏎');
  return oneLine.length <= max ? oneLine : `${oneLine.slice(0, max - 1)}…`;
}

export class LoadError extends Error {
  readonly info: LoadErrorInfo;
  constructor(info: LoadErrorInfo) {
    const shortened = info.text === undefined ? info : { ...info, text: shortenText(info.text) };
    super(formatLoadError(shortened));
    this.name = 'LoadError';
    this.info = shortened;
  }
}

/** Thrown when a load or export is cancelled; never shown as an error. */
export class CancelledError extends Error {
  constructor() {
    super('cancelled');
    this.name = 'CancelledError';
  }
}

/** Errno codes of a filesystem that cannot take more bytes. */
const FULL = new Set(['ENOSPC', 'EDQUOT', 'EFBIG']);

/**
 * A write into the store that failed for lack of space becomes a LoadError naming the store
 * directory, so the user sees where space ran out instead of a bare "ENOSPC … write" (the
 * dataset writer is synchronous and reports the raw errno). Anything else is returned as is.
 */
export function storeSpaceError(e: unknown, file: string, storeDir: string): unknown {
  const code = (e as NodeJS.ErrnoException | null)?.code;
  if (e instanceof LoadError || code === undefined || !FULL.has(code)) return e;
  return new LoadError({ file, message: `the store ran out of space in ${storeDir} (${code}: ${code === 'ENOSPC' ? 'no space left on device' : (e as Error).message}); free some space there or close other datasets, then load again` });
}
