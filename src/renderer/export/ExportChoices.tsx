// The export dialog's first choices: which datasets, whole or as their current views, and the file format (.npy and CSV take one table).
import { useId } from 'react';
import type { DatasetInfo } from '../../shared/dataset.js';
import type { ExportFormat } from '../../shared/export-request.js';
import { formatBytes, formatCount } from '../format/format-units.js';
import { FORMATS, hasView, singleTableProblem, withExtension } from './export-form.js';
import type { ExportForm } from './export-form.js';

interface Props {
  readonly datasets: readonly DatasetInfo[];
  readonly form: ExportForm;
  readonly disabled: boolean;
  readonly onChange: (patch: Partial<ExportForm>) => void;
}

function viewText(d: DatasetInfo): string {
  const v = d.view;
  if (!v || !hasView(d)) return `${formatCount(d.rows)} rows · whole (no view)`;
  const cols = v.spec.columns ? `${v.spec.columns.length} of ${d.columns.length} columns` : `${d.columns.length} columns`;
  return `${formatCount(v.rows)} of ${formatCount(d.rows)} rows · ${cols}`;
}

export function ExportChoices({ datasets, form, disabled, onChange }: Props) {
  const hintId = useId();
  const chosen = datasets.filter((d) => form.datasetIds.includes(d.id));
  const oneTable = singleTableProblem(chosen);
  const anyView = chosen.some(hasView);

  const setIds = (ids: readonly string[]) => {
    const next = datasets.filter((d) => ids.includes(d.id));
    // .npy and CSV hold one table: leaving that, fall back to HDF5 rather than keep a form that cannot be sent.
    if (form.format !== 'hdf5' && singleTableProblem(next)) onChange({ datasetIds: ids, format: 'hdf5', destination: withExtension(form.destination, 'hdf5') });
    else onChange({ datasetIds: ids });
  };
  const setFormat = (format: ExportFormat) => onChange({ format, destination: withExtension(form.destination, format) });

  return (
    <>
      <fieldset disabled={disabled}>
        <legend>Datasets</legend>
        {datasets.length === 0 && <p className="muted">Open a dataset first.</p>}
        {datasets.map((d) => (
          <label key={d.id} className="check">
            <input
              type="checkbox"
              disabled={d.state !== 'ready'}
              checked={form.datasetIds.includes(d.id)}
              onChange={(e) => setIds(e.target.checked ? [...form.datasetIds, d.id] : form.datasetIds.filter((x) => x !== d.id))}
            />
            <span>{d.name}</span>
            <span className="muted small check-meta">
              {d.state !== 'ready'
                ? d.state
                : form.views && d.array
                  ? `${d.array.shape.join(' × ')} array · no view`
                  : form.views ? viewText(d) : `${formatCount(d.rows)} rows · ${formatBytes(d.storeBytes)}`}
            </span>
          </label>
        ))}
      </fieldset>
      <div className="form-row">
        <fieldset disabled={disabled}>
          <legend>What to export</legend>
          <label className="check">
            <input type="radio" name="what" checked={!form.views} onChange={() => onChange({ views: false })} />
            <span>Whole datasets <span className="muted small">every row and column as loaded</span></span>
          </label>
          <label className="check">
            <input type="radio" name="what" checked={form.views} disabled={!anyView && !form.views} onChange={() => onChange({ views: true })} />
            <span>Current view <span className="muted small">filtered, sorted rows and the chosen columns</span></span>
          </label>
          {!anyView && <p className="muted small form-hint">None of the chosen tables has a filter, sort or column choice.</p>}
        </fieldset>
        <fieldset disabled={disabled}>
          <legend>Format</legend>
          {(Object.keys(FORMATS) as ExportFormat[]).map((f) => (
            <label key={f} className="check">
              <input
                type="radio"
                name="format"
                checked={form.format === f}
                disabled={f !== 'hdf5' && oneTable !== null}
                aria-describedby={f !== 'hdf5' && oneTable ? hintId : undefined}
                onChange={() => setFormat(f)}
              />
              <span>{FORMATS[f].title} <span className="muted small">{FORMATS[f].hint}</span></span>
            </label>
          ))}
          {oneTable && <p id={hintId} className="muted small form-hint">{oneTable}</p>}
        </fieldset>
      </div>
    </>
  );
}
