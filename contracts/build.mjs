#!/usr/bin/env node
// Compiles every contracts/src/**/*.sol offline with solc-js (standard JSON) and writes
//   contracts/artifacts/<Name>.json   {contractName, sourceName, abi, bytecode, deployedBytecode}
//   contracts/generated/<Name>.ts     typed ethers v6 bindings (ABI const, bytecode, connect/deploy)
//   contracts/generated/common.ts     the TypedContractMethod helper type
//   contracts/generated/index.ts      re-exports + `artifacts` record (with deployedBytecodeHash)
//   contracts/artifacts/build-info.json  the input hash that lets the next run skip all work.
// Both outputs are committed, so a fresh clone skips compilation. `--force` rebuilds anyway.
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join, relative, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';

const SCRIPT = fileURLToPath(import.meta.url);
const CONTRACTS_DIR = dirname(SCRIPT);
const ROOT = dirname(CONTRACTS_DIR);
const SRC_DIR = join(CONTRACTS_DIR, 'src');
const ARTIFACTS_DIR = join(CONTRACTS_DIR, 'artifacts');
const GENERATED_DIR = join(CONTRACTS_DIR, 'generated');
const BUILD_INFO = join(ARTIFACTS_DIR, 'build-info.json');

const SETTINGS = {
  optimizer: { enabled: true, runs: 200 },
  // Pinned, not solc's default (osaka for 0.8.37): the lowest fork with everything the contracts
  // use — transient storage (EIP-1153, ReentrancyGuardTransient and SpvVault's transient state),
  // MCOPY and PUSH0. A target chain must support cancun or later (docs/architecture.md).
  // foundry.toml's evm_version must stay the same (test/contracts/toolchain.e2e-spec.ts).
  evmVersion: 'cancun',
  // No IPFS/Swarm hash of the metadata in the bytecode: a comment-only change in a source must not
  // change the bytecode (and so `deployedBytecodeHash`, which the deployer uses to redeploy).
  metadata: { bytecodeHash: 'none' },
  outputSelection: {
    '*': {
      '': ['ast'],
      '*': ['abi', 'evm.bytecode.object', 'evm.deployedBytecode.object'],
    },
  },
};

// Members of ethers' BaseContract: an ABI function with one of these names stays reachable
// through `contract.getFunction(name)` but gets no typed property.
const BASE_CONTRACT_MEMBERS = new Set([
  'target', 'interface', 'runner', 'filters', 'fallback', 'connect', 'attach', 'getAddress',
  'getDeployedCode', 'waitForDeployment', 'deploymentTransaction', 'getFunction', 'getEvent',
  'queryTransaction', 'queryFilter', 'on', 'once', 'emit', 'listenerCount', 'listeners', 'off',
  'removeAllListeners', 'addListener', 'removeListener', 'then', 'constructor', 'toString',
]);
const RESERVED_FILE_NAMES = new Set(['index', 'common']);

const force = process.argv.includes('--force');
const rel = (p) => relative(ROOT, p).split(sep).join('/');

function fail(message) {
  console.error(`contracts: ${message}`);
  process.exit(1);
}

/** Finds `importPath` (e.g. `@openzeppelin/contracts/access/AccessControl.sol`) in a node_modules above ROOT. */
function findInNodeModules(importPath) {
  for (let dir = ROOT; ; dir = dirname(dir)) {
    const base = join(dir, 'node_modules');
    const candidate = resolve(base, importPath);
    if (candidate.startsWith(base + sep) && existsSync(candidate)) return candidate;
    if (dirname(dir) === dir) return undefined;
  }
}

function packageVersion(name) {
  const file = findInNodeModules(`${name}/package.json`);
  if (!file) fail(`package ${name} is not installed (run npm ci)`);
  return JSON.parse(readFileSync(file, 'utf8')).version;
}

