// FilterError: a filter expression the user typed is wrong; one line to show as is, with the column it points at.

/** How a name or piece of the expression appears in a message: one line, at most 40 characters. */
export function quoteText(text: string, max = 40): string {
  const oneLine = text.replace(/[\u0000-\u001f\u007f\u2028\u2029]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
  return `'${oneLine.length <= max ? oneLine : `${oneLine.slice(0, max - 1)}…`}'`;
}

export class FilterError extends Error {
  /** 1-based character column (UTF-16 code unit, as a text input counts its caret) the message points at. */
  readonly position: number;

  /** `message` without the position; the error's message ends with "at column N" and `tail` (a hint) after it. */
  constructor(message: string, position: number, tail = '') {
    super(`${message} at column ${position}${tail ? ` ${tail}` : ''}`);
    this.name = 'FilterError';
    this.position = position;
  }
}
