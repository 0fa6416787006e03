// Every real text file of the shared corpus either loads (values equal to NumPy where NumPy reads it) or fails at a line and column.
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { LoadError } from '../load-error.js';
import { loadTextFile } from './text-loader.js';
import { MemorySink } from './test-support/memory-sink.js';
import { numpyColumns } from './test-support/numpy-oracle.js';

/** The corpus sits beside the project checkout (../shared/corpus), in CI as here. */
const BASE = fileURLToPath(new URL('../../../../shared/corpus', import.meta.url));
type Expect = { rows: number; cols: number; numpy?: boolean } | { line: number; column: number; message: RegExp };

/** What every real text file in the corpus gives: a table (row x column counts) or a LoadError at a line and column. */
const CORPUS: Record<string, Expect> = {
  'text_tables/astropy__history_mesa.data': { line: 1, column: 1, message: /row has 11 fields, expected 3/ },
  'text_tables/astropy__ipac.dat': { line: 1, column: 1, message: /row has 3 fields, expected 11/ },
  'text_tables/astropy__short.rdb': { rows: 9, cols: 3 },
  'text_tables/csvkit__FY09_EDU_Recipients_by_State.csv': { rows: 53, cols: 10 },
  'text_tables/csvkit__blanks.csv': { rows: 2, cols: 6 },
  'text_tables/csvkit__mac_newlines.csv': { rows: 2, cols: 3 },
  'text_tables/csvkit__test_utf8_bom.csv': { rows: 2, cols: 3 },
  'text_tables/frictionless__issue-1066.csv': { rows: 21624, cols: 10 },
  'text_tables/frictionless__issue-811.csv': { rows: 7904, cols: 26 },
  'text_tables/frictionless__table-unicode-headers.csv': { rows: 2, cols: 2 },
  'text_tables/frictionless__table-with-accents.csv': { rows: 638, cols: 8 },
  'text_tables/frictionless__wide.csv': { rows: 3, cols: 9074 },
  'text_tables/numpy__umath-validation-set-log.csv': { rows: 260, cols: 4, numpy: true },
  'text_tables/scipy__GLB.Ts+dSST.csv': { line: 1, column: 1, message: /row has 1 field, expected 19/ },
  'text_tables/scipy__ellint_rg.txt': { rows: 9993, cols: 4, numpy: true },
  'text_tables/vega__global-temp.csv': { rows: 144, cols: 2, numpy: true },
  'text_tables/vega__seattle-weather-hourly-normals.csv': { rows: 8759, cols: 4, numpy: true },
  'text_tables/xarray__example.ict': { line: 4, column: 1, message: /row has 5 fields, expected 2/ },
  'methylation/bsseq__modkit_Hypo1.first50Bed.txt': { rows: 50, cols: 18, numpy: true },
  'methylation/bsseq__test_data.fastq_bismark.bismark.cov.gz': { rows: 2013, cols: 6, numpy: true },
  'methylation/igvjs__bedgraph-example-uscs.bedgraph': { line: 4, column: 1, message: /row has 1 field, expected 4/ },
  'methylation/igvjs__sample.bedmethyl': { rows: 100, cols: 18, numpy: true },
  'methylation/methrix__C1.bedGraph.gz': { rows: 677, cols: 4, numpy: true },
  'methylation/methylKit__bismark_coverage_CpG.bed': { rows: 53, cols: 6, numpy: true },
  'methylation/methylKit__bismark_cytosineReport.txt': { rows: 29, cols: 7, numpy: true },
  'methylation/methylKit__test1.myCpG.txt': { rows: 1904, cols: 7, numpy: true },
  'methylation/methylKit__test1.txt.bgz': { rows: 1904, cols: 7, numpy: true },
  'malformed/astropy__bad.txt': { line: 5, column: 1, message: /row has 5 fields, expected 4/ },
  'malformed/csvkit__bad.csv': { line: 2, column: 1, message: /row has 4 fields, expected 3/ },
  'malformed/csvkit__empty.csv': { line: 1, column: 1, message: /no data/ },
  'malformed/csvkit__null_byte.csv': { line: 2, column: 1, message: /NUL byte/ },
  'malformed/igvjs__sample.mixed_delimiters.bedmethyl': { line: 1, column: 1, message: /row has 13 fields, expected 14/ },
  'malformed/ndarray-npy__example_bool_bad_value.npy': { line: 1, column: 8, message: /NUL byte/ },
  'malformed/netcdf-c__ref_test_corrupt_magic.nc': { line: 3, column: 1, message: /NUL byte/ },
  'malformed/netcdf4-python__ubyte.nc': { line: 1, column: 5, message: /NUL byte/ },
  'malformed/npyz__unicode_surrogate.npy': { line: 1, column: 8, message: /NUL byte/ },
};

describe('real files of the corpus', () => {
  for (const [name, want] of Object.entries(CORPUS)) {
    it(name, async () => {
      const path = `${BASE}/${name}`;
      const sink = new MemorySink();
      const got = await loadTextFile(path, sink).catch((e: unknown) => e);
      if ('line' in want) {
        expect(got).toBeInstanceOf(LoadError);
        expect((got as LoadError).info).toMatchObject({ file: path, line: want.line, column: want.column });
        expect((got as LoadError).info.message).toMatch(want.message);
        return;
      }
      if (got instanceof Error) throw got;
      const r = got as Awaited<ReturnType<typeof loadTextFile>>;
      expect([r.rows, r.columns.length]).toEqual([want.rows, want.cols]);
      expect(sink.finished).toBe(true);
      if (!want.numpy) return;
      // NumPy reads the same file with the dtypes we inferred; every value must agree bit for bit.
      const dtype = `[${sink.columns.map((c, i) => `('c${i}','${c.dtype}')`).join(',')}]`;
      const delim = r.dialect.delimiter === 'whitespace' ? 'None' : JSON.stringify(r.dialect.delimiter);
      // NumPy picks gzip by the '.gz' extension only, so BGZF ('.bgz') is opened for it.
      const src = name.endsWith('.bgz') ? "__import__('gzip').open(path, 'rt', encoding='latin1')" : 'path';
      const np = numpyColumns(path, `np.loadtxt(${src}, dtype=${dtype}, delimiter=${delim}, skiprows=${r.dialect.header ? r.dialect.skippedLines : 0}, quotechar='"', encoding='latin1')`);
      np.forEach((col, i) => {
        if (col.strings) expect(sink.values(i).map((v) => Buffer.from(v as string, 'latin1').toString('base64'))).toEqual(col.strings);
        else expect(Buffer.from(sink.rawBytes(i)).toString('base64'), sink.columns[i]!.name).toBe(col.raw);
      });
    });
  }
});
