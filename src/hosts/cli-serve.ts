// `arrayport serve [--port N] [FILE...]`: the app in a browser, served on 127.0.0.1 with a per-session token.

import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { AppService } from '../core/app-service.js';
import { forkSpawner } from '../core/pool/fork-spawner.js';
import { toolVersion } from '../core/tool-version.js';
import { startBrowserHost } from './browser-host/index.js';
import { CliUsageError } from './cli-output.js';
import { nodeWorkerEntries } from './worker-entries.js';

/** out/renderer, found from the sources (src/hosts) or from the build (out/node/hosts). */
function rendererDir(): string {
  for (const rel of ['../../out/renderer', '../../renderer']) {
    const dir = fileURLToPath(new URL(rel, import.meta.url));
    if (existsSync(join(dir, 'index.html'))) return dir;
  }
  throw new Error('the window is not built yet; run `npm run build` first');
}

export async function runServe(argv: string[]): Promise<number> {
  const { values, positionals } = parseArgs({ args: argv, allowPositionals: true, options: { port: { type: 'string', default: '0' } } });
  const port = Number(values.port);
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new CliUsageError(`--port must be 0-65535, got '${values.port}'`);

  const uploadsDir = mkdtempSync(join(tmpdir(), 'arrayport-uploads-'));
  const service = new AppService({ spawner: forkSpawner(nodeWorkerEntries()) });
  const cleanUpSync = (): void => {
    service.store.disposeSync();
    rmSync(uploadsDir, { recursive: true, force: true });
  };
  process.on('exit', cleanUpSync);
  let host: Awaited<ReturnType<typeof startBrowserHost>>;
  try {
    host = await startBrowserHost({ service, port, rendererDir: rendererDir(), uploadsDir, openAtStart: positionals, version: toolVersion() });
  } catch (e) {
    await service.dispose();
    throw e;
  }
  process.stdout.write(`Arrayport listening on ${host.url}\n`);

  await new Promise<void>((resolve) => {
    const stop = (): void => resolve();
    process.once('SIGINT', stop);
    process.once('SIGTERM', stop);
  });
  await host.close();
  await service.dispose();
  cleanUpSync();
  return 0;
}
