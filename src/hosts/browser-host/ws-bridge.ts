// The /ws end of AppApi: validated calls go to the service (or to the host for its own members), events are pushed.
import type { WebSocket } from 'ws';
import { forwardedCalls } from '../../core/service-calls.js';
import type { AppApi, AppApiCall, AppApiEvents, HostCapabilities, HostService } from '../../shared/app-api.js';
import { encodeWire, parseCallMessage, type EventMessage, type ReplyMessage } from '../../shared/wire-codec.js';
import type { ExportDownloads } from './export-downloads.js';

type Handlers = { [M in AppApiCall]: (...args: Parameters<AppApi[M]>) => ReturnType<AppApi[M]> };

/** One entry per AppApiCall key: the compiler fails here when a call is added without a route. */
export function browserHandlers(service: HostService, capabilities: HostCapabilities, downloads: ExportDownloads): Handlers {
  return {
    ...forwardedCalls(service),
    capabilities: async () => capabilities,
    // No native dialogs in a browser: the page offers drops and typed host paths instead.
    pickAndOpen: async () => [],
    pickSavePath: async () => null,
    startExport: async (request) => {
      const prepared = downloads.prepare(request);
      const jobId = await service.startExport(prepared);
      downloads.started(jobId, prepared.destination);
      return jobId;
    },
  };
}

/** Serves one authenticated socket until it closes; events are subscribed per socket and dropped with it. */
export function serveSocket(socket: WebSocket, handlers: Handlers, service: HostService, downloads: ExportDownloads): void {
  const send = (message: ReplyMessage | EventMessage): void => {
    if (socket.readyState === socket.OPEN) socket.send(encodeWire(message));
  };
  const push = <E extends keyof AppApiEvents>(event: E, payload: AppApiEvents[E]): void =>
    send({ event, payload } as EventMessage);
  const unsubscribe = [
    service.onDatasets((list) => push('datasets', list)),
    service.onMemory((sample) => push('memory', sample)),
    service.onExport((status) => push('export', downloads.track(status))),
  ];
  socket.on('close', () => unsubscribe.forEach((u) => u()));

  socket.on('message', (data, isBinary) => {
    if (isBinary) return socket.close(1003, 'text frames only');
    const call = parseCallMessage(data.toString());
    // Not a call at all: a confused or hostile client; closing is kinder than guessing.
    if (call === null) return socket.close(1008, 'malformed message');
    if ('invalid' in call) return send({ id: call.id, error: call.invalid });
    const handler = handlers[call.method] as (...args: unknown[]) => Promise<unknown>;
    // Through a promise so that a handler throwing synchronously still becomes an error reply.
    Promise.resolve().then(() => handler(...call.args)).then(
      (result) => send({ id: call.id, result: result ?? null }),
      (error: unknown) => send({ id: call.id, error: error instanceof Error ? error.message : String(error) }),
    );
  });
}
