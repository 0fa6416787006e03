// Ties a store's session to this process: removed on normal exit, Ctrl-C and termination, so nothing is left in /dev/shm.

import type { SegmentStore } from '../core/store/segment-store.js';

/** Returns a function that undoes the hooks (after an orderly dispose). */
export function disposeOnExit(store: SegmentStore, onSignal?: () => void): () => void {
  const onExit = (): void => store.disposeSync();
  const signal = (sig: NodeJS.Signals): void => {
    onSignal?.();
    store.disposeSync();
    // The conventional exit status of a process ended by a signal.
    process.exit(128 + (sig === 'SIGINT' ? 2 : 15));
  };
  process.on('exit', onExit);
  process.on('SIGINT', signal);
  process.on('SIGTERM', signal);
  return () => {
    process.off('exit', onExit);
    process.off('SIGINT', signal);
    process.off('SIGTERM', signal);
  };
}
