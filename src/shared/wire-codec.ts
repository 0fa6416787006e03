// The text form of AppApi messages on the WebSocket: JSON that keeps NaN, ±Infinity and -0, and the call/reply/event shapes.

import type { AppApi, AppApiCall, AppApiEvents } from './app-api.js';

/** A call from the window: `method` is an AppApiCall key, `args` its parameters. */
export interface CallMessage<M extends AppApiCall = AppApiCall> {
  readonly id: number;
  readonly method: M;
  readonly args: Parameters<AppApi[M]>;
}

/** The host's answer to the call with the same id. */
export type ReplyMessage = { readonly id: number; readonly result: unknown } | { readonly id: number; readonly error: string };

/** A push from the host, one per AppApiEvents key. */
export type EventMessage<E extends keyof AppApiEvents = keyof AppApiEvents> = E extends keyof AppApiEvents
  ? { readonly event: E; readonly payload: AppApiEvents[E] }
  : never;

export type ServerMessage = ReplyMessage | EventMessage;

// A table rather than a list so that adding a member to AppApiCall fails to compile until it is named here.
const CALLS = {
  capabilities: true, openPaths: true, pickAndOpen: true, estimate: true, listDatasets: true, readWindow: true, firstWindow: true,
  readSlice: true, readLevelOfDetail: true, openEntry: true,
  setView: true, cancelView: true, columnStats: true,
  cancel: true, close: true, pickSavePath: true, startExport: true, cancelExport: true,
} as const satisfies Record<AppApiCall, true>;

/** Every AppApiCall key, for transports that derive channels or dispatch tables from them. */
export const APP_API_CALLS = Object.keys(CALLS) as AppApiCall[];

const EVENTS = { datasets: true, memory: true, export: true } as const satisfies Record<keyof AppApiEvents, true>;

export function isAppApiCall(name: unknown): name is AppApiCall {
  return typeof name === 'string' && Object.hasOwn(CALLS, name);
}

export function isAppApiEvent(name: unknown): name is keyof AppApiEvents {
  return typeof name === 'string' && Object.hasOwn(EVENTS, name);
}

// Numbers JSON cannot spell travel as {"$num": "NaN"}; a real object shaped like a tag is wrapped in {"$obj": …}.
const NUM = '$num';
const OBJ = '$obj';
const SPECIAL: Record<string, number> = { NaN: NaN, Infinity: Infinity, '-Infinity': -Infinity, '-0': -0 };

function isTagShaped(value: object): boolean {
  if (Array.isArray(value)) return false;
  const keys = Object.keys(value);
  return keys.length === 1 && (keys[0] === NUM || keys[0] === OBJ);
}

/** JSON.stringify, except that NaN, ±Infinity and -0 survive {@link decodeWire}. */
export function encodeWire(value: unknown): string {
  const wrappers = new WeakSet<object>();
  return JSON.stringify(value, function (this: unknown, _key, v: unknown) {
    if (typeof v === 'number') {
      if (Number.isNaN(v)) return { [NUM]: 'NaN' };
      if (v === Infinity) return { [NUM]: 'Infinity' };
      if (v === -Infinity) return { [NUM]: '-Infinity' };
      if (Object.is(v, -0)) return { [NUM]: '-0' };
      return v;
    }
    // The wrapper's own member is the object it wraps: pass it through, or it would be wrapped forever.
    if (v !== null && typeof v === 'object' && !wrappers.has(this as object) && isTagShaped(v)) {
      const wrapper = { [OBJ]: v };
      wrappers.add(wrapper);
      return wrapper;
    }
    return v;
  });
}

/** JSON.parse, undoing {@link encodeWire}'s tags. */
export function decodeWire(text: string): unknown {
  return untag(JSON.parse(text) as unknown, true);
}

// Top-down so that a wrapped object's own tag-shaped members are read as data, not as tags.
function untag(value: unknown, readTags: boolean): unknown {
  if (value === null || typeof value !== 'object') return value;
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) value[i] = untag(value[i], true);
    return value;
  }
  const record = value as Record<string, unknown>;
  if (readTags && isTagShaped(record)) {
    if (NUM in record) {
      const n = SPECIAL[String(record[NUM])];
      if (n === undefined) throw new Error(`bad number tag ${JSON.stringify(record[NUM])}`);
      return n;
    }
    return untag(record[OBJ], false);
  }
  for (const key of Object.keys(record)) record[key] = untag(record[key], true);
  return record;
}

