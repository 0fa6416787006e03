// Statistics of real corpus files loaded into the store, against NumPy's own np.loadtxt of the same files.
import fs from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { parseDType } from '../../shared/dtype.js';
import { openDatasetReader } from '../store/dataset-reader.js';
import { DatasetWriter } from '../store/dataset-writer.js';
import { numpy } from '../store/numpy-oracle.js';
import { useTempStore } from '../store/test-support/temp-store.js';
import { loadTextFile } from '../text/text-loader.js';
import { computeStats } from './column-stats.js';
import { PY_DESCRIBE, expectMatchesNumpy, type Truth } from './test-support/numpy-truth.js';

/** The corpus sits beside the project checkout (../shared/corpus), as src/core/text/corpus.test.ts finds it. */
const BASE = fileURLToPath(new URL('../../../../shared/corpus', import.meta.url));
const PREFIX = 'arrayporttest-corpusstats';
const { store } = useTempStore(PREFIX);

const LOADTXT = `
a = ARGS
x = np.loadtxt(a['path'], dtype=[('c%d' % i, d) for i, d in enumerate(a['dtypes'])], delimiter=a['delimiter'], skiprows=a['skip'], quotechar='"', encoding='latin1')
print(json.dumps([describe(a['names'][i], x['c%d' % i], 50) for i in range(len(a['dtypes']))]))
`;

describe('statistics of corpus files', () => {
  // A methylation table (strings, strand letters, integers, two-decimal percentages) and a climate table (floats, dates).
  for (const name of ['methylation/methylKit__test1.myCpG.txt', 'text_tables/vega__seattle-weather-hourly-normals.csv']) {
    it(name, async () => {
      const file = `${BASE}/${name}`;
      const { dir } = store.createDataset({ name, sourcePath: file, sourceBytes: fs.statSync(file).size, format: 'text', estimatedBytes: 1 });
      const loaded = await loadTextFile(file, new DatasetWriter(dir));
      const reader = openDatasetReader(dir);
      try {
        const ours = computeStats(reader);
        const theirs = numpy<Truth[]>(PY_DESCRIBE + LOADTXT, {
          path: file,
          dtypes: loaded.columns.map((c) => c.dtype),
          names: loaded.columns.map((c) => c.name),
          delimiter: loaded.dialect.delimiter === 'whitespace' ? null : loaded.dialect.delimiter,
          skip: loaded.dialect.header ? loaded.dialect.skippedLines : 0,
        });
        expect(ours.length).toBe(theirs.length);
        ours.forEach((s, i) => expectMatchesNumpy(s, theirs[i]!));
        // Both files mix kinds: strings and numbers (methylKit also integers), so more than one accumulator is exercised.
        expect(new Set(ours.map((s) => parseDType(s.dtype).kind)).size).toBeGreaterThan(1);
      } finally {
        reader.close();
      }
    });
  }
});

