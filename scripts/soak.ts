// `npm run soak`: the long reliability runs (kill trials, load/close cycles, parser fuzzing) with a time budget; prints a table of figures (never part of npm test).
import { fork } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import type { FuzzFigures, FuzzTarget } from '../src/core/fuzz/test-support/parser-fuzz.js';
import { killDuringExport, killDuringLoad, startHost, storeFiles, writeText } from '../src/hosts/reliability/test-support/fault-harness.js';
import { loadCloseCycles } from '../src/hosts/reliability/test-support/leak-cycles.js';

const { values } = parseArgs({
  options: {
    'load-trials': { type: 'string', default: '100' },
    'export-trials': { type: 'string', default: '100' },
    cycles: { type: 'string', default: '100' },
    fuzz: { type: 'string', default: '1000000' },
    minutes: { type: 'string', default: '15' },
  },
});
const started = Date.now();
const deadline = started + Number(values.minutes) * 60_000;
const left = (): number => deadline - Date.now();
// The leak figure needs a real collection between cycles; npm's script line has no --expose-gc.
setFlagsFromString('--expose-gc');
(globalThis as { gc?: unknown }).gc = runInNewContext('gc');

const prefix = `arrayport-soak-${process.pid}`;
const dir = mkdtempSync(join(tmpdir(), 'arrayport-soak-'));
const rows: [string, string, string][] = [];
const problems: string[] = [];
const row = (what: string, figures: string, verdict: boolean | string): void => void rows.push([what, figures, verdict === true ? 'ok' : verdict === false ? 'FAIL' : verdict]);

/** One parser's fuzz run in a child process; a child silent for 10 s is hung, and is killed and reported. */
function fuzzChild(target: FuzzTarget, count: number, until: number): Promise<FuzzFigures & { hung?: number; cut?: boolean }> {
  return new Promise((resolve) => {
    const child = fork(join(import.meta.dirname, 'soak-fuzz.ts'), [target, '20261126', String(count), '2000'], { execArgv: ['--import', 'tsx'], serialization: 'advanced' });
    let last = -1;
    let beat = Date.now();
    let result: FuzzFigures | undefined;
    child.on('message', (m: { k?: number; figures?: FuzzFigures }) => {
      if (m.figures) {
        result = m.figures;
        return;
      }
      last = m.k ?? last;
      beat = Date.now();
    });
    let why: 'hung' | 'cut' | undefined;
    const watch = setInterval(() => {
      if (Date.now() - beat > 10_000) why = 'hung';
      else if (Date.now() > until) why = 'cut';
      if (why) child.kill('SIGKILL');
    }, 500);
    child.on('exit', () => {
      clearInterval(watch);
      const base = { target, inputs: last + 1, accepted: 0, refused: 0, maxMs: 0, failures: [] };
      if (result) resolve(result);
      else if (why === 'hung') resolve({ ...base, hung: last, failures: [`${target}: no heartbeat for 10 s after case ${last} (replay seed 20261126 from there)`] });
      else resolve({ ...base, cut: true });
    });
  });
}

async function fuzzPhase(until: number): Promise<void> {
  const total = Number(values.fuzz);
  // The cheap parser takes most inputs; file-backed loaders (text, .npy) get what they can do in the time.
  const plan: [FuzzTarget, number][] = [['text', Math.round(total * 0.01)], ['npy', Math.round(total * 0.06)], ['dtype-spec', total - Math.round(total * 0.01) - Math.round(total * 0.06)]];
  let inputs = 0;
  for (const [target, count] of plan) {
    const f = await fuzzChild(target, count, until);
    inputs += f.inputs;
    problems.push(...f.failures);
    const verdict = f.cut ? `cut by the time budget` : f.failures.length === 0;
    row(`fuzz ${target}`, `${f.inputs} inputs: ${f.accepted} accepted, ${f.refused} refused clearly; slowest ${f.maxMs.toFixed(1)} ms; ${f.failures.length} crashes/hangs`, verdict);
  }
  row('fuzz total', `${inputs} generated inputs`, inputs >= 1_000_000 || `${inputs} < 1e6`);
}

async function loadKills(): Promise<void> {
  const service = startHost({ prefix });
  const big = writeText(join(dir, 'victim.tsv'), 30);
  const small = writeText(join(dir, 'bystander.tsv'), 1, 2);
  const n = Number(values['load-trials']);
  let k = 0;
  let ok = 0;
  let early = 0;
  // A load that finished before the kill landed is no fault trial: counted apart, and another trial runs instead.
  for (let attempt = 0; k < n && attempt < 2 * n && left() > 8 * 60_000; attempt++) {
    const o = await killDuringLoad(service, big, small, (attempt * 37) % 250);
    if (!o.killed && o.victim.state === 'ready') {
      early++;
      continue;
    }
    k++;
    const good = o.killed && o.victim.state === 'failed' && /loader process ended unexpectedly/.test(o.victim.error?.message ?? '') && !o.leftDir && o.bystander.state === 'ready';
    if (good) ok++;
    else problems.push(`load kill ${k}: ${JSON.stringify({ killed: o.killed, victim: o.victim.state, error: o.victim.error?.message, leftDir: o.leftDir, bystander: o.bystander.state })}`);
  }
  const leftBytes = service.store.storeBytes();
  await service.dispose();
  row('worker SIGKILL mid-load', `${k} trials, ${ok} clean (job failed clearly, bystander load finished, segments removed); ${early} loads finished before the kill (not counted); ${leftBytes} bytes left`, ok === k && k === n ? true : ok === k ? `only ${k}/${n} in the time budget` : false);
}