function listSolFiles(dir) {
  if (!existsSync(dir)) return [];
  const out = [];
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const full = join(dir, entry.name);
    if (entry.isDirectory()) out.push(...listSolFiles(full));
    else if (entry.isFile() && entry.name.endsWith('.sol')) out.push(full);
  }
  return out.sort();
}

function sha256(text) {
  return createHash('sha256').update(text).digest('hex');
}

// ------------------------------------------------------------------ up-to-date check

const solFiles = listSolFiles(SRC_DIR);
const sources = Object.fromEntries(solFiles.map((f) => [rel(f), { content: readFileSync(f, 'utf8') }]));
const solcPackageVersion = packageVersion('solc');
const inputHash = sha256(
  JSON.stringify({
    solc: solcPackageVersion,
    // imported library sources live in node_modules: their version stands for their content
    openzeppelin: packageVersion('@openzeppelin/contracts'),
    settings: SETTINGS,
    generator: readFileSync(SCRIPT, 'utf8'),
    sources: Object.entries(sources).map(([name, { content }]) => [name, sha256(content)]),
  }),
);

function outputsFor(names) {
  return [
    BUILD_INFO,
    join(GENERATED_DIR, 'index.ts'),
    join(GENERATED_DIR, 'common.ts'),
    ...names.flatMap((n) => [join(ARTIFACTS_DIR, `${n}.json`), join(GENERATED_DIR, `${n}.ts`)]),
  ];
}

function readPrevious() {
  try {
    return JSON.parse(readFileSync(BUILD_INFO, 'utf8'));
  } catch {
    return undefined; // missing or unreadable: rebuild
  }
}
const previous = readPrevious();
if (!force && previous?.inputHash === inputHash && outputsFor(Object.keys(previous.contracts ?? {})).every((f) => existsSync(f))) {
  console.log(`contracts: up to date (input hash ${inputHash.slice(0, 12)}), skipping compilation`);
  process.exit(0);
}

// ------------------------------------------------------------------ compile

if (solFiles.length === 0) fail(`no .sol files under ${rel(SRC_DIR)}`);

const { default: solc } = await import('solc');
const { keccak256 } = await import('ethers');

function findImports(importPath) {
  try {
    if (importPath.startsWith('contracts/src/')) {
      const file = resolve(ROOT, importPath);
      if (!file.startsWith(SRC_DIR + sep)) return { error: `import escapes contracts/src: ${importPath}` };
      return { contents: readFileSync(file, 'utf8') };
    }
    const file = findInNodeModules(importPath);
    if (file) return { contents: readFileSync(file, 'utf8') };
    return { error: `not found in contracts/src nor in node_modules: ${importPath}` };
  } catch (err) {
    return { error: `cannot read ${importPath}: ${err instanceof Error ? err.message : String(err)}` };
  }
}

const started = Date.now();
const output = JSON.parse(
  solc.compile(JSON.stringify({ language: 'Solidity', sources, settings: SETTINGS }), { import: findImports }),
);
const problems = output.errors ?? [];
for (const p of problems) {
  const text = (p.formattedMessage ?? `${p.severity}: ${p.message}`).trimEnd();
  if (p.severity === 'error') console.error(text + '\n');
  else console.warn(text + '\n');
}
const errorCount = problems.filter((p) => p.severity === 'error').length;
if (errorCount > 0) fail(`compilation failed with ${errorCount} error(s) (solc ${solc.version()})`);

