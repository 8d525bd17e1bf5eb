// Lint rules that guard the architecture: the core never touches the VS Code API,
// so the CLI and the plain-Node unit tests can load it.
import tseslint from 'typescript-eslint';

export default tseslint.config(
  { ignores: ['out/**', 'dist/**', 'node_modules/**', '.cache/**'] },
  ...tseslint.configs.recommended,
  {
    files: ['src/**/*.ts'],
    rules: {
      'no-restricted-exports': ['error', { restrictDefaultExports: { direct: true, named: true, defaultFrom: true, namedFrom: true, namespaceFrom: true } }],
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_' }],
    },
  },
  {
    files: ['src/core/**/*.ts', 'src/cli/**/*.ts', 'src/test/unit/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', {
        paths: [{ name: 'vscode', message: 'src/core, the CLI and unit tests must not depend on the VS Code API.' }],
        patterns: [{ group: ['**/extension/**', '../extension/*'], message: 'The core must not import the VS Code layer.' }],
      }],
    },
  },
);
