// `npm start`: the Electron app where its binary is installed, otherwise the browser host (one line says which).
import { spawn } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

const electronDir = join(import.meta.dirname, '..', 'node_modules', 'electron');
const pathFile = join(electronDir, 'path.txt');
const binary = existsSync(pathFile) ? join(electronDir, 'dist', readFileSync(pathFile, 'utf8').trim()) : undefined;

const child =
  binary && existsSync(binary)
    ? spawn(binary, ['.'], { stdio: 'inherit' })
    : (console.log('arrayport: no Electron binary is installed here, so the browser host starts instead.'),
      spawn(process.execPath, [join(import.meta.dirname, '..', 'bin', 'arrayport.js'), 'serve', ...process.argv.slice(2)], { stdio: 'inherit' }));
child.on('exit', (code) => process.exit(code ?? 0));
