// The columns are reported before any row, the first rows are committed after the first 64 KiB, not the whole first
// block, and the early stop loses nothing (NumPy compares).
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, expect, it } from 'vitest';
import { loadTextFile } from './text-loader.js';
import { MemorySink } from './test-support/memory-sink.js';
import { numpyColumns } from './test-support/numpy-oracle.js';

const dir = mkdtempSync(join(tmpdir(), 'arrayport-first-commit-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

it('commits early, and a quoted newline exactly at the early stop parses as one field', async () => {
  let text = 'name,x,y\n';
  let i = 0;
  while (text.length < 65_500) text += `"r${i}, ""q""",${i},${i++}.25\n`;
  // The next record's quoted newline sits at byte 65536, where the tokenizer is first stopped.
  const pad = 'x'.repeat(65_535 - text.length);
  text += `"${pad}\nz",-1,0.5\n`;
  for (let k = 0; k < 4000; k++) text += `"s${k}\nt",${k},${k}.5\n`;
  const path = join(dir, 'quoted.csv');
  writeFileSync(path, text);
  const sink = new MemorySink();
  const progress: { committed: number; rows: number; columns: string[] }[] = [];
  const result = await loadTextFile(path, sink, { onProgress: (p) => progress.push({ committed: sink.committed, rows: p.rows, columns: sink.columns.map((c) => c.name) }) });
  expect(result.rows).toBe(i + 1 + 4000);
  // First the columns, so a window can lay out its header while the first rows are parsed; then the first rows.
  expect(progress[0]).toEqual({ committed: 0, rows: 0, columns: ['name', 'x', 'y'] });
  expect(progress[1]!.committed).toBeGreaterThan(0);
  expect(progress[1]!.committed).toBeLessThan(i + 1);
  expect(progress[1]!.rows).toBe(progress[1]!.committed);
  expect(text[65_536]).toBe('\n');
  expect(sink.values(0)[i]).toBe(`${pad}\nz`);
  const np = numpyColumns(path, "np.loadtxt(path, dtype=[('name','S80'),('x','<i4'),('y','<f8')], delimiter=',', quotechar='\"', skiprows=1, encoding='latin1')");
  expect(sink.values(0).map((v) => Buffer.from(v as string, 'latin1').toString('base64'))).toEqual(np[0]!.strings);
  expect(Buffer.from(sink.rawBytes(1)).toString('base64')).toBe(np[1]!.raw);
  expect(Buffer.from(sink.rawBytes(2)).toString('base64')).toBe(np[2]!.raw);
});
