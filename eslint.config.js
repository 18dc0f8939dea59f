import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import {configs as litConfigs} from 'eslint-plugin-lit';
import {configs as wcConfigs} from 'eslint-plugin-wc';
import globals from 'globals';

export default tseslint.config(
  {ignores: ['node_modules/', 'dist/', 'lib/', 'test-results/', 'custom-elements.json']},
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    files: ['src/**/*.ts', 'test/**/*.ts'],
    ...litConfigs['flat/recommended'],
  },
  {
    files: ['src/**/*.ts'],
    ...wcConfigs['flat/recommended'],
  },
  {
    files: ['src/**/*.ts', 'test/**/*.ts'],
    languageOptions: {globals: globals.browser},
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', {argsIgnorePattern: '^_'}],
      'no-restricted-syntax': [
        'error',
        {selector: 'TSEnumDeclaration', message: 'Use an `as const` object, not an enum.'},
        {selector: 'TSModuleDeclaration[global!=true]', message: 'No namespaces.'},
      ],
    },
  },
  {
    // Chai's property assertions (`expect(x).to.exist`) read as unused expressions.
    files: ['test/**/*.ts'],
    rules: {'@typescript-eslint/no-unused-expressions': 'off'},
  },
  {
    files: [
      '*.js',
      'bin/**/*.js',
      'cli/**/*.js',
      'scripts/**/*.js',
      'demo/**/*.js',
      'server/**/*.js',
      'bench/**/*.js',
      'test/e2e/**/*.js',
      'test/node/**/*.js',
      'test/package/**/*.js',
      'test/server/**/*.js',
    ],
    languageOptions: {globals: {...globals.node, ...globals.browser}},
  },
);
