#!/usr/bin/env node
// Command-line entry: runs the built CLI (npm install builds it through the prepare script).
import { existsSync } from 'node:fs';

const cli = new URL('../out/node/hosts/cli.js', import.meta.url);
if (!existsSync(cli)) {
  console.error('arrayport: the CLI is not built yet; run `npm run build` in the project folder');
  process.exit(1);
}
await import(cli.href);
