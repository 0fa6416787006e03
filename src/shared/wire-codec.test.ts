// Checks that the wire codec round-trips every number a RowWindow can hold and reads only well-formed messages.
import { describe, expect, it } from 'vitest';
import type { RowWindow } from './row-window.js';
import { APP_API_CALLS, checkCallArgs, decodeWire, encodeWire, parseCallMessage, parseServerMessage } from './wire-codec.js';

describe('encodeWire / decodeWire', () => {
  it('keeps NaN, ±Infinity and -0 inside a RowWindow', () => {
    const window: RowWindow = {
      datasetId: 'd1', firstRow: 0, rowCount: 6, totalRows: 6,
      columns: [
        { name: 'x', dtype: '<f8', data: { kind: 'number', values: [NaN, Infinity, -Infinity, -0, 0, 1.5] } },
        { name: 'big', dtype: '<i8', data: { kind: 'bigint', values: ['9007199254740993'] } },
      ],
    };
    const back = decodeWire(encodeWire(window)) as RowWindow;
    const values = (back.columns[0]!.data as { values: number[] }).values;
    expect(values[0]).toBeNaN();
    expect(values.slice(1, 3)).toEqual([Infinity, -Infinity]);
    expect(Object.is(values[3], -0)).toBe(true);
    expect(Object.is(values[4], 0)).toBe(true);
    expect(values[5]).toBe(1.5);
    expect(back.columns[1]).toEqual(window.columns[1]);
  });

  it('carries special numbers at the top level and in nested objects', () => {
    expect(decodeWire(encodeWire(NaN))).toBeNaN();
    expect(Object.is(decodeWire(encodeWire(-0)), -0)).toBe(true);
    expect(decodeWire(encodeWire({ a: { b: [-Infinity] } }))).toEqual({ a: { b: [-Infinity] } });
  });

  it('keeps data objects that look like tags as data', () => {
    const tricky = { a: { $num: 'NaN' }, b: { $obj: { $num: '-0' } }, c: [{ $num: 'x' }] };
    expect(decodeWire(encodeWire(tricky))).toEqual(tricky);
  });

  it('writes plain JSON when nothing special is present', () => {
    expect(encodeWire({ a: [1, 'x', null, true] })).toBe('{"a":[1,"x",null,true]}');
  });

  it('rejects a malformed number tag', () => {
    expect(() => decodeWire('{"$num":"lots"}')).toThrow(/bad number tag/);
  });
});

describe('messages', () => {
  it('parses a call and turns omitted optional arguments back into undefined', () => {
    const text = encodeWire({ id: 3, method: 'openPaths', args: [['/a.txt'], undefined] });
    expect(parseCallMessage(text)).toEqual({ id: 3, method: 'openPaths', args: [['/a.txt'], undefined] });
  });

  it('marks unknown methods and ill-shaped arguments as invalid, keeping the id for the error reply', () => {
    expect(parseCallMessage('{"id":1,"method":"constructor","args":[]}')).toMatchObject({ id: 1, invalid: expect.stringMatching(/unknown method/) });
    expect(parseCallMessage('{"id":2,"method":"readWindow","args":["d",-1,5]}')).toMatchObject({ id: 2, invalid: expect.stringMatching(/argument 2/) });
    expect(parseCallMessage('{"id":2,"method":"close","args":["d","extra"]}')).toMatchObject({ invalid: expect.stringMatching(/at most 1/) });
  });

  it('returns null for text that is not a call at all', () => {
    expect(parseCallMessage('not json')).toBeNull();
    expect(parseCallMessage('[1,2]')).toBeNull();
    expect(parseCallMessage('{"method":"close","args":["d"]}')).toBeNull();
  });

  it('parses replies and events from the host', () => {
    expect(parseServerMessage('{"id":1,"result":[1]}')).toEqual({ id: 1, result: [1] });
    expect(parseServerMessage('{"id":1,"error":"boom"}')).toEqual({ id: 1, error: 'boom' });
    expect(parseServerMessage('{"event":"datasets","payload":[]}')).toEqual({ event: 'datasets', payload: [] });
    expect(parseServerMessage('{"event":"nope","payload":1}')).toBeNull();
  });

  it('checks every call loosely', () => {
    expect(APP_API_CALLS).toContain('startExport');
    expect(checkCallArgs('startExport', [{ datasetIds: ['a'], destination: '/o.h5', layout: 'compound', compression: { kind: 'none' } }])).toBeNull();
    expect(checkCallArgs('startExport', [{ datasetIds: 'a' }])).not.toBeNull();
    expect(checkCallArgs('listDatasets', {})).toMatch(/array/);
  });
});
