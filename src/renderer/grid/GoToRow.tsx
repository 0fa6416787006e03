// The "Go to row" field: takes a 0-based row number (commas allowed) and shows that row; in a filtered or sorted view, that position of the view.
import { useId, useState } from 'react';
import { formatCount } from '../format/format-units.js';
import { parseRowNumber } from './grid-window.js';

interface Props {
  readonly total: number;
  /** Numbers count positions of a filtered or sorted view. */
  readonly inView?: boolean;
  readonly onGo: (row: number) => void;
}

export function GoToRow({ total, inView = false, onGo }: Props) {
  const [text, setText] = useState('');
  const [error, setError] = useState<string | null>(null);
  const id = useId();
  return (
    <form
      className="goto"
      onSubmit={(e) => {
        e.preventDefault();
        const parsed = parseRowNumber(text, total);
        if ('error' in parsed) setError(parsed.error);
        else {
          setError(null);
          onGo(parsed.row);
        }
      }}
    >
      <label htmlFor={id} title={inView ? 'A position in the filtered or sorted view (0-based); the row column shows original row numbers.' : undefined}>
        Go to row
      </label>
      <input
        id={id}
        className="goto-input"
        inputMode="numeric"
        autoComplete="off"
        spellCheck={false}
        placeholder={total > 0 ? `0 – ${formatCount(total - 1)}` : ''}
        value={text}
        aria-invalid={error ? true : undefined}
        aria-describedby={error ? `${id}-error` : undefined}
        onChange={(e) => setText(e.target.value)}
      />
      <button type="submit" disabled={total === 0}>Go</button>
      {error && <span id={`${id}-error`} className="goto-error" role="alert">{error}</span>}
    </form>
  );
}
