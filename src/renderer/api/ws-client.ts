// AppApi over the browser host's WebSocket: one socket, a pending-call map, typed events, and dropped files uploaded over HTTP.
import type { AppApi, AppApiCall, AppApiEvents, DroppedFile, LoadOptions, Unsubscribe } from '../../shared/app-api.js';
import { encodeWire, parseServerMessage } from '../../shared/wire-codec.js';

/** The part of a WebSocket this client uses; the DOM's WebSocket and the `ws` package both fit. */
export interface SocketLike {
  readonly readyState: number;
  send(data: string): void;
  close(code?: number, reason?: string): void;
  addEventListener(type: 'message', listener: (event: { readonly data: unknown }) => void): void;
  addEventListener(type: 'close', listener: (event: { readonly reason: string }) => void): void;
  addEventListener(type: 'open' | 'error', listener: () => void): void;
}

export type WebSocketConstructor = new (url: string) => SocketLike;

export interface UploadProgress {
  readonly name: string;
  readonly loaded: number;
  readonly total: number;
}

export interface WsApiOptions {
  /** ws://127.0.0.1:PORT/ws */
  readonly url: string;
  readonly token: string;
  /** Defaults to `globalThis.WebSocket`; tests in Node pass the `ws` package's. */
  readonly WebSocketImpl?: WebSocketConstructor;
  /** Told when each dropped file starts (loaded 0) and finishes uploading (loaded = total). */
  readonly onUploadProgress?: (progress: UploadProgress) => void;
  /** Told once when the socket closes; every later call rejects (this client does not reconnect). */
  readonly onClose?: (reason: string) => void;
}

/** The part of XMLHttpRequest an upload uses (this module also compiles and runs in Node, which has none). */
interface XhrLike {
  open(method: string, url: string): void;
  send(body: unknown): void;
  readonly upload: { onprogress: ((e: { loaded: number }) => void) | null };
  onload: (() => void) | null;
  onerror: (() => void) | null;
  readonly status: number;
  readonly responseText: string;
}

/** AppApi plus a way to hang up. */
export interface WsApi extends AppApi {
  disconnect(): void;
}

const OPEN = 1;

