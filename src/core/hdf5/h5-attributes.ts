// Writes provenance attributes as types h5py reads back naturally: str, int64, float64 scalars.

import type { Dataset, Group } from 'h5wasm/node';

/**
 * Strings become scalar variable-length UTF-8 strings (h5py returns `str`); integers int64
 * scalars (h5wasm would guess int32 and overflow a file size above 2 GiB); other numbers float64.
 * dtypes are given explicitly as struct codes: '<q' is int64 and '<d' float64 in h5wasm.
 */
export function writeAttributes(target: Dataset | Group, attributes: Record<string, string | number>): void {
  for (const [name, value] of Object.entries(attributes)) {
    if (name === '') throw new Error(`an attribute of '${target.path}' has an empty name`);
    if (typeof value === 'string') target.create_attribute(name, value, []);
    else if (Number.isSafeInteger(value)) target.create_attribute(name, new BigInt64Array([BigInt(value)]), [], '<q');
    else target.create_attribute(name, new Float64Array([value]), [], '<d');
  }
}
