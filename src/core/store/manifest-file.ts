// Reading and atomically replacing a dataset's manifest.json, and the list of files a manifest keeps alive.

import fs from 'node:fs';
import path from 'node:path';
import type { DatasetManifest } from './manifest.js';

export const MANIFEST_FILE = 'manifest.json';

/** Reads `<dir>/manifest.json`; throws when it is missing or not a version-1 manifest. */
export function readManifest(dir: string): DatasetManifest {
  const m = JSON.parse(fs.readFileSync(path.join(dir, MANIFEST_FILE), 'utf8')) as DatasetManifest;
  if (m.version !== 1 || !Array.isArray(m.columns)) throw new Error(`${dir}: not a version-1 dataset manifest`);
  return m;
}

/** Writes to a temporary name and renames, so a reader sees the old manifest or the new one, never half of one. */
export function writeManifest(dir: string, manifest: DatasetManifest): void {
  const tmp = path.join(dir, `${MANIFEST_FILE}.${process.pid}.tmp`);
  fs.writeFileSync(tmp, JSON.stringify(manifest, null, 1));
  fs.renameSync(tmp, path.join(dir, MANIFEST_FILE));
}

/** Segment files the manifest refers to. */
export function manifestFiles(m: DatasetManifest): string[] {
  return m.columns.flatMap((c) => (c.storage.kind === 'plain' ? [c.storage.file] : [c.storage.codesFile, c.storage.valuesFile]));
}

/** Whether a file in a dataset directory is the manifest (or its temporary), which only the directory's removal deletes. */
export function isManifestFile(name: string): boolean {
  return name.startsWith(MANIFEST_FILE);
}
