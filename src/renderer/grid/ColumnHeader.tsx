// A column header showing the column name over its NumPy type (e.g. pos / int32), with the loader's reason as a tooltip.
import type { CustomHeaderProps } from 'ag-grid-react';

export interface ColumnHeaderParams {
  readonly dtypeLabel: string;
  readonly reason: string;
}

export function ColumnHeader(props: CustomHeaderProps & ColumnHeaderParams) {
  return (
    <span className="col-header" title={props.reason}>
      <span className="col-name">{props.displayName}</span>
      <span className="col-dtype">{props.dtypeLabel}</span>
    </span>
  );
}
