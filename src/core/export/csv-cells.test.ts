// CSV cell text against NumPy and Python's csv module: shortest round-trip floats (every float16), float16 rounding, quoting.
import { describe, expect, it } from 'vitest';
import { numpy } from '../store/numpy-oracle.js';
import { parseDType } from '../../shared/dtype.js';
import { columnCells, DictionaryCells, quoteField, toHalfBits } from './csv-cells.js';

/**
 * NumPy's verdict on the cells written for the bit patterns `bits` of float dtype `f` (`u` the unsigned type of
 * its width): how many read back to other bits, and how many are longer than NumPy's shortest round-trip text.
 */
function roundTrip(f: string, u: string, bits: Uint16Array | Uint32Array, cells: string[]): { wrong: number; longer: number } {
  return numpy<{ wrong: number; longer: number }>(`
want = np.array(ARGS['bits'], dtype='${u}').view('${f}')
cells = ARGS['cells']
got = np.array([float(c) for c in cells]).astype('${f}')
nan = np.isnan(want)
wrong = int(np.sum(np.isnan(got) != nan) + np.sum(got[~nan].view('${u}') != want[~nan].view('${u}')))
def digits(s):
    return len(s.lower().split('e')[0].lstrip('+-').replace('.', '').strip('0'))
longer = sum(1 for c, v in zip(cells, want) if np.isfinite(v) and digits(c) > digits(np.format_float_scientific(v, unique=True)))
print(json.dumps({'wrong': wrong, 'longer': longer}))`, { bits: Array.from(bits), cells });
}

describe('csv cells', () => {
  it('writes every float16 as text that parses back to it, no longer than NumPy repr', () => {
    const bits = Uint16Array.from({ length: 65536 }, (_, i) => i);
    const cells = columnCells(bits, parseDType('<f2'), bits.length, new DictionaryCells());
    expect(roundTrip('<f2', '<u2', bits, cells)).toEqual({ wrong: 0, longer: 0 });
  });

  it('writes float32 bit patterns as short text that reads back to the same float32', () => {
    const n = 50_000;
    const bits = Uint32Array.from({ length: n }, (_, i) => (Math.imul(i + 1, 2654435761) ^ (i << 7)) >>> 0);
    const cells = columnCells(new Float32Array(bits.buffer), parseDType('<f4'), n, new DictionaryCells());
    expect(roundTrip('<f4', '<u4', bits, cells)).toEqual({ wrong: 0, longer: 0 });
  });

  it('rounds doubles to float16 as NumPy does, ties to even included', () => {
    const xs = numpy<number[]>(`
h = np.arange(0, 0x7c00, dtype='<u2').view('<f2').astype('<f8')
mid = (h[:-1] + h[1:]) / 2
rng = np.random.default_rng(3)
xs = np.concatenate([mid, -mid[::7], rng.uniform(-70000, 70000, 5000), rng.uniform(-1e-4, 1e-4, 5000), [65504, 65519.99, 65520, 1e6, 0.0]])
print(json.dumps(xs.tolist()))`);
    const want = numpy<number[]>(`np.seterr(over='ignore')\nprint(json.dumps(np.array(ARGS, dtype='<f8').astype('<f2').view('<u2').tolist()))`, xs);
    expect(xs.map(toHalfBits)).toEqual(want);
    // JSON has no -0.0 to send back to NumPy: the sign bit is checked here.
    expect(toHalfBits(-0)).toBe(0x8000);
  });

  it('quotes strings so that Python\'s csv module reads them back, dictionary values included', () => {
    const values = ['plain', 'a,b', 'say "hi"', 'two\nlines', 'cr\rlf\r\n', '', ' pad ', 'é', '"', ','];
    const width = 12;
    const bytes = new Uint8Array(values.length * width);
    values.forEach((v, i) => bytes.set(Buffer.from(v), i * width));
    const plain = columnCells({ width, bytes }, parseDType('|S12'), values.length, new DictionaryCells());
    const codes = Uint16Array.from({ length: 30 }, (_, i) => (i * 7) % values.length);
    const coded = columnCells({ width, codes, values: bytes }, parseDType('|S12'), codes.length, new DictionaryCells());
    const text = [...plain, ...coded].map((cell, i) => `${i},${cell},${quoteField(values[i % values.length]!)}\n`).join('');
    const back = numpy<string[][]>('import csv, io\nprint(json.dumps(list(csv.reader(io.StringIO(ARGS, newline="")))))', text);
    expect(back.map((row) => row[1])).toEqual([...values, ...Array.from(codes, (c) => values[c]!)]);
    expect(back.every((row) => row.length === 3)).toBe(true);
  });
});