// Concrete contracts declared in our own sources (not interfaces, libraries, abstract contracts or imports).
const compiled = [];
for (const sourceName of Object.keys(sources)) {
  const ast = output.sources?.[sourceName]?.ast;
  if (!ast) fail(`solc returned no AST for ${sourceName}`);
  for (const node of ast.nodes) {
    if (node.nodeType !== 'ContractDefinition' || node.contractKind !== 'contract' || node.abstract) continue;
    const out = output.contracts?.[sourceName]?.[node.name];
    if (!out) fail(`solc returned no output for ${sourceName}:${node.name}`);
    compiled.push({
      contractName: node.name,
      sourceName,
      abi: out.abi,
      bytecode: `0x${out.evm.bytecode.object}`,
      deployedBytecode: `0x${out.evm.deployedBytecode.object}`,
    });
  }
}
compiled.sort((a, b) => (a.contractName < b.contractName ? -1 : a.contractName > b.contractName ? 1 : 0));
const seen = new Map();
for (const c of compiled) {
  if (seen.has(c.contractName)) fail(`contract name ${c.contractName} is declared in both ${seen.get(c.contractName)} and ${c.sourceName}`);
  if (RESERVED_FILE_NAMES.has(c.contractName)) fail(`contract name ${c.contractName} clashes with a generated file name`);
  if (!/^[A-Za-z_$][\w$]*$/.test(c.contractName)) fail(`contract name ${c.contractName} is not a TypeScript identifier`);
  if (c.bytecode.includes('__$')) console.warn(`contracts: ${c.contractName} needs library linking; its bytecode has placeholders`);
  seen.set(c.contractName, c.sourceName);
}

// ------------------------------------------------------------------ TypeScript generation

const IDENT = /^[A-Za-z_$][\w$]*$/;
const TS_RESERVED = new Set(
  ('break case catch class const continue debugger default delete do else enum export extends false finally for ' +
    'function if import in instanceof new null return super switch this throw true try typeof var void while with ' +
    'as implements interface let package private protected public static yield').split(' '),
);
const labelOf = (p, i) => (p.name && IDENT.test(p.name) && !TS_RESERVED.has(p.name) ? p.name : `arg${i}`);
// ethers names Result entries by the ABI name; unnamed entries get arg<i> in the decode helpers below.
const fieldOf = (p, i) => p.name || `arg${i}`;
const propKey = (k) => (IDENT.test(k) ? k : JSON.stringify(k));
const isDynamic = (p) => p.type === 'string' || p.type === 'bytes' || p.type.endsWith(']') || p.type.startsWith('tuple');

/** Canonical ABI type, e.g. `(uint256,address)[]` for a tuple array. */
function canonicalType(p) {
  if (!p.type.startsWith('tuple')) return p.type;
  return `(${p.components.map(canonicalType).join(',')})${p.type.slice('tuple'.length)}`;
}
const signatureOf = (f) => `${f.name}(${(f.inputs ?? []).map(canonicalType).join(',')})`;

/** Output-side value of a list of components: ethers' Result, i.e. a tuple with named getters. */
function resultType(params) {
  const tuple = `[${params.map((p, i) => `${labelOf(p, i)}: ${tsType(p, 'out')}`).join(', ')}]`;
  const names = new Set();
  const named = params.filter((p) => p.name && !names.has(p.name) && names.add(p.name));
  if (named.length === 0) return tuple;
  return `${tuple} & { ${named.map((p) => `${propKey(p.name)}: ${tsType(p, 'out')}`).join('; ')} }`;
}

/** Maps an ABI parameter to TypeScript; `mode` 'in' for arguments (what ethers accepts), 'out' for results. */
function tsType(p, mode) {
  const array = /^(.*)\[\d*\]$/.exec(p.type);
  if (array) return `Array<${tsType({ ...p, type: array[1] }, mode)}>`;
  const t = p.type;
  if (t === 'tuple') {
    if (mode === 'out') return resultType(p.components);
    const obj = `{ ${p.components.map((c, i) => `${propKey(fieldOf(c, i))}: ${tsType(c, 'in')}`).join('; ')} }`;
    const tup = `[${p.components.map((c, i) => `${labelOf(c, i)}: ${tsType(c, 'in')}`).join(', ')}]`;
    return `(${obj} | ${tup})`;
  }
  if (/^u?int\d*$/.test(t)) return mode === 'in' ? 'BigNumberish' : 'bigint';
  if (t === 'address') return mode === 'in' ? 'AddressLike' : 'string';
  if (t === 'bool') return 'boolean';
  if (/^bytes\d*$/.test(t) || t === 'function') return mode === 'in' ? 'BytesLike' : 'string';
  if (t === 'string') return 'string';
  throw new Error(`unsupported ABI type ${t}`);
}

