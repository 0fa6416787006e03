// AppApi over the browser host's WebSocket (placeholder: the real adapter replaces this file).
import type { AppApi } from '../../shared/app-api.js';

export interface WsApiOptions {
  /** ws://127.0.0.1:PORT/ws */
  readonly url: string;
  readonly token: string;
}

export function createWsApi(_options: WsApiOptions): AppApi {
  throw new Error('WebSocket adapter not implemented yet');
}
