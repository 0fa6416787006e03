// Uploads in flight (browser host only): the WebSocket client reports bytes sent, the dataset list shows them.
import type { UploadProgress } from './ws-client.js';

type Listener = (uploads: readonly UploadProgress[]) => void;

const inFlight = new Map<string, UploadProgress>();
const listeners = new Set<Listener>();

/** Called by the client as bytes go out; an upload disappears once all its bytes are sent. */
export function reportUpload(p: UploadProgress): void {
  if (p.loaded >= p.total) inFlight.delete(p.name);
  else inFlight.set(p.name, p);
  const list = [...inFlight.values()];
  for (const l of listeners) l(list);
}

export function subscribeUploads(listener: Listener): () => void {
  listeners.add(listener);
  listener([...inFlight.values()]);
  return () => void listeners.delete(listener);
}