const argsTuple = (inputs) => `[${(inputs ?? []).map((p, i) => `${labelOf(p, i)}: ${tsType(p, 'in')}`).join(', ')}]`;

function returnType(outputs) {
  if (!outputs || outputs.length === 0) return 'void';
  if (outputs.length === 1) return tsType(outputs[0], 'out');
  return resultType(outputs);
}

/** Keys of a fragment list: the name, or the full signature where the name is overloaded. */
function keyed(fragments) {
  const count = new Map();
  for (const f of fragments) count.set(f.name, (count.get(f.name) ?? 0) + 1);
  return fragments.map((f) => ({ f, key: count.get(f.name) > 1 ? signatureOf(f) : f.name }));
}

/** `{ a: T; b: U }` describing the decoded args of an event or error. */
function argsObject(inputs, forEvent) {
  if (!inputs || inputs.length === 0) return 'Record<string, never>';
  const fields = inputs.map((p, i) => {
    const type = forEvent && p.indexed && isDynamic(p) ? 'Indexed' : tsType(p, 'out');
    return `${propKey(fieldOf(p, i))}: ${type}`;
  });
  return `{ ${fields.join('; ')} }`;
}

function generateBinding(c) {
  const N = c.contractName;
  const functions = keyed(c.abi.filter((x) => x.type === 'function'));
  const events = keyed(c.abi.filter((x) => x.type === 'event'));
  const errors = keyed(c.abi.filter((x) => x.type === 'error'));
  const ctor = c.abi.find((x) => x.type === 'constructor');

  const methodLines = [];
  for (const { f, key } of functions) {
    if (BASE_CONTRACT_MEMBERS.has(key)) {
      methodLines.push(`  // '${key}' clashes with a BaseContract member: use getFunction('${signatureOf(f)}')`);
      continue;
    }
    const mutability = f.stateMutability ?? 'nonpayable';
    methodLines.push(`  ${propKey(key)}: TypedContractMethod<${argsTuple(f.inputs)}, ${returnType(f.outputs)}, '${mutability}'>;`);
  }

  const ctorArgs = argsTuple(ctor?.inputs);

  const evKeys = events.map(({ key }) => key);
  const erKeys = errors.map(({ key }) => key);
  const overloadedEvents = events.filter(({ f, key }) => key !== f.name).map(({ f }) => f.name);
  const overloadedErrors = errors.filter(({ f, key }) => key !== f.name).map(({ f }) => f.name);
  const keyExpr = (overloaded) =>
    overloaded.length === 0
      ? 'parsed.name'
      : `(${JSON.stringify([...new Set(overloaded)])}.includes(parsed.name) ? parsed.signature : parsed.name)`;

  const body = `export const ${N}Abi = ${JSON.stringify(c.abi, null, 2)} as const;

export const ${N}Bytecode: string = ${JSON.stringify(c.bytecode)};

/** The ethers Interface of ${N} (encode calls, parse logs and errors). */
export const ${N}Interface: Interface = new Interface(${N}Abi);

/** A ${N} bound to an address; methods are typed from the ABI. */
export interface ${N} extends BaseContract {
  connect(runner: ContractRunner | null): ${N};
  attach(target: string | Addressable): ${N};
${methodLines.join('\n')}
}

/** Decoded arguments of each ${N} event (indexed dynamic values come back as their topic hash). */
export interface ${N}Events {
${events.map(({ f, key }) => `  ${propKey(key)}: ${argsObject(f.inputs, true)};`).join('\n')}
}
export type ${N}EventName = ${evKeys.length ? evKeys.map((k) => JSON.stringify(k)).join(' | ') : 'never'};
export type ${N}Event = { [K in ${N}EventName]: { name: K; args: ${N}Events[K] } }[${N}EventName];

/** Arguments of each ${N} custom error. */
export interface ${N}Errors {
${errors.map(({ f, key }) => `  ${propKey(key)}: ${argsObject(f.inputs, false)};`).join('\n')}
}
export type ${N}ErrorName = ${erKeys.length ? erKeys.map((k) => JSON.stringify(k)).join(' | ') : 'never'};
export type ${N}Error = { [K in ${N}ErrorName]: { name: K; args: ${N}Errors[K] } }[${N}ErrorName];

/** Binds ${N} at \`address\`; \`runner\` is a Signer to send transactions, a Provider to read, or null. */
export function connect${N}(address: string, runner: ContractRunner | null): ${N} {
  return new BaseContract(address, ${N}Interface, runner) as unknown as ${N};
}

/** Deploys ${N} (constructor args, then optional overrides) and waits until its code is on chain. */
export async function deploy${N}(runner: Signer, ...args: ContractMethodArgs<${ctorArgs}>): Promise<${N}> {
  const factory = new ContractFactory(${N}Interface, ${N}Bytecode, runner);
  const contract = await factory.deploy(...args);
  await contract.waitForDeployment();
  return contract as unknown as ${N};
}

/** ${N}'s events by topic 0: decoding a log then hashes one event signature, not one per event of the ABI. */
const ${N}EventsByTopic = new Map<string, EventFragment>();
${N}Interface.forEachEvent((fragment) => {
  if (!fragment.anonymous) ${N}EventsByTopic.set(fragment.topicHash, fragment);
});

/** Decodes a log emitted by ${N}; null when the log is not one of its events. */
export function decode${N}Event(log: { topics: ReadonlyArray<string>; data: string }): ${N}Event | null {
  const fragment = ${N}EventsByTopic.get((log.topics[0] ?? '').toLowerCase());
  if (!fragment) return null;
  let values: Result;
  try {
    values = ${N}Interface.decodeEventLog(fragment, log.data, log.topics);
  } catch {
    return null; // the topic matches but the data does not (another contract's event of the same signature)
  }
  const parsed = { name: fragment.name, signature: fragment.format() };
  const args = Object.fromEntries(fragment.inputs.map((p, i) => [p.name || \`arg\${i}\`, values[i]]));
  return { name: ${keyExpr(overloadedEvents)}, args } as ${N}Event;
}

/** Decodes revert data into one of ${N}'s custom errors; null for anything else (Error(string), Panic, unknown). */
export function decode${N}Error(data: BytesLike): ${N}Error | null {
  const parsed = ${N}Interface.parseError(data);
  if (parsed === null) return null;
  const args = Object.fromEntries(parsed.fragment.inputs.map((p, i) => [p.name || \`arg\${i}\`, parsed.args[i]]));
  return { name: ${keyExpr(overloadedErrors)}, args } as ${N}Error;
}
`;
  // Import only the ethers types the body uses (unused imports would trip linters).
  const typeImports = ['AddressLike', 'Addressable', 'BigNumberish', 'BytesLike', 'ContractMethodArgs', 'ContractRunner', 'EventFragment', 'Indexed', 'Result', 'Signer']
    .filter((t) => new RegExp(`\\b${t}\\b`).test(body));
  return `// Generated by contracts/build.mjs from ${c.sourceName}. Do not edit: change the source and run \`npm run build:contracts\`.
import { BaseContract, ContractFactory, Interface } from 'ethers';
import type { ${typeImports.join(', ')} } from 'ethers';
import type { TypedContractMethod } from './common.js';

${body}`;
}

