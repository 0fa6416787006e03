// Numeric statistics fed block by block, against NumPy on the same bytes: histogram edges and counts exactly, moments within 1e-12.
import { describe, expect, it } from 'vitest';
import { parseDType } from '../../shared/dtype.js';
import type { ColumnStats } from '../../shared/view.js';
import { typedView, type NumericArray } from '../store/dtype-arrays.js';
import { numpy } from '../store/numpy-oracle.js';
import { NumericAccumulator } from './numeric-accumulator.js';
import { PY_DESCRIBE, bytesOf, expectMatchesNumpy, f64s, type Truth } from './test-support/numpy-truth.js';

const CASES = `
rng = np.random.default_rng(20240607)
cases = []
def add(name, x, bins=50): cases.append({**describe(name, x, bins), 'data': b64(x)})
normal = rng.normal(1000, 3, 200_000); normal[rng.integers(0, len(normal), 2000)] = np.nan
add('f8 normal with NaN', normal)
add('f8 NaN and infinities', np.array([1.5, np.nan, np.inf, -2.25, -np.inf, 0.0, 7.0]))
add('f8 +inf only', np.array([np.inf, 3.0, np.nan, 4.0]))
add('f8 all NaN', np.full(100, np.nan))
add('f8 empty', np.zeros(0))
add('f8 constant', np.full(1000, 3.25))
add('f8 on the edges', np.arange(0, 1.0001, 0.01), 10)
add('f8 on the edges, 100 bins', np.arange(0, 1.0001, 0.01), 100)
add('f8 one-ulp range', 1 + np.arange(101) * 2.0**-52)
add('f8 decimals', rng.integers(-500, 500, 20000) / 10, 37)
add('f8 few values', rng.choice([0.1, -0.0, 0.0, 2.5, np.inf, 1e300], 5000))
add('f8 many distinct (HyperLogLog)', rng.random(300_000))
add('f8 integral values (HyperLogLog)', np.arange(-70_000, 80_000, dtype=np.float64))
add('f8 tenths (HyperLogLog)', np.arange(0, 120_000) / 10)
add('i4 sequential (HyperLogLog)', np.arange(1, 140_001, dtype=np.int32))
add('i8 multiples of 2^32 (HyperLogLog)', np.arange(0, 100_000, dtype=np.int64) << 32)
add('f8 ties', np.repeat([2.5, -1.0, np.inf, 0.0, -0.0], 3))
add('i4 ties', np.repeat(np.array([5, -3, 9, 0], np.int32), 4))
add('f4 normal', rng.normal(-3, 100, 100_000).astype(np.float32), 1000)
add('f4 few values', rng.choice(np.array([0.1, 0.2, 0.3, 66.67], np.float32), 3000))
add('f4 decimals', (rng.integers(0, 1000, 5000) / 100).astype(np.float32), 7)
h = rng.normal(0, 10, 50_000).astype(np.float16); h[::97] = np.nan
add('f2 normal', h)
add('f2 normal, 1000 bins', h, 1000)
add('f2 constant 2048', np.full(5, 2048, np.float16), 5)
add('f2 constant 65024 (float32 edges)', np.full(5, 65024, np.float16), 3)
add('f2 tiny values (float32 scale)', np.array([0, 6e-8, 1.2e-7, 3e-5], np.float16), 333)
add('i4 wide', rng.integers(-2**31, 2**31, 100_000, dtype=np.int32))
add('i4 integers on edges', np.arange(0, 51, dtype=np.int32).repeat(3))
add('i4 constant', np.full(10, -7, np.int32))
add('i8 extremes', np.concatenate([rng.integers(-2**63, 2**63 - 1, 10_000, dtype=np.int64), np.array([-2**63, 2**63 - 1], np.int64)]))
add('i8 past 2^53', 2**55 + rng.integers(0, 10_000, 5000, dtype=np.int64) * 7)
add('i8 constant near 2^52', np.full(10, 2**52 + 1, np.int64))
add('i8 few values', rng.choice(np.array([-2**63, 5, 2**53 + 1, 2**53], np.int64), 1000))
add('i8 many distinct (HyperLogLog)', rng.integers(-2**62, 2**62, 150_000, dtype=np.int64))
add('u8 extremes', np.concatenate([rng.integers(0, 2**64 - 1, 5000, dtype=np.uint64, endpoint=True), np.array([0, 2**64 - 1], np.uint64)]), 13)
add('u4', rng.integers(0, 2**32, 5000, dtype=np.uint32), 9)
add('i2', rng.integers(-2**15, 2**15, 70_000, dtype=np.int16))
add('u2', rng.integers(0, 2**16, 5000, dtype=np.uint16), 1000)
add('i1', rng.integers(-128, 128, 5000, dtype=np.int8), 3)
add('u1', rng.integers(0, 256, 5000, dtype=np.uint8), 1)
print(json.dumps(cases))
`;

