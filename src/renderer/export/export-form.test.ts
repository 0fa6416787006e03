// Export form defaults and validation.
import { describe, expect, it } from 'vitest';
import type { DatasetInfo } from '../../shared/dataset.js';
import { initialForm, suggestDestination, toRequest } from './export-form.js';

const ds = (id: string, sourcePath: string): DatasetInfo => ({
  id, name: sourcePath.split('/').pop()!, sourcePath, sourceBytes: 1, format: 'text', state: 'ready', rows: 1, columns: [], storeBytes: 1,
});

describe('export-form', () => {
  it('suggests a destination beside the source', () => {
    expect(suggestDestination([ds('a', '/data/cov.txt')])).toBe('/data/cov.h5');
    expect(suggestDestination([ds('a', '/data/cov.txt'), ds('b', '/data/x.txt')])).toBe('/data/arrayport-export.h5');
    expect(suggestDestination([ds('a', 'dropped.txt')])).toBe('');
  });
  it('starts with the selected dataset and builds a request', () => {
    const f = initialForm([ds('a', '/d/a.txt'), ds('b', '/d/b.txt')], 'b');
    expect(f.datasetIds).toEqual(['b']);
    expect(toRequest({ ...f, gzip: true, level: 12, chunkRows: '65,536' })).toEqual({
      datasetIds: ['b'], destination: '/d/b.h5', layout: 'compound', compression: { kind: 'gzip', level: 9 }, chunkRows: 65536,
    });
    expect(toRequest({ ...f, chunkRows: '-1' })).toHaveProperty('error');
    expect(toRequest({ ...f, datasetIds: [] })).toHaveProperty('error');
  });
});
