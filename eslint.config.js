import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import reactHooks from 'eslint-plugin-react-hooks';
import importX from 'eslint-plugin-import-x';
import globals from 'globals';
import { readdirSync } from 'node:fs';

const features = readdirSync(new URL('./src/features', import.meta.url), { withFileTypes: true })
  .filter((entry) => entry.isDirectory())
  .map((entry) => entry.name);

export default tseslint.config(
  { ignores: ['dist', 'dist-*', 'node_modules', 'test-artifacts', 'coverage'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  { files: ['*.js'], languageOptions: { globals: globals.node } },
  {
    files: ['**/*.{ts,tsx}'],
    languageOptions: { globals: { ...globals.browser, ...globals.node } },
    plugins: { 'react-hooks': reactHooks, 'import-x': importX },
    settings: {
      // Rules that follow imports (no-cycle) read only the project's own files.
      'import-x/ignore': ['node_modules'],
      'import-x/resolver-next': [
        importX.createNodeResolver({ extensions: ['.ts', '.tsx', '.js', '.json'] }),
      ],
    },
    rules: {
      ...reactHooks.configs.recommended.rules,
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', ignoreRestSiblings: true },
      ],
      'import-x/no-cycle': 'error',
    },
  },
  // src/core is pure: no React, no DOM, no storage, nothing of the app; no `any`.
  {
    files: ['src/core/**/*.ts'],
    languageOptions: { globals: { ...globals['shared-node-browser'] } },
    rules: {
      '@typescript-eslint/no-explicit-any': 'error',
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              regex: '^(?!\\.{1,2}/|zod$|yaml$|xstate$|opencc-js(/.*)?$)',
              message: 'src/core may import only zod, yaml, xstate, opencc-js and itself.',
            },
            { regex: '^\\.\\./', message: 'src/core must not import outside src/core.' },
          ],
        },
      ],
    },
  },
  // One-way flow: app -> features -> stores -> core | data | lms; data -> core; node -> core.
  {
    files: ['src/**/*.{ts,tsx}'],
    rules: {
      'import-x/no-restricted-paths': [
        'error',
        {
          zones: [
            { target: './src/core', from: './src', except: ['./core'] },
            // src/server: the HTTP API; it runs core's conversation and scoring, nothing of the browser
            // app but the DOM-free xAPI statement builder and sender and the CSV/XLSX sheet writer
            // (one home for both).
            {
              target: './src/server',
              from: './src',
              except: [
                './server',
                './node',
                './core',
                './lms/xapi-statements.ts',
                './lms/xapi-send.ts',
                './data/workbook.ts',
              ],
            },
            {
              target: ['./src/app', './src/features', './src/stores', './src/components'],
              from: './src/server',
              message: 'The browser app never imports the server.',
            },
            // src/node: Node-only code (files, catalogue loading) for scripts, tests and the server.
            { target: './src/node', from: './src', except: ['./node', './core'] },
            {
              target: ['./src/app', './src/features', './src/stores', './src/components'],
              from: './src/node',
              message: 'The browser app never imports Node-only code.',
            },
            {
              target: ['./src/data', './src/lms'],
              from: './src/node',
              message: 'The browser app never imports Node-only code.',
            },
            { target: './src/data', from: './src', except: ['./data', './core'] },
            { target: './src/lms', from: './src', except: ['./lms', './core', './data'] },
            { target: './src/stores', from: ['./src/features', './src/app', './src/components'] },
            { target: './src/components', from: ['./src/features', './src/app'] },
            { target: './src/features', from: './src/app' },
            ...features.map((name) => ({
              target: `./src/features/${name}`,
              from: './src/features',
              except: [`./${name}`],
              message: 'Features never import each other.',
            })),
          ],
        },
      ],
    },
  },
);
