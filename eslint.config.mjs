import js from '@eslint/js';
import globals from 'globals';
import tseslint from 'typescript-eslint';

const LIBS_AND_APPS = 'core|chain|platform|identity|anchoring|documents|bills|settlement|securitization|waterfall|api|worker|cli|portal';
export const BOUNDARY_PATTERNS = [
  {
    regex: `^(\\.\\./)+((libs|apps)/)?(${LIBS_AND_APPS})/(src|scripts)(/|$)`,
    message: "Another lib's or app's internals: import its public index (#core, #bills, …); an app never imports another app (move what both need into a lib).",
  },
  { regex: '^(\\.\\./)+(libs|apps)/', message: 'No path into libs/ or apps/: import the lib by its #name.' },
  { regex: '^(\\.\\./)+(dist|contracts)/', message: 'Compiled output and contract bindings come through #<lib> and #contracts.' },
  { regex: '^#[a-z]+/', message: 'A lib exposes only its index: #<lib>, never #<lib>/<path>.' },
];

export default tseslint.config(
  { ignores: ['dist/**', 'node_modules/**', 'apps/api/public/**', 'contracts/generated/**', 'coverage/**', 'bench/**/out/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.node } },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/no-explicit-any': 'error',
      'no-restricted-syntax': [
        'error',
        { selector: "CallExpression[callee.name='parseFloat']", message: 'Money and rates never go through floats: use bigint minor units or a decimal string.' },
      ],
    },
  },
  { files: ['apps/portal/**/*.{ts,tsx}'], languageOptions: { globals: { ...globals.browser } } },
  // Boundaries: a lib or app reaches another lib only through its public index (`#core`, `#bills`, …),
  // and no app imports another app. Relative paths that climb into some `<lib|app>/src`, `dist/`,
  // `contracts/generated` or a `#lib/...` subpath are refused.
  {
    files: ['libs/**/*.{ts,tsx,mts}', 'apps/**/*.{ts,tsx,mts}'],
    rules: {
      'no-restricted-imports': ['error', { patterns: BOUNDARY_PATTERNS }],
    },
  },
);
