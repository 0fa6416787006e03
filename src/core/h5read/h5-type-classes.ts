// HDF5 type classes (H5T_class_t) as h5wasm numbers them, shared by the reader and the copier.

export const INTEGER = 0;
export const FLOAT = 1;
export const STRING = 3;
export const COMPOUND = 6;
export const ENUM = 8;
export const ARRAY = 10;
/** Classes neither shows nor copies, by name for messages. */
export const CLASS_NAMES: Record<number, string> = { 2: 'time', 4: 'bitfield', 5: 'opaque', 7: 'reference', 9: 'variable-length sequence' };
