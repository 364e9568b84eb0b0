import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { hexlify, randomBytes, Wallet } from 'ethers';
import { In, type DataSource } from 'typeorm';
import {
  ANCHOR_ROOT_JOB,
  AnchorRootJobHandler,
  ChainJobEntity,
  ChainJobHandlerRegistry,
  ChainJobsService,
  ChainJobStatus,
  ChainRole,
  ChainTxAttemptEntity,
  ContractRegistry,
  OutboxWorker,
  type OutboxWorkerHooks,
  type OutboxWorkerOptions,
} from '#chain';
import { IdentityRegistryInterface } from '#contracts';
import { createTestDatabase, migratedDataSource, type TestDatabase } from '../support/database.js';
import { startTestChain, type TestChain } from '../support/chain.js';

const bytes32 = () => hexlify(randomBytes(32));
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const REGISTER_JOB = 'test.identity.register';

class SimulatedCrash extends Error {}

/**
 * The outbox with one key per role (real PostgreSQL, real anvil): the jobs of one tick are signed
 * by the keys their calls name, each key on its own nonce sequence, and the "was the nonce spent
 * by another transaction" check that guards against running a job twice looks at the job's own key.
 */
describe('chain outbox, one nonce sequence per signing key', () => {
  let db: TestDatabase;
  let ds: DataSource;
  let chain: TestChain;
  let registry: ChainJobHandlerRegistry;
  let contracts: ContractRegistry;
  let jobs: ChainJobsService;

  const options: OutboxWorkerOptions = { pollMs: 20, batchSize: 50, leaseMs: 60_000, stuckAfterMs: 60_000, maxAttempts: 5 };
  const worker = (over: Partial<OutboxWorkerOptions> = {}, hooks: OutboxWorkerHooks = {}) =>
    new OutboxWorker(ds, chain.context, registry, { ...options, ...over }, undefined, hooks);
  const nonceOf = (r: ChainRole) => chain.provider.getTransactionCount(chain.context.addresses[r], 'latest');
  const attemptsOf = (jobId: string) => ds.getRepository(ChainTxAttemptEntity).findBy({ jobId });
  const reload = (id: string) => ds.getRepository(ChainJobEntity).findOneByOrFail({ id });

  /** An anchor job (anchorer's key) and an identity registration (registrar's key), committed together. */
  const enqueuePair = () =>
    ds.transaction(async (m) => {
      const batchId = bytes32();
      const anchor = await jobs.enqueue(m, {
        kind: ANCHOR_ROOT_JOB,
        idempotencyKey: `anchor:${batchId}`,
        payload: { batchId, root: bytes32() },
      });
      const wallet = Wallet.createRandom().address;
      const register = await jobs.enqueue(m, { kind: REGISTER_JOB, idempotencyKey: `register:${wallet}`, payload: { wallet } });
      return { anchor, register };
    });

  beforeAll(async () => {
    db = await createTestDatabase();
    ds = await migratedDataSource(db.url, 10);
    chain = await startTestChain();
    registry = new ChainJobHandlerRegistry();
    contracts = new ContractRegistry(ds, chain.context, { autoDeploy: true });
    await contracts.initialise({ autoDeploy: true });
    new AnchorRootJobHandler(registry, contracts).onModuleInit();
    registry.register({
      kind: REGISTER_JOB,
      buildCall: async (job) => ({
        to: contracts.address('IdentityRegistry'),
        data: IdentityRegistryInterface.encodeFunctionData('register', [job.payload.wallet as string, '0x4445', 4_102_444_800n]),
        signer: ChainRole.REGISTRAR,
      }),
    });
    jobs = new ChainJobsService(ds, registry, chain.context);
  });

  afterAll(async () => {
    await ds?.destroy();
    await chain?.stop();
    await db?.drop();
  });

  it("signs each job of a tick with its role's key, nonces from that key's own sequence", async () => {
    const [anchorerBefore, registrarBefore, adminBefore] = await Promise.all([
      nonceOf(ChainRole.ANCHORER),
      nonceOf(ChainRole.REGISTRAR),
      nonceOf(ChainRole.ADMIN),
    ]);
    const pairs = [await enqueuePair(), await enqueuePair(), await enqueuePair()];
    const ids = pairs.flatMap((p) => [p.anchor.id, p.register.id]);
    const done = await worker().drain(ids);
    expect(done.every((j) => j.status === ChainJobStatus.CONFIRMED)).toBe(true);
    const rows = await ds.getRepository(ChainJobEntity).findBy({ id: In(ids) });
    const anchors = rows.filter((j) => j.kind === ANCHOR_ROOT_JOB);
    const registrations = rows.filter((j) => j.kind === REGISTER_JOB);
    expect(anchors.every((j) => j.signerRole === ChainRole.ANCHORER && j.fromAddress === chain.context.addresses[ChainRole.ANCHORER])).toBe(
      true,
    );
    expect(
      registrations.every((j) => j.signerRole === ChainRole.REGISTRAR && j.fromAddress === chain.context.addresses[ChainRole.REGISTRAR]),
    ).toBe(true);
    // consecutive nonces per key, no gap: each key's sequence advanced by its own jobs only
    expect(anchors.map((j) => Number(j.nonce)).sort((a, b) => a - b)).toEqual([0, 1, 2].map((i) => anchorerBefore + i));
    expect(registrations.map((j) => Number(j.nonce)).sort((a, b) => a - b)).toEqual([0, 1, 2].map((i) => registrarBefore + i));
    expect(await nonceOf(ChainRole.ANCHORER)).toBe(anchorerBefore + 3);
    expect(await nonceOf(ChainRole.REGISTRAR)).toBe(registrarBefore + 3);
    expect(await nonceOf(ChainRole.ADMIN)).toBe(adminBefore);
    for (const j of rows) expect((await chain.provider.getTransaction(j.txHash!))!.from).toBe(j.fromAddress);
  });

  it("re-signs a job only when its own key's nonce went to another transaction, never for another key's", async () => {
    const { anchor, register } = await enqueuePair();
    const dying = worker({ leaseMs: 1_000 }, { afterPersist: () => Promise.reject(new SimulatedCrash('killed after persist')) });
    await expect(dying.tick()).rejects.toThrow(SimulatedCrash);
    const [a, r] = await Promise.all([reload(anchor.id), reload(register.id)]);
    expect(a).toMatchObject({ status: ChainJobStatus.SUBMITTED, signerRole: ChainRole.ANCHORER });
    expect(r).toMatchObject({ status: ChainJobStatus.SUBMITTED, signerRole: ChainRole.REGISTRAR });
    // the anchorer's key spends its reserved nonce elsewhere (a manual transaction); the anchorer's
    // count now passes the registrar job's nonce too, but that nonce is of another sequence
    const anchorer = chain.context.signers[ChainRole.ANCHORER];
    await (await anchorer.sendTransaction({ to: await anchorer.getAddress(), value: 0n, nonce: Number(a.nonce) })).wait();
    await (await anchorer.sendTransaction({ to: await anchorer.getAddress(), value: 0n, nonce: Number(a.nonce) + 1 })).wait();
    expect(BigInt(await nonceOf(ChainRole.ANCHORER))).toBeGreaterThan(r.nonce!);
    await sleep(1_100); // the dead worker's lease runs out
    const registrarBefore = await nonceOf(ChainRole.REGISTRAR);

    const done = await worker().drain([anchor.id, register.id]);
    expect(done.every((j) => j.status === ChainJobStatus.CONFIRMED)).toBe(true);
    // the registration went out with the very bytes signed before the crash (its nonce was free)
    const registerAttempts = await attemptsOf(register.id);
    expect(registerAttempts).toHaveLength(1);
    expect((await reload(register.id)).txHash).toBe(r.txHash);
    expect(await nonceOf(ChainRole.REGISTRAR)).toBe(registrarBefore + 1);
    // the anchor job was signed anew, with the anchorer's next nonce, and mined once
    const anchorAttempts = await attemptsOf(anchor.id);
    expect(anchorAttempts).toHaveLength(2);
    const final = await reload(anchor.id);
    expect(final.nonce).toBe(a.nonce! + 2n);
    expect(final.txHash).not.toBe(a.txHash);
    expect(await chain.provider.getTransactionReceipt(a.txHash!)).toBeNull();
  });
});
