// Export form defaults and validation: destinations follow the format, .npy and CSV take exactly one table, views go in the request.
import { describe, expect, it } from 'vitest';
import type { DatasetInfo } from '../../shared/dataset.js';
import { hasView, initialForm, singleTableProblem, suggestDestination, toRequest, withExtension } from './export-form.js';

const ds = (id: string, sourcePath: string, extra: Partial<DatasetInfo> = {}): DatasetInfo => ({
  id, name: sourcePath.split('/').pop()!, sourcePath, sourceBytes: 1, format: 'text', state: 'ready', rows: 1, columns: [], storeBytes: 1, ...extra,
});
const viewed = (spec: object) => ({ view: { id: 'v1', spec, state: 'ready' as const, rows: 1, indexBytes: 4 } });

describe('export-form', () => {
  it('suggests a destination beside the source, with the format’s extension', () => {
    expect(suggestDestination([ds('a', '/data/cov.txt')])).toBe('/data/cov.h5');
    expect(suggestDestination([ds('a', '/data/cov.txt')], 'csv')).toBe('/data/cov.csv');
    expect(suggestDestination([ds('a', '/data/cov.txt'), ds('b', '/data/x.txt')])).toBe('/data/arrayport-export.h5');
    expect(suggestDestination([ds('a', 'dropped.txt')])).toBe('');
    expect(withExtension('/out/cov.h5', 'npy')).toBe('/out/cov.npy');
    expect(withExtension('/out/cov.NPY', 'csv')).toBe('/out/cov.csv');
    expect(withExtension('/out/cov', 'hdf5')).toBe('/out/cov.h5');
    expect(withExtension('', 'csv')).toBe('');
  });
  it('starts with the selected dataset and builds a request', () => {
    const f = initialForm([ds('a', '/d/a.txt'), ds('b', '/d/b.txt')], 'b');
    expect(f.datasetIds).toEqual(['b']);
    expect(f.views).toBe(false);
    expect(toRequest({ ...f, gzip: true, level: 12, chunkRows: '65,536' })).toEqual({
      datasetIds: ['b'], destination: '/d/b.h5', layout: 'compound', compression: { kind: 'gzip', level: 9 }, chunkRows: 65536, format: 'hdf5',
    });
    expect(toRequest({ ...f, chunkRows: '-1' })).toHaveProperty('error');
    expect(toRequest({ ...f, datasetIds: [] })).toHaveProperty('error');
  });
  it('exports the current view when the selected table has one', () => {
    const list = [ds('a', '/d/a.txt', viewed({ filter: 'c > 1' })), ds('b', '/d/b.txt', viewed({}))];
    expect(hasView(list[0]!)).toBe(true);
    expect(hasView(list[1]!)).toBe(false);
    const f = initialForm(list, 'a');
    expect(f.views).toBe(true);
    expect(toRequest({ ...f, format: 'csv', destination: '/d/a.csv' }, list)).toEqual({
      datasetIds: ['a'], destination: '/d/a.csv', layout: 'compound', compression: { kind: 'none' }, chunkRows: undefined, format: 'csv', views: true,
    });
  });
  it('takes exactly one table for .npy and CSV', () => {
    const cube = ds('c', '/d/cube.npy', { format: 'npy', array: { shape: [2, 3, 4], dtype: '<f4' } });
    const a = ds('a', '/d/a.txt');
    expect(singleTableProblem([a])).toBeNull();
    expect(singleTableProblem([a, cube])).toMatch(/exactly one table dataset \(2 chosen\)/);
    expect(singleTableProblem([cube])).toMatch(/cube.npy is not a table/);
    expect(toRequest({ ...initialForm([a, cube], null), format: 'npy' }, [a, cube])).toHaveProperty('error');
  });
});