/** Small arrays of awkward values in every dtype and many bin counts, for the edge corrections alone. */
const FUZZ = `
rng = np.random.default_rng(99)
cases = []
for k in range(240):
    dt = ['<f8', '<f4', '<f2', '<i4', '<i8', '<u2', '<i2', '<u8'][k % 8]
    n = int(rng.integers(1, 60))
    kind = k % 6
    if kind == 0: x = rng.integers(-20, 20, n) / 10
    elif kind == 1: x = rng.integers(0, 7, n) * 2.0 ** int(rng.integers(-8, 8))
    elif kind == 2: x = rng.normal(0, 10.0 ** int(rng.integers(-3, 4)), n)
    elif kind == 3: x = np.linspace(-1, 1, n) * 3
    elif kind == 4: x = rng.integers(0, 3, n) * 0.1 + 0.3
    else: x = np.full(n, rng.normal(0, 10.0 ** int(rng.integers(-6, 4))))
    if dt[1] in 'iu': x = np.abs(x) * 37 if dt[1] == 'u' else x * 37
    if dt == '<f2' and kind == 2: x = x / 10.0 ** 3
    x = x.astype(dt)
    cases.append({**describe('fuzz %d %s' % (k, dt), x, int(rng.choice([1, 2, 3, 7, 10, 50, 333, 1000]))), 'data': b64(x)})
print(json.dumps(cases))
`;

/** Feeds the case's bytes in uneven blocks (so the accumulator must carry its state), runs pass 2 the same way. */
function runAccumulator(t: Truth, blockRows = 6007): ColumnStats {
  const d = parseDType(t.dtype);
  const data = typedView(d, bytesOf(t.data!), 0, t.count);
  const acc = new NumericAccumulator(t.name, t.dtype, t.bins);
  const blocks: NumericArray[] = [];
  for (let at = 0; at < t.count; at += blockRows) blocks.push(data.subarray(at, Math.min(t.count, at + blockRows)));
  for (const b of blocks) acc.add(b);
  if (acc.wantsSecondPass()) for (const b of blocks) acc.addAgain(b);
  return acc.finish();
}

describe('numeric accumulator against NumPy', () => {
  const cases = numpy<Truth[]>(PY_DESCRIBE + CASES);
  for (const t of cases) it(`${t.name} (${t.dtype}, ${t.count} rows, ${t.bins} bins)`, () => expectMatchesNumpy(runAccumulator(t), t));

  it('the same histogram edges and counts as np.histogram on 240 awkward small arrays', () => {
    const fuzz = numpy<Truth[]>(PY_DESCRIBE + FUZZ);
    const wrong = fuzz.filter((t) => {
      const s = runAccumulator(t, 7);
      return JSON.stringify(s.histogram) !== JSON.stringify({ edges: f64s(t.hist!.edges), counts: t.hist!.counts });
    });
    expect(wrong.map((t) => t.name)).toEqual([]);
  });

  it('gives the same result whatever the block size', () => {
    const t = cases.find((c) => c.name === 'f8 normal with NaN')!;
    expect(runAccumulator(t, 65536)).toEqual(runAccumulator(t, 1));
  });
});
