// The compiler and EVM target are fixed, not floating: every Solidity source names one compiler
// version, and both builds (contracts/build.mjs for the artifacts the platform deploys, forge for
// the property tests) target the same EVM version. docs/architecture.md says what a chain needs.
import { readFileSync, readdirSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const SOLC_VERSION = '0.8.37';
const EVM_VERSION = 'cancun';

function solidityFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? solidityFiles(join(dir, e.name)) : e.name.endsWith('.sol') ? [join(dir, e.name)] : [],
  );
}

describe('Solidity toolchain pins', () => {
  const files = [...solidityFiles(join(ROOT, 'contracts', 'src')), ...solidityFiles(join(ROOT, 'contracts', 'test'))];

  it('finds the sources', () => {
    expect(files.length).toBeGreaterThanOrEqual(20);
  });

  it(`gives every source exactly one fixed pragma: solidity ${SOLC_VERSION}`, () => {
    const wrong = files
      .map((f) => ({ file: relative(ROOT, f), pragmas: readFileSync(f, 'utf8').match(/^\s*pragma\s+solidity\s+[^;]*;/gm) ?? [] }))
      .filter(({ pragmas }) => pragmas.length !== 1 || pragmas[0]!.trim() !== `pragma solidity ${SOLC_VERSION};`);
    expect(wrong).toEqual([]);
  });

  it(`compiles the artifacts for EVM ${EVM_VERSION} with solc ${SOLC_VERSION}`, () => {
    const info = JSON.parse(readFileSync(join(ROOT, 'contracts', 'artifacts', 'build-info.json'), 'utf8')) as {
      solcVersion: string;
      settings: { evmVersion?: string };
    };
    expect(info.settings.evmVersion).toBe(EVM_VERSION);
    expect(info.solcVersion.startsWith(`${SOLC_VERSION}+`)).toBe(true);
  });

  it(`runs forge for the same EVM ${EVM_VERSION}`, () => {
    const toml = readFileSync(join(ROOT, 'foundry.toml'), 'utf8');
    expect(toml.match(/^evm_version\s*=\s*"([^"]+)"/m)?.[1]).toBe(EVM_VERSION);
  });
});