async function exportKills(): Promise<void> {
  const service = startHost({ prefix });
  const [id] = await service.openPaths([writeText(join(dir, 'exp.tsv'), 8, 4)]);
  await service.idle([id!]);
  const out = join(dir, 'out');
  mkdirSync(out);
  const n = Number(values['export-trials']);
  let k = 0;
  let ok = 0;
  let early = 0;
  for (let attempt = 0; k < n && attempt < 2 * n && left() > 60_000; attempt++) {
    const o = await killDuringExport(service, id!, join(out, `k${attempt}.h5`), (attempt * 53) % 300);
    // An export that finished before the kill landed is no fault trial (its file is removed for the next one).
    if (!o.killed && o.status.state === 'done') {
      early++;
      rmSync(join(out, `k${attempt}.h5`), { force: true });
      continue;
    }
    k++;
    const good = o.killed && o.status.state === 'failed' && /export process ended unexpectedly/.test(o.status.error ?? '') && o.leftovers.length === 0;
    if (good) ok++;
    else problems.push(`export kill ${k}: ${JSON.stringify({ killed: o.killed, state: o.status.state, error: o.status.error?.slice(0, 200), leftovers: o.leftovers })}`);
  }
  const jobId = await service.startExport({ datasetIds: [id!], destination: join(out, 'after.h5'), layout: 'compound', compression: { kind: 'none' } });
  while (service.exportStatus(jobId)?.state === 'running') await new Promise((r) => setTimeout(r, 100));
  const after = service.exportStatus(jobId)?.state;
  const stray = readdirSync(out).filter((f) => f !== 'after.h5');
  await service.close(id!);
  await service.dispose();
  row('worker SIGKILL mid-export', `${k} trials, ${ok} clean (no destination, no .partial); ${early} exports finished before the kill (not counted); export after the trials: ${after}; ${stray.length} stray files`, ok === k && after === 'done' && stray.length === 0 ? (k === n ? true : `only ${k}/${n} in the time budget`) : false);
}

async function leakCycles(): Promise<void> {
  // `--cycles 0` skips the run (a growth ratio over zero cycles means nothing).
  if (Number(values.cycles) === 0) return;
  const service = startHost({ prefix });
  const files = [writeText(join(dir, 'la.tsv'), 2, 1), writeText(join(dir, 'lb.tsv'), 1, 2)];
  const f = await loadCloseCycles(service, files, Number(values.cycles));
  await service.dispose();
  const mb = (b: number): string => `${(b / 1e6).toFixed(1)} MB`;
  row('load/close cycles', `${f.cycles} cycles: ${f.bytesLeft} bytes and ${f.filesLeft.length} files left; host RSS ${mb(f.rssAfterFirst)} → ${mb(f.rssAfterLast)} (${(f.rssGrowth * 100).toFixed(1)}%)`, f.bytesLeft === 0 && f.filesLeft.length === 0 && f.rssGrowth < 0.1);
}

try {
  // Fuzzing runs in child processes beside the host trials and must end 90 s before the deadline.
  const fuzz = fuzzPhase(deadline - 90_000);
  // Leak cycles first: the RSS baseline must not include the kill trials' big test files.
  await leakCycles();
  await loadKills();
  await exportKills();
  await fuzz;
} catch (e) {
  problems.push(`soak aborted: ${e instanceof Error ? e.stack : String(e)}`);
} finally {
  rmSync(dir, { recursive: true, force: true });
}
const leftInShm = readdirSync('/dev/shm').filter((f) => f.startsWith(prefix));
row('/dev/shm after the soak', `${leftInShm.length} session directories, ${storeFiles('/dev/shm', prefix).length} files`, leftInShm.length === 0);
console.log(`\n| Run | Figures | Verdict |\n|---|---|---|\n${rows.map((r) => `| ${r.join(' | ')} |`).join('\n')}`);
console.log(`\n${((Date.now() - started) / 60_000).toFixed(1)} minutes`);
if (problems.length) console.log(`\nProblems:\n${problems.slice(0, 30).join('\n')}`);
process.exit(problems.length || rows.some((r) => r[2] === 'FAIL') ? 1 : 0);
