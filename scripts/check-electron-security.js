// Runs Electronegativity over the sources (offline: Electron version given, the releases check excluded) and fails on its findings.
// It always exits 0, so the SARIF it writes is what decides; each allowed finding says why it is acceptable.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const ELECTRON = JSON.parse(readFileSync(join(import.meta.dirname, '..', 'package.json'), 'utf8')).devDependencies.electron;
const ALLOWED = {
  // The CSP is a response header of the app:// protocol handler (per-load nonce), which a static scan cannot see;
  // src/core/renderer-assets.test.ts checks the policy, the browser-host tests the header on every response.
  CSP_GLOBAL_CHECK: 'CSP is sent as a header by the app:// handler',
  // A preload is how the sandboxed window reaches AppApi; it exposes exactly AppApi through contextBridge.
  PRELOAD_JS_CHECK: 'the preload exposes only AppApi via contextBridge',
};

const dir = mkdtempSync(join(tmpdir(), 'arrayport-electronegativity-'));
const sarif = join(dir, 'result.sarif');
const run = spawnSync('npx', ['electronegativity', '-i', 'src', '-r', '-e', ELECTRON, '-x', 'AvailableSecurityFixesGlobalCheck', '-o', sarif], { encoding: 'utf8' });
let results;
try {
  results = JSON.parse(readFileSync(sarif, 'utf8')).runs.flatMap((r) => r.results ?? []);
} catch {
  console.error(`electronegativity wrote no report:\n${run.stdout}\n${run.stderr}`);
  process.exit(1);
} finally {
  rmSync(dir, { recursive: true, force: true });
}
const where = (r) => r.locations?.[0]?.physicalLocation?.artifactLocation?.uri ?? '';
let failed = 0;
for (const r of results) {
  const allowed = ALLOWED[r.ruleId];
  if (!allowed) failed++;
  console.log(`${allowed ? 'allowed' : r.level.padEnd(7)} ${r.ruleId} ${where(r)}${allowed ? ` (${allowed})` : `: ${r.message.text}`}`);
}
console.log(`electronegativity (Electron ${ELECTRON}): ${results.length} findings, ${failed} not allowed`);
process.exit(failed ? 1 : 0);
