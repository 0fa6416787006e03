// A test worker: echoes, reports progress, fails on request, or hangs so the host can kill it.
import { LoadError } from '../../core/load-error.js';
import { serveWorkerApi } from '../worker-runtime.js';

export const probeApi = {
  async echo(args: { value: number }, progress: (p: { step: number }) => void): Promise<{ value: number; pid: number }> {
    for (let step = 1; step <= 3; step++) progress({ step });
    return { value: args.value * 2, pid: process.pid };
  },
  async fail(args: { line: number }): Promise<never> {
    throw new LoadError({ file: 'x.txt', line: args.line, column: 3, message: 'bad value', text: 'zzz' });
  },
  async hang(_args: Record<string, never>, progress: (p: { pid: number }) => void): Promise<never> {
    progress({ pid: process.pid });
    return new Promise(() => {});
  },
};

serveWorkerApi(probeApi);
