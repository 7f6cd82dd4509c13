import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import reactHooks from 'eslint-plugin-react-hooks';
import globals from 'globals';

export default tseslint.config(
  {
    ignores: [
      'dist/',
      'node_modules/',
      'test-results/',
      'playwright-report/',
      'oracle/build/',
      'reports/',
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.node, ...globals.browser } },
    rules: {
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_' },
      ],
      '@typescript-eslint/no-non-null-assertion': 'off',
    },
  },
  {
    files: ['src/ui/**/*.{ts,tsx}'],
    plugins: { 'react-hooks': reactHooks },
    rules: {
      'react-hooks/rules-of-hooks': 'error',
      'react-hooks/exhaustive-deps': 'warn',
    },
  },
  {
    // The core is a pure, deterministic simulator (design.md): it may be imported by
    // anything, and imports nothing that renders, stores UI state or touches the host.
    files: ['src/core/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: ['react', 'react-dom', 'react/*', 'react-dom/*'],
              message: 'src/core is pure: no React.',
            },
            { group: ['d3', 'd3-*'], message: 'src/core is pure: no D3.' },
            { group: ['zustand', 'zustand/*'], message: 'src/core is pure: no store.' },
            {
              group: ['node:*', 'fs', 'path', 'child_process', 'os'],
              message: 'src/core is pure: no Node APIs.',
            },
            {
              group: [
                '../ui/*',
                '../views/*',
                '../store/*',
                '../cli/*',
                '../oracle/*',
                '../script/*',
              ],
              message: 'src/core depends on nothing above it.',
            },
          ],
        },
      ],
      'no-restricted-globals': [
        'error',
        { name: 'window', message: 'src/core is pure.' },
        { name: 'document', message: 'src/core is pure.' },
        { name: 'process', message: 'src/core is pure.' },
      ],
      'no-restricted-properties': [
        'error',
        { object: 'Math', property: 'random', message: 'src/core is deterministic.' },
        { object: 'Date', property: 'now', message: 'src/core is deterministic.' },
        { object: 'performance', property: 'now', message: 'src/core is deterministic.' },
      ],
    },
  },
  {
    files: ['src/views/**/*.ts', 'src/script/**/*.ts', 'src/store/**/*.ts'],
    ignores: ['**/*.test.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            { group: ['react', 'react-dom', 'react/*'], message: 'Only src/ui imports React.' },
            {
              group: ['node:*', 'fs', 'path', 'child_process'],
              message: 'Runs in the browser: no Node APIs.',
            },
          ],
        },
      ],
    },
  },
);
