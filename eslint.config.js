// Lint rules, chiefly the layer table of DESIGN.md §2: a folder may import only what the table allows.
import tseslint from 'typescript-eslint';

const NODE_BUILTINS = ['node:*', 'fs', 'fs/*', 'path', 'os', 'child_process', 'worker_threads', 'zlib', 'net', 'http', 'crypto', 'url', 'util', 'stream'];
const ours = (folder) => [`**/${folder}`, `**/${folder}/**`];

const TESTS = ['**/*.test.ts', '**/*.test.tsx', '**/test-support/**', '**/*.testing.ts'];

/** One zone per folder: what it must not import. Tests beside pure code may use Node (to ask NumPy for the truth), never other layers. */
const layer = (files, groups, message) => [
  { files, ignores: TESTS, rules: { 'no-restricted-imports': ['error', { patterns: [{ group: groups, message }] }] } },
  {
    files: files.flatMap((f) => TESTS.map((t) => `${f.replace(/\*\*$/, '')}${t.replace(/^\*\*\//, '**/')}`)),
    rules: { 'no-restricted-imports': ['error', { patterns: [{ group: groups.filter((g) => !NODE_BUILTINS.includes(g)), message }] }] },
  },
];

export default tseslint.config(
  { ignores: ['out/**', 'node_modules/**', 'dist/**', 'test-results/**', 'playwright-report/**', '.scratch/**'] },
  ...tseslint.configs.recommended,
  {
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': 'error',
    },
  },
  ...layer(['src/shared/**'], [...ours('core'), ...ours('workers'), ...ours('main'), ...ours('preload'), ...ours('hosts'), ...ours('renderer'), 'electron', ...NODE_BUILTINS],
    'src/shared is pure TypeScript: it imports nothing of ours and nothing of Node or Electron.'),
  ...layer(['src/core/**'], [...ours('workers'), ...ours('main'), ...ours('preload'), ...ours('hosts'), ...ours('renderer'), 'electron', 'electron/*'],
    'src/core runs in plain Node: it may import src/shared only, never electron.'),
  ...layer(['src/workers/**'], [...ours('main'), ...ours('preload'), ...ours('hosts'), ...ours('renderer'), 'electron', 'electron/*'],
    'src/workers are thin entries over src/core and src/shared.'),
  ...layer(['src/hosts/**'], [...ours('workers/*.ts'), ...ours('main'), ...ours('preload'), ...ours('renderer'), 'electron', 'electron/*'],
    'src/hosts are plain Node hosts over src/core and src/shared.'),
  ...layer(['src/main/**'], [...ours('preload'), ...ours('hosts'), ...ours('renderer')],
    'src/main is a thin Electron adapter over src/core and src/shared.'),
  ...layer(['src/preload/**'], [...ours('core'), ...ours('workers'), ...ours('main'), ...ours('hosts'), ...ours('renderer'), ...NODE_BUILTINS],
    'src/preload is sandboxed: it may import electron and src/shared types only.'),
  ...layer(['src/renderer/**'], [...ours('core'), ...ours('workers'), ...ours('main'), ...ours('preload'), ...ours('hosts'), 'electron', 'electron/*', ...NODE_BUILTINS],
    'src/renderer is the page: it may import src/shared only, never Node or Electron.'),
);
