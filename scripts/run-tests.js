// `npm test`: type-check, lint, Electron security scan, build, unit and interop tests (Vitest), end-to-end tests (Playwright), then one summary line.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const reports = mkdtempSync(join(tmpdir(), 'arrayport-test-reports-'));
const run = (cmd, args, env = {}) =>
  spawnSync(cmd, args, { stdio: 'inherit', env: { ...process.env, ...env } }).status ?? 1;

const steps = [
  ['typecheck', () => run('npm', ['run', '--silent', 'typecheck'])],
  ['lint', () => run('npm', ['run', '--silent', 'lint'])],
  ['electron security', () => run('npm', ['run', '--silent', 'check:electron'])],
  ['build', () => run('npm', ['run', '--silent', 'build'])],
  ['unit', () => run('npx', ['vitest', 'run', '--reporter=default', '--reporter=json', `--outputFile.json=${join(reports, 'vitest.json')}`])],
  ['e2e', () => run('npx', ['playwright', 'test', '--reporter=list,json'], { PLAYWRIGHT_JSON_OUTPUT_NAME: join(reports, 'playwright.json') })],
];

/** Segments in shared memory: a test run must leave none behind. */
const shmEntries = () => {
  try {
    return readdirSync('/dev/shm').filter((f) => f.startsWith('arrayport'));
  } catch {
    return [];
  }
};
const shmBefore = new Set(shmEntries());

let failedStep;
for (const [name, step] of steps) {
  console.log(`\n== ${name} ==`);
  if (step() !== 0) {
    failedStep = name;
    if (name !== 'unit') break; // e2e still runs after failing unit tests, so one CI run shows both
  }
}

const counts = { passed: 0, failed: 0, skipped: 0 };
try {
  const v = JSON.parse(readFileSync(join(reports, 'vitest.json'), 'utf8'));
  counts.passed += v.numPassedTests;
  counts.failed += v.numFailedTests;
  counts.skipped += v.numPendingTests + v.numTodoTests;
} catch {
  /* vitest did not run */
}
try {
  const p = JSON.parse(readFileSync(join(reports, 'playwright.json'), 'utf8')).stats;
  counts.passed += p.expected + p.flaky;
  counts.failed += p.unexpected;
  counts.skipped += p.skipped;
} catch {
  /* playwright did not run */
}
rmSync(reports, { recursive: true, force: true });
const leaked = shmEntries().filter((f) => !shmBefore.has(f));
if (leaked.length > 0) {
  console.log(`\nleaked in /dev/shm: ${leaked.join(', ')}`);
  failedStep ??= 'leak check';
  counts.failed += 1;
}
if (failedStep) console.log(`\nfailed step: ${failedStep}`);
console.log(`\nTests: ${counts.passed} passed, ${counts.failed} failed, ${counts.skipped} skipped`);
process.exit(failedStep ? 1 : 0);
