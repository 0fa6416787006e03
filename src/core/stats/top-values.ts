// Picks the most frequent values: count descending, ties by value ascending (NumPy's np.unique order), so the list is deterministic.

/** Values listed in ColumnStats.top. */
export const TOP_COUNT = 10;
/** A column with at most this many distinct values gets a top list whatever its type. */
export const FEW_DISTINCT = 20;

/**
 * Indices of the at most TOP_COUNT candidates with the highest counts, most frequent first.
 * `candidates` lists entry indices; `compare(a, b)` orders two entries by value (< 0 when a's value is smaller).
 * One pass with a sorted list of ten: no sort of every candidate.
 */
export function selectTop(
  candidates: Iterable<number>,
  count: (entry: number) => number,
  compare: (a: number, b: number) => number,
): number[] {
  const best: number[] = [];
  const before = (a: number, b: number): boolean => {
    const ca = count(a);
    const cb = count(b);
    return ca !== cb ? ca > cb : compare(a, b) < 0;
  };
  for (const e of candidates) {
    if (best.length === TOP_COUNT && !before(e, best[TOP_COUNT - 1]!)) continue;
    let at = best.length === TOP_COUNT ? TOP_COUNT - 1 : best.length;
    while (at > 0 && before(e, best[at - 1]!)) {
      best[at] = best[at - 1]!;
      at--;
    }
    best[at] = e;
    if (best.length > TOP_COUNT) best.length = TOP_COUNT;
  }
  return best;
}

/** Entry indices 0 … n − 1 whose count is positive. */
export function* present(counts: ArrayLike<number>, n: number): Generator<number> {
  for (let e = 0; e < n; e++) if (counts[e]! > 0) yield e;
}
