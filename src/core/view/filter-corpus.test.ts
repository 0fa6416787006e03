// A real methylation table of the shared corpus, loaded into the store as the app loads it, filtered and checked against NumPy.
import { fileURLToPath } from 'node:url';
import { expect, it } from 'vitest';
import { useTempStore } from '../store/test-support/temp-store.js';
import { openDatasetReader } from '../store/dataset-reader.js';
import { numpy } from '../store/numpy-oracle.js';
import { loadTextFile } from '../text/text-loader.js';
import { compileFilter } from './filter-compile.js';
import { runFilter } from './filter-run.js';

const PREFIX = 'arrayporttest-filtercorpus';
/** The corpus sits beside the project checkout (../shared/corpus). */
const FILE = fileURLToPath(new URL('../../../../shared/corpus/methylation/methylKit__test1.myCpG.txt', import.meta.url));
const { writer } = useTempStore(PREFIX);

/** [our filter, NumPy's question about np.genfromtxt of the same file]; d is the structured array NumPy read. */
const CASES: readonly (readonly [string, string])[] = [
  ['freqC > 50 and strand == "F"', "(d['freqC'] > 50) & (d['strand'] == 'F')"],
  ['coverage >= 20 or freqT == 100', "(d['coverage'] >= 20) | (d['freqT'] == 100)"],
  ['base % 2 == 0 and chr == "chr21"', "(d['base'] % 2 == 0) & (d['chr'] == 'chr21')"],
  ['freqC + freqT != 100', "d['freqC'] + d['freqT'] != 100"],
  ['coverage * freqC / 100 >= 5', "d['coverage'] * d['freqC'] / 100 >= 5"],
  ['`chrBase` > "chr21.3"', "d['chrBase'] > 'chr21.3'"],
];

it('filters methylKit__test1.myCpG.txt (tab, header, 1904 rows) as NumPy does', async () => {
  const w = writer('f');
  await loadTextFile(FILE, w);
  const reader = openDatasetReader(w.dir);
  try {
    expect(reader.rows).toBe(1904);
    const want = numpy<number[][]>(
      "d = np.genfromtxt(ARGS['file'], delimiter='\\t', names=True, dtype=None, encoding='latin1')\n" +
        "print(json.dumps([np.flatnonzero(eval(e)).tolist() for e in ARGS['cases']]))",
      { file: FILE, cases: CASES.map((c) => c[1]) },
    );
    CASES.forEach(([expr], k) => {
      expect(want[k]!.length, expr).toBeGreaterThan(0);
      expect(Array.from(runFilter(reader, compileFilter(expr, reader.manifest.columns), { blockRows: 500 })), expr).toEqual(want[k]);
    });
  } finally {
    reader.close();
  }
});
