// Turns dataset and column names into valid HDF5 link names, unique within their group.

/**
 * A link name may not contain '/' (the path separator) or NUL (names are C strings), and '.' alone
 * means the group itself. Empty names fall back to `fallback`.
 */
export function hdf5LinkName(raw: string, fallback: string): string {
  const cleaned = raw.replace(/[/\0]/g, '_');
  if (cleaned === '') return fallback;
  if (cleaned === '.') return '_';
  return cleaned;
}

/** Makes names unique in order: the second 'coverage' becomes 'coverage_2', the third 'coverage_3'. */
export function uniqueNames(names: readonly string[]): string[] {
  const taken = new Set<string>();
  return names.map((name) => {
    let candidate = name;
    for (let k = 2; taken.has(candidate); k++) candidate = `${name}_${k}`;
    taken.add(candidate);
    return candidate;
  });
}

/** Dataset names for the root group, one per source. */
export function datasetNames(raw: readonly string[]): string[] {
  return uniqueNames(raw.map((n) => hdf5LinkName(n, 'dataset')));
}

/**
 * Column names: link names in the 'columns' layout; compound member names otherwise, where any
 * text is allowed but empty names become 'f<i>' and duplicates get suffixes, as NumPy requires.
 */
export function columnNames(raw: readonly string[], layout: 'compound' | 'columns'): string[] {
  const cleaned = raw.map((n, i) => (layout === 'columns' ? hdf5LinkName(n, `f${i}`) : n === '' ? `f${i}` : n.replace(/\0/g, '_')));
  return uniqueNames(cleaned);
}
