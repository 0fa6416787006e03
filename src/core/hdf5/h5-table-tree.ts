// Turns planned tables into the node tree the HDF5 format encoder lays out: a compound dataset per table, or a group of column datasets.

import { compoundType, columnType } from './format/datatype-message.js';
import type { AttributeValue, DatasetNode, GroupNode } from './format/file-layout.js';
import type { DatasetPlan, SourcePlan } from './h5-plan.js';

export interface TableTreeOptions {
  /** The 'numpy_dtype' attribute name: the intended dtype of each dataset (tells readers a uint8 is really bool). */
  readonly dtypeAttribute: string;
  /** Source attributes with reserved names already removed. */
  readonly attributesOf: (plan: SourcePlan) => Record<string, string | number>;
  /** Chunked storage for a dataset; contiguous when it returns undefined. */
  readonly chunkedOf: (d: DatasetPlan) => DatasetNode['chunked'];
}

export interface TableTree {
  readonly root: GroupNode;
  /** Every dataset node in file order, with the plan that fills it. */
  readonly datasets: ReadonlyMap<DatasetNode, { readonly plan: SourcePlan; readonly dataset: DatasetPlan }>;
}

function lastSegment(path: string): string {
  return path.slice(path.lastIndexOf('/') + 1);
}

export function tableTree(plans: readonly SourcePlan[], o: TableTreeOptions): TableTree {
  const datasets = new Map<DatasetNode, { plan: SourcePlan; dataset: DatasetPlan }>();
  const node = (plan: SourcePlan, d: DatasetPlan, attributes: [string, AttributeValue][]): DatasetNode => {
    const columns = d.members.map((m) => m.column);
    const names = d.memberNames;
    const chunked = o.chunkedOf(d);
    const n: DatasetNode = {
      kind: 'dataset', name: lastSegment(d.path), shape: [d.rows], elementBytes: d.rowBytes,
      attributes: [[o.dtypeAttribute, d.numpyDtype], ...attributes],
      encodeType: (w) => (names ? compoundType(w, names, columns) : columnType(w, columns[0]!)),
      ...(chunked ? { chunked } : {}),
    };
    datasets.set(n, { plan, dataset: d });
    return n;
  };
  const children = plans.map((plan): GroupNode | DatasetNode => {
    const sourceAttributes = Object.entries(o.attributesOf(plan));
    if (!plan.group) return node(plan, plan.datasets[0]!, sourceAttributes);
    const columns = plan.datasets.map((d) => node(plan, d, []));
    return { kind: 'group', name: lastSegment(plan.path), children: columns, attributes: sourceAttributes };
  });
  return { root: { kind: 'group', name: '/', children, attributes: [] }, datasets };
}