const COMMON_TS = `// Generated by contracts/build.mjs. Do not edit.
import type { BaseContractMethod, ContractTransactionResponse } from 'ethers';

export type StateMutability = 'pure' | 'view' | 'nonpayable' | 'payable';

/**
 * A contract method typed from the ABI: called directly, a view/pure method resolves to its result,
 * any other method sends a transaction and resolves to the ContractTransactionResponse.
 * \`.staticCall\`, \`.estimateGas\`, \`.populateTransaction\` and \`.send\` take the same arguments.
 */
export type TypedContractMethod<A extends Array<unknown>, R, S extends StateMutability> = BaseContractMethod<
  A,
  R,
  S extends 'pure' | 'view' ? R : ContractTransactionResponse
>;
`;

function generateIndex(entries) {
  return `// Generated by contracts/build.mjs. Do not edit.
${entries.map((c) => `import { ${c.contractName}Abi, ${c.contractName}Bytecode } from './${c.contractName}.js';`).join('\n')}

export type { StateMutability, TypedContractMethod } from './common.js';
${entries.map((c) => `export * from './${c.contractName}.js';`).join('\n')}

/** Every compiled contract; \`deployedBytecodeHash\` (keccak256 of the runtime code) changes exactly when the code does. */
export const artifacts = {
${entries
  .map((c) => `  ${c.contractName}: { abi: ${c.contractName}Abi, bytecode: ${c.contractName}Bytecode, deployedBytecodeHash: '${c.deployedBytecodeHash}' },`)
  .join('\n')}
} as const;

export type ContractName = keyof typeof artifacts;
`;
}

