// Starts a browser host over a fake service and a tiny renderer dir in a temp folder, for the host's tests.
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import WebSocket from 'ws';
import { startBrowserHost, type BrowserHost } from '../index.js';
import { FakeHostService } from './fake-service.js';

export const INDEX_HTML = '<!doctype html><html><head><meta name="csp-nonce" content="__CSP_NONCE__"><script type="module" src="./assets/app.js"></script></head><body></body></html>';

export interface TestHost {
  readonly host: BrowserHost;
  readonly service: FakeHostService;
  readonly root: string;
  readonly uploadsDir: string;
  readonly origin: string;
  dispose(): Promise<void>;
}

export async function startTestHost(): Promise<TestHost> {
  const root = await mkdtemp(join(tmpdir(), 'arrayport-host-test-'));
  const rendererDir = join(root, 'renderer');
  await mkdir(join(rendererDir, 'assets'), { recursive: true });
  await writeFile(join(rendererDir, 'index.html'), INDEX_HTML);
  await writeFile(join(rendererDir, 'assets', 'app.js'), 'console.log("app");\n');
  await writeFile(join(rendererDir, '.secret'), 'dotfile\n');
  // A sibling of rendererDir that traversal attempts aim at.
  await writeFile(join(root, 'package.json'), '{"secret":"outside"}\n');
  const uploadsDir = join(root, 'uploads');
  const service = new FakeHostService();
  const host = await startBrowserHost({ service, rendererDir, uploadsDir, version: '0.0.0-test' });
  return {
    host, service, root, uploadsDir, origin: `http://127.0.0.1:${host.port}`,
    dispose: async () => {
      await host.close();
      await rm(root, { recursive: true, force: true });
    },
  };
}

export interface RawResponse {
  readonly status: number;
  readonly headers: Record<string, string | string[] | undefined>;
  readonly body: string;
}

/** An HTTP request with the path sent exactly as given (fetch would normalise '..' away before the host saw it). */
export function rawGet(port: number, path: string, headers: Record<string, string> = {}): Promise<RawResponse> {
  return new Promise((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port, path, method: 'GET', headers }, (res) => {
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => (body += chunk));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body }));
    });
    req.on('error', reject);
    req.end();
  });
}

/** Tries a WebSocket upgrade; resolves 'open' or the HTTP status the host refused it with. */
export function tryUpgrade(url: string, headers: { origin?: string; cookie?: string } = {}): Promise<'open' | number> {
  return new Promise((resolve, reject) => {
    const socket = new WebSocket(url, { ...(headers.origin ? { origin: headers.origin } : {}), headers: headers.cookie ? { cookie: headers.cookie } : {} });
    socket.on('open', () => {
      socket.close();
      resolve('open');
    });
    socket.on('unexpected-response', (_req, res) => {
      resolve(res.statusCode ?? 0);
      res.resume();
      socket.terminate();
    });
    socket.on('error', (error) => {
      if (!/Unexpected server response/.test(error.message)) reject(error);
    });
  });
}

/** The `ws` WebSocket as the renderer client expects it, sending the Origin a browser on the host's page would send. */
export function wsWithOrigin(origin: string): new (url: string) => WebSocket {
  return class extends WebSocket {
    constructor(url: string) {
      super(url, { origin });
    }
  };
}