/** Reads a call from the window; null when the text is not a well-formed call to a known method. */
export function parseCallMessage(text: string): CallMessage | { readonly id: number; readonly invalid: string } | null {
  let raw: unknown;
  try {
    raw = decodeWire(text);
  } catch {
    return null;
  }
  if (raw === null || typeof raw !== 'object') return null;
  const { id, method, args } = raw as Record<string, unknown>;
  if (typeof id !== 'number' || !Number.isSafeInteger(id)) return null;
  if (!isAppApiCall(method)) return { id, invalid: `unknown method ${JSON.stringify(method)}` };
  const problem = checkCallArgs(method, args);
  if (problem !== null) return { id, invalid: `${method}: ${problem}` };
  // JSON turns an omitted optional argument into null; the service expects undefined.
  const normalized = (args as unknown[]).map((a) => (a === null ? undefined : a));
  return { id, method, args: normalized } as unknown as CallMessage;
}

/** Reads a reply or event from the host; null when it is neither. */
export function parseServerMessage(text: string): ServerMessage | null {
  let raw: unknown;
  try {
    raw = decodeWire(text);
  } catch {
    return null;
  }
  if (raw === null || typeof raw !== 'object') return null;
  const m = raw as Record<string, unknown>;
  if (isAppApiEvent(m.event) && 'payload' in m) return m as unknown as EventMessage;
  if (typeof m.id === 'number' && ('result' in m || typeof m.error === 'string')) return m as unknown as ReplyMessage;
  return null;
}

const isString = (v: unknown): boolean => typeof v === 'string';
const isStringList = (v: unknown): boolean => Array.isArray(v) && v.every(isString);
const isCount = (v: unknown): boolean => typeof v === 'number' && Number.isSafeInteger(v) && v >= 0;
const isOptionalObject = (v: unknown): boolean => v === undefined || v === null || (typeof v === 'object' && !Array.isArray(v));
const isObject = (v: unknown): boolean => v !== null && typeof v === 'object' && !Array.isArray(v);
const isOptionalStringList = (v: unknown): boolean => v === undefined || v === null || isStringList(v);
const isIndexList = (v: unknown): boolean => Array.isArray(v) && v.every(isCount);
const isSliceRequest = (v: unknown): boolean => {
  if (v === null || typeof v !== 'object') return false;
  const r = v as Record<string, unknown>;
  const optionalCount = (x: unknown): boolean => x === undefined || x === null || isCount(x);
  return isCount(r.rowDim) && optionalCount(r.colDim) && isIndexList(r.indices) && isCount(r.rowStart) && isCount(r.rowCount)
    && optionalCount(r.colStart) && optionalCount(r.colCount);
};
const isLodRequest = (v: unknown): boolean => {
  if (v === null || typeof v !== 'object') return false;
  const r = v as Record<string, unknown>;
  return isCount(r.rowDim) && isCount(r.colDim) && isIndexList(r.indices) && isCount(r.rowBins) && isCount(r.colBins);
};
const isExportRequest = (v: unknown): boolean => {
  if (v === null || typeof v !== 'object') return false;
  const r = v as Record<string, unknown>;
  return isStringList(r.datasetIds) && isString(r.destination) && isString(r.layout) && r.compression != null && isOptionalObject(r.compression);
};

/** Per call, a predicate for each positional argument; loose on purpose (shape, not meaning — the service checks meaning). */
const ARG_CHECKS: Record<AppApiCall, readonly ((v: unknown) => boolean)[]> = {
  capabilities: [],
  openPaths: [isStringList, isOptionalObject],
  pickAndOpen: [isOptionalObject],
  estimate: [isStringList],
  listDatasets: [],
  readWindow: [isString, isCount, isCount, isOptionalStringList],
  firstWindow: [isString, isCount],
  readSlice: [isString, isSliceRequest],
  readLevelOfDetail: [isString, isLodRequest],
  openEntry: [isString, isString],
  setView: [isString, isObject],
  cancelView: [isString],
  columnStats: [isString, isOptionalObject],
  cancel: [isString],
  close: [isString],
  pickSavePath: [isString],
  startExport: [isExportRequest],
  cancelExport: [isString],
};

/** Null when `args` loosely fits `method`'s parameters, else what is wrong. Used by every transport that receives calls. */
export function checkCallArgs(method: AppApiCall, args: unknown): string | null {
  if (!Array.isArray(args)) return 'args must be an array';
  const checks = ARG_CHECKS[method];
  if (args.length > checks.length) return `expected at most ${checks.length} arguments, got ${args.length}`;
  for (let i = 0; i < checks.length; i++) {
    if (!checks[i]!(args[i])) return `argument ${i + 1} has the wrong shape`;
  }
  return null;
}
