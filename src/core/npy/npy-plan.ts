// What a .npy header means for the store: one N-d array column, or a table with a column per structured field, or a refusal.

import { parseDType, type ParsedDType } from '../../shared/dtype.js';
import { formatShape, type NpyDescr, type NpyHeader } from '../store/npy-header.js';

/** One element type as it comes from the file and as the store keeps it (little-endian, same values). */
export interface ElementPlan {
  readonly source: ParsedDType;
  /** Canonical little-endian descr the store writes ('>f8' becomes '<f8'). */
  readonly stored: string;
}

export type NpyPlan =
  | { readonly kind: 'array'; readonly element: ElementPlan; readonly shape: readonly number[]; readonly fortranOrder: boolean; readonly count: number }
  | {
      readonly kind: 'table';
      readonly rows: number;
      /** Bytes per record in the file. */
      readonly recordBytes: number;
      readonly fields: readonly { readonly name: string; readonly offset: number; readonly element: ElementPlan }[];
    };

/** Thrown for a header the store cannot take; the loader turns it into a LoadError naming the file. */
export class NpyRefusal extends Error {}

export function planNpy(h: NpyHeader): NpyPlan {
  const count = h.shape.reduce((a, b) => a * b, 1);
  if (typeof h.descr === 'string') {
    return { kind: 'array', element: elementPlan(h.descr), shape: h.shape, fortranOrder: h.fortranOrder && h.shape.length > 1, count };
  }
  if (h.shape.length > 1 && h.fortranOrder) throw new NpyRefusal(`a Fortran-order structured array of shape ${formatShape(h.shape)} is not supported`);
  const fields: { name: string; offset: number; element: ElementPlan }[] = [];
  let offset = 0;
  for (const f of h.descr) {
    const [name, descr, sub] = f as unknown as [string, NpyDescr, (readonly number[])?];
    if (typeof descr !== 'string') throw new NpyRefusal(`field '${name}' is itself structured; nested structured dtypes are not supported`);
    const element = elementPlan(descr);
    if (sub && sub.length > 0) throw new NpyRefusal(`field '${name}' is a subarray ${descr}${formatShape(sub)}; subarray fields are not supported`);
    // NumPy writes padding as fields named '' (or with void type); they take space but are no column.
    if (name !== '') fields.push({ name, offset, element });
    offset += element.source.itemSize;
  }
  if (fields.length === 0) throw new NpyRefusal('the structured dtype has no named fields');
  return { kind: 'table', rows: count, recordBytes: offset, fields };
}

function elementPlan(descr: string): ElementPlan {
  if (/^[<>|=]?O\d*$/.test(descr)) {
    throw new NpyRefusal(`the array holds Python objects (dtype '${descr}', a pickle); Arrayport never unpickles files, since a pickle can run code`);
  }
  if (/^[<>|=]?V\d+$/.test(descr)) throw new NpyRefusal(`raw void dtype '${descr}' is not supported`);
  if (/^[<>|=]?[mM]8/.test(descr)) throw new NpyRefusal(`datetime/timedelta dtype '${descr}' is not supported`);
  let source: ParsedDType;
  try {
    source = parseDType(descr);
  } catch (e) {
    throw new NpyRefusal(`dtype '${descr}' is not supported (${(e as Error).message})`);
  }
  const stored = source.byteOrder === '>' ? `<${source.descr.slice(1)}` : source.descr;
  return { source, stored: parseDType(stored).descr };
}