// ------------------------------------------------------------------ write

mkdirSync(ARTIFACTS_DIR, { recursive: true });
mkdirSync(GENERATED_DIR, { recursive: true });
const entries = compiled.map((c) => ({ ...c, deployedBytecodeHash: keccak256(c.deployedBytecode) }));
const written = new Set();
const write = (file, text) => {
  writeFileSync(file, text);
  written.add(file);
};

for (const c of entries) {
  const { contractName, sourceName, abi, bytecode, deployedBytecode } = c;
  write(join(ARTIFACTS_DIR, `${contractName}.json`), JSON.stringify({ contractName, sourceName, abi, bytecode, deployedBytecode }, null, 2) + '\n');
  write(join(GENERATED_DIR, `${contractName}.ts`), generateBinding(c));
}
write(join(GENERATED_DIR, 'common.ts'), COMMON_TS);
write(join(GENERATED_DIR, 'index.ts'), generateIndex(entries));

// Outputs of contracts that no longer exist would be imported by nobody but still committed: remove them.
for (const [dir, ext] of [[ARTIFACTS_DIR, '.json'], [GENERATED_DIR, '.ts']]) {
  for (const name of readdirSync(dir)) {
    const file = join(dir, name);
    if (name.endsWith(ext) && !name.startsWith('.') && file !== BUILD_INFO && !written.has(file)) {
      rmSync(file);
      console.log(`contracts: removed stale ${rel(file)}`);
    }
  }
}

// Written last: an interrupted run leaves no matching hash behind, so the next run rebuilds.
const buildInfo = {
  inputHash,
  solcVersion: solc.version(),
  settings: SETTINGS,
  contracts: Object.fromEntries(
    entries.map((c) => [c.contractName, { sourceName: c.sourceName, deployedBytecodeHash: c.deployedBytecodeHash }]),
  ),
};
writeFileSync(BUILD_INFO, JSON.stringify(buildInfo, null, 2) + '\n');

const seconds = ((Date.now() - started) / 1000).toFixed(1);
console.log(
  `contracts: compiled ${solFiles.length} source(s) with solc ${solc.version()} in ${seconds}s -> ` +
    `${entries.map((c) => c.contractName).join(', ') || 'no concrete contracts'} (${rel(ARTIFACTS_DIR)}, ${rel(GENERATED_DIR)})`,
);
