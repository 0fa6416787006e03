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
