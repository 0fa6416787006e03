// The type lattice of inferred text columns (bool / int32 → int64 → float64 → string) and the dtypes and reasons it yields.

import { BIG_INT, FALSE, FLOAT, INT, MISSING, TRUE } from './field-scan.js';

/** No value seen yet (only during inference). */
export const K_NONE = 0;
export const K_BOOL = 1;
export const K_I32 = 2;
export const K_I64 = 3;
export const K_F64 = 4;
export const K_STR = 5;
/** Only from a dtype spec: float32, 8/16/32-bit integers other than int32, uint64. */
export const K_F32 = 6;
export const K_INT = 7;
export const K_U64 = 8;

export function fitsInt32(v: number): boolean {
  return v >= -2147483648 && v <= 2147483647;
}

const I64_MIN = -(1n << 63n);
const I64_MAX = (1n << 63n) - 1n;
export function fitsInt64(v: bigint): boolean {
  return v >= I64_MIN && v <= I64_MAX;
}

/**
 * The kind an inferred column must take to hold a value of class `cls` (from FieldScanner).
 * `fits` says whether an INT fits int32 / a BIG_INT fits int64; `hadMissing` whether a missing value was seen before.
 */
export function widenFor(kind: number, cls: number, fits: boolean, hadMissing: boolean): number {
  switch (cls) {
    case MISSING:
      if (kind === K_I32 || kind === K_I64) return K_F64;
      return kind === K_BOOL ? K_STR : kind;
    case INT:
      if (kind === K_NONE) return hadMissing ? K_F64 : fits ? K_I32 : K_I64;
      if (kind === K_I32) return fits ? K_I32 : K_I64;
      return kind === K_BOOL ? K_STR : kind;
    case BIG_INT:
      if (kind === K_NONE) return hadMissing || !fits ? K_F64 : K_I64;
      if (kind === K_I32 || kind === K_I64) return fits ? K_I64 : K_F64;
      return kind === K_BOOL ? K_STR : kind;
    case FLOAT:
      return kind === K_BOOL || kind === K_STR ? K_STR : K_F64;
    case TRUE:
    case FALSE:
      if (kind === K_NONE) return hadMissing ? K_STR : K_BOOL;
      return kind === K_BOOL ? K_BOOL : K_STR;
    default:
      return K_STR;
  }
}

/** NumPy dtype of an inferred kind; strings get their widest value so far. */
export function inferredDType(kind: number, width: number): string {
  switch (kind) {
    case K_BOOL: return '|b1';
    case K_I32: return '<i4';
    case K_I64: return '<i8';
    case K_STR: return `|S${Math.max(1, width)}`;
    default: return '<f8';
  }
}

/** Why an inferred column has become `kind` because of `text` at `line`. */
export function widenReason(kind: number, from: number, cls: number, text: string, line: number, fraction: boolean): string {
  const at = `'${text}' at line ${line}`;
  switch (kind) {
    case K_BOOL: return 'bool: every value is True or False';
    case K_I32: return 'int32: every value is an integer in int32 range';
    case K_I64: return `int64: ${at} does not fit int32`;
    case K_F64:
      if (cls === MISSING) return `float64: integers with missing values (${at})`;
      if (cls === BIG_INT) return `float64: ${at} does not fit int64`;
      return `float64: ${at} ${fraction ? 'is written with a decimal point' : 'is not an integer'}`;
    default:
      if (from === K_BOOL || cls === TRUE || cls === FALSE) return `string: ${at} mixes True/False with other values`;
      if (cls === MISSING) return `string: ${at} is missing in a True/False column`;
      return `string: ${at} is not a number`;
  }
}
