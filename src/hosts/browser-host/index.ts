// The browser host: the renderer and AppApi over HTTP + WebSocket on 127.0.0.1, guarded by a per-session token.
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import type { Duplex } from 'node:stream';
import { WebSocketServer } from 'ws';
import type { HostService } from '../../shared/app-api.js';
import { authenticate, createToken, refuse, tokenCookie } from './auth.js';
import { createNonce } from '../../core/renderer-assets.js';
import { ExportDownloads } from './export-downloads.js';
import { securityHeaders, serveStatic } from './static-files.js';
import { handleUpload } from './uploads.js';
import { browserHandlers, serveSocket } from './ws-bridge.js';

export interface BrowserHostOptions {
  readonly service: HostService;
  /** 0 (the default) picks a free port. */
  readonly port?: number;
  /** The built renderer (out/renderer). */
  readonly rendererDir: string;
  /** Host paths to open once the server listens. */
  readonly openAtStart?: readonly string[];
  /** Where dropped files are streamed to; exports named without a directory go to `<uploadsDir>/exports`. */
  readonly uploadsDir: string;
  readonly version: string;
}

export interface BrowserHost {
  /** http://127.0.0.1:PORT/?token=TOKEN — the only way in. */
  readonly url: string;
  readonly token: string;
  readonly port: number;
  /** What the server is bound to (always 127.0.0.1). */
  readonly address: AddressInfo;
  close(): Promise<void>;
}

const HOST = '127.0.0.1';

export async function startBrowserHost(options: BrowserHostOptions): Promise<BrowserHost> {
  const { service, rendererDir, uploadsDir } = options;
  const token = createToken();
  let port = 0;
  const capabilities = { kind: 'browser', nativeDialogs: false, hostPaths: true, version: options.version } as const;
  const downloads = new ExportDownloads(join(uploadsDir, 'exports'), (jobId) => `/download/${encodeURIComponent(jobId)}?token=${token}`);
  const handlers = browserHandlers(service, capabilities, downloads);
  // Tracked here as well as per socket, so that an export finishing while no page is connected can still be downloaded.
  const stopTracking = service.onExport((status) => void downloads.track(status));
  const wss = new WebSocketServer({ noServer: true, maxPayload: 16 * 1024 * 1024 });

  const onRequest = async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    const url = new URL(req.url ?? '/', `http://${HOST}:${port}`);
    const how = authenticate(req, url, port, token);
    if (how === null) return refuse(res, 401, 'this Arrayport session needs its token: open the URL the host printed');
    const headers = securityHeaders(createNonce(), port);
    if (url.pathname === '/upload') return handleUpload(req, res, url, uploadsDir, service, headers);
    if (url.pathname.startsWith('/download/')) {
      if (req.method !== 'GET') return refuse(res, 405, 'method not allowed');
      return downloads.serve(res, url.pathname.slice('/download/'.length), headers);
    }
    // The page got here by the URL's token: from now on the cookie lets its assets and uploads in.
    const cookie: Record<string, string> = how === 'query' ? { 'Set-Cookie': tokenCookie(port, token) } : {};
    return serveStatic(req, res, rendererDir, port, cookie);
  };

  // No request timeout: a multi-gigabyte upload through an ssh tunnel may take longer than Node's default 5 minutes.
  const server = createServer({ requestTimeout: 0 }, (req, res) => {
    onRequest(req, res).catch(() => {
      if (!res.headersSent) refuse(res, 500, 'internal error');
      else res.destroy();
    });
  });

  server.on('upgrade', (req: IncomingMessage, socket: Duplex, head: Buffer) => {
    const url = new URL(req.url ?? '/', `http://${HOST}:${port}`);
    const reject = (status: string): void => {
      socket.end(`HTTP/1.1 ${status}\r\nConnection: close\r\nContent-Length: 0\r\n\r\n`);
    };
    if (url.pathname !== '/ws') return reject('404 Not Found');
    if (authenticate(req, url, port, token) === null) return reject('401 Unauthorized');
    // Browsers always send Origin; only our own page may open the socket (cross-site WebSocket hijacking).
    if (req.headers.origin !== `http://${HOST}:${port}`) return reject('403 Forbidden');
    wss.handleUpgrade(req, socket, head, (ws) => serveSocket(ws, handlers, service, downloads));
  });

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, HOST, () => {
      server.off('error', reject);
      resolve();
    });
  });
  const address = server.address() as AddressInfo;
  port = address.port;

  const close = async (): Promise<void> => {
    stopTracking();
    for (const client of wss.clients) client.terminate();
    wss.close();
    server.closeAllConnections();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  };

  if (options.openAtStart !== undefined && options.openAtStart.length > 0) {
    try {
      await service.openPaths(options.openAtStart);
    } catch (error) {
      await close();
      throw error;
    }
  }
  return { url: `http://${HOST}:${port}/?token=${token}`, token, port, address, close };
}
