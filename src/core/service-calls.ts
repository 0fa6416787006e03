// The AppApi calls every host forwards to its HostService unchanged; each host adds only the calls that depend on it.

import type { AppApi, HostService } from '../shared/app-api.js';

type ForwardedCall = 'openPaths' | 'estimate' | 'listDatasets' | 'readWindow' | 'firstWindow' | 'readSlice' | 'readLevelOfDetail' | 'openEntry' | 'cancel' | 'close' | 'setView' | 'cancelView' | 'columnStats' | 'startExport' | 'cancelExport';

export type ForwardedCalls = { [M in ForwardedCall]: (...args: Parameters<AppApi[M]>) => ReturnType<AppApi[M]> };

export function forwardedCalls(service: HostService): ForwardedCalls {
  return {
    openPaths: (paths, options) => service.openPaths(paths, options),
    estimate: (paths) => service.estimate(paths),
    listDatasets: () => service.listDatasets(),
    readWindow: (id, first, count, columns) => service.readWindow(id, first, count, columns),
    firstWindow: (id, count) => service.firstWindow(id, count),
    readSlice: (id, request) => service.readSlice(id, request),
    readLevelOfDetail: (id, request) => service.readLevelOfDetail(id, request),
    openEntry: (fileId, path) => service.openEntry(fileId, path),
    cancel: (id) => service.cancel(id),
    close: (id) => service.close(id),
    setView: (id, spec) => service.setView(id, spec),
    cancelView: (id) => service.cancelView(id),
    columnStats: (id, request) => service.columnStats(id, request),
    startExport: (request) => service.startExport(request),
    cancelExport: (jobId) => service.cancelExport(jobId),
  };
}
