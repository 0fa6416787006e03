// The tool's name and version as package.json gives them (written into HDF5 attributes and printed by --version).

import { readFileSync } from 'node:fs';

let cached: string | undefined;

export function toolVersion(): string {
  if (cached) return cached;
  for (const rel of ['../../package.json', '../../../package.json']) {
    try {
      const pkg = JSON.parse(readFileSync(new URL(rel, import.meta.url), 'utf8')) as { name?: string; version?: string };
      if (pkg.name === 'arrayport' && pkg.version) return (cached = pkg.version);
    } catch {
      // try the next layout (sources vs out/node)
    }
  }
  return (cached = '0.0.0');
}