export function createWsApi(options: WsApiOptions): WsApi {
  const Impl = options.WebSocketImpl ?? (globalThis as { WebSocket?: WebSocketConstructor }).WebSocket;
  if (Impl === undefined) throw new Error('no WebSocket implementation in this environment');
  const socketUrl = new URL(options.url);
  socketUrl.searchParams.set('token', options.token);
  const socket = new Impl(socketUrl.href);

  const pending = new Map<number, { resolve: (v: unknown) => void; reject: (e: Error) => void }>();
  const queued: string[] = [];
  let closedReason: string | null = null;
  let nextId = 1;
  const listeners: { [E in keyof AppApiEvents]: Set<(payload: AppApiEvents[E]) => void> } = {
    datasets: new Set(), memory: new Set(), export: new Set(),
  };

  socket.addEventListener('open', () => {
    for (const text of queued.splice(0)) socket.send(text);
  });
  socket.addEventListener('message', (event) => {
    const message = parseServerMessage(String(event.data));
    if (message === null) return;
    if ('event' in message) {
      for (const listener of listeners[message.event]) (listener as (p: unknown) => void)(message.payload);
      return;
    }
    const call = pending.get(message.id);
    if (call === undefined) return;
    pending.delete(message.id);
    if ('error' in message) call.reject(new Error(message.error));
    else call.resolve(message.result);
  });
  const onGone = (reason: string): void => {
    if (closedReason !== null) return;
    closedReason = reason;
    for (const call of pending.values()) call.reject(new Error(`connection to the Arrayport host closed: ${reason}`));
    pending.clear();
    options.onClose?.(reason);
  };
  socket.addEventListener('close', (event) => onGone(event.reason || 'closed'));
  socket.addEventListener('error', () => onGone('connection error'));

  function call<M extends AppApiCall>(method: M, ...args: Parameters<AppApi[M]>): ReturnType<AppApi[M]> {
    return new Promise<unknown>((resolve, reject) => {
      if (closedReason !== null) return reject(new Error(`connection to the Arrayport host closed: ${closedReason}`));
      const id = nextId++;
      pending.set(id, { resolve, reject });
      const text = encodeWire({ id, method, args });
      if (socket.readyState === OPEN) socket.send(text);
      else queued.push(text);
    }) as ReturnType<AppApi[M]>;
  }

  function on<E extends keyof AppApiEvents>(event: E, listener: (payload: AppApiEvents[E]) => void): Unsubscribe {
    listeners[event].add(listener);
    return () => void listeners[event].delete(listener);
  }

  const httpBase = new URL(socketUrl.href);
  httpBase.protocol = httpBase.protocol === 'wss:' ? 'https:' : 'http:';

  async function putWithFetch(url: string, file: DroppedFile): Promise<{ ok: boolean; status: number; text: string }> {
    const response = await fetch(url, { method: 'PUT', body: file as unknown as Blob });
    return { ok: response.ok, status: response.status, text: await response.text() };
  }

  function putWithProgress(Xhr: new () => XhrLike, url: string, file: DroppedFile): Promise<{ ok: boolean; status: number; text: string }> {
    return new Promise((resolve, reject) => {
      const xhr = new Xhr();
      xhr.open('PUT', url);
      xhr.upload.onprogress = (e) => options.onUploadProgress?.({ name: file.name, loaded: Math.min(e.loaded, file.size - 1), total: file.size });
      xhr.onload = () => resolve({ ok: xhr.status >= 200 && xhr.status < 300, status: xhr.status, text: xhr.responseText });
      xhr.onerror = () => reject(new Error(`upload of ${file.name} failed: the host did not answer`));
      xhr.send(file as unknown as Blob);
    });
  }

  async function upload(file: DroppedFile, loadOptions?: LoadOptions): Promise<string[]> {
    const target = new URL('/upload', httpBase);
    target.searchParams.set('name', file.name);
    target.searchParams.set('token', options.token);
    if (loadOptions?.dtype !== undefined) target.searchParams.set('dtype', loadOptions.dtype);
    options.onUploadProgress?.({ name: file.name, loaded: 0, total: file.size });
    // At runtime a dropped file is a DOM File, i.e. a Blob, streamed from disk. In a browser XMLHttpRequest
    // reports bytes sent (fetch cannot); Node (the tests) has only fetch.
    const Xhr = (globalThis as { XMLHttpRequest?: new () => XhrLike }).XMLHttpRequest;
    const { ok, status, text } = Xhr ? await putWithProgress(Xhr, target.href, file) : await putWithFetch(target.href, file);
    if (!ok) throw new Error(`upload of ${file.name} failed: ${text.trim() || status}`);
    options.onUploadProgress?.({ name: file.name, loaded: file.size, total: file.size });
    return (JSON.parse(text) as { ids: string[] }).ids;
  }

  return {
    capabilities: () => call('capabilities'),
    openPaths: (paths, loadOptions) => call('openPaths', paths, loadOptions),
    openDropped: async (files, loadOptions) => (await Promise.all(files.map((f) => upload(f, loadOptions)))).flat(),
    pickAndOpen: (loadOptions) => call('pickAndOpen', loadOptions),
    estimate: (paths) => call('estimate', paths),
    listDatasets: () => call('listDatasets'),
    onDatasets: (listener) => on('datasets', listener),
    readWindow: (datasetId, firstRow, rowCount, columns) => call('readWindow', datasetId, firstRow, rowCount, columns),
    firstWindow: (datasetId, rowCount) => call('firstWindow', datasetId, rowCount),
    readSlice: (datasetId, request) => call('readSlice', datasetId, request),
    readLevelOfDetail: (datasetId, request) => call('readLevelOfDetail', datasetId, request),
    openEntry: (fileId, path) => call('openEntry', fileId, path),
    cancel: (datasetId) => call('cancel', datasetId),
    close: (datasetId) => call('close', datasetId),
    onMemory: (listener) => on('memory', listener),
    pickSavePath: (suggestedName) => call('pickSavePath', suggestedName),
    setView: (datasetId, spec) => call('setView', datasetId, spec),
    cancelView: (datasetId) => call('cancelView', datasetId),
    columnStats: (datasetId, request) => call('columnStats', datasetId, request),
    startExport: (request) => call('startExport', request),
    onExport: (listener) => on('export', listener),
    cancelExport: (jobId) => call('cancelExport', jobId),
    disconnect: () => socket.close(1000, 'client disconnected'),
  };
}
