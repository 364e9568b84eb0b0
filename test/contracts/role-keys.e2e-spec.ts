import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { encodeBytes32String, hexlify, id, isCallException, randomBytes, Wallet, type ContractTransactionResponse } from 'ethers';
import type { DataSource } from 'typeorm';
import {
  ChainJobEntity,
  ChainJobHandlerRegistry,
  ChainJobsService,
  ChainJobStatus,
  ChainRole,
  ContractRegistry,
  OutboxWorker,
  type ChainCall,
  type ChainJobHandler,
} from '#chain';
import {
  BillRegistryInterface,
  connectBillRegistry,
  connectDocumentAnchor,
  connectIdentityRegistry,
  connectSettlementToken,
  SettlementTokenInterface,
} from '#contracts';
import { createTestDatabase, migratedDataSource, type TestDatabase } from '../support/database.js';
import { startTestChain, type TestChain } from '../support/chain.js';

const DE = '0x4445';
const EUR = '0x455552';
const TEN_YEARS_SEC = 10n * 365n * 86_400n;
const ROLE = {
  REGISTRAR: id('REGISTRAR_ROLE'),
  ANCHORER: id('ANCHORER_ROLE'),
  SETTLEMENT_AGENT: id('SETTLEMENT_AGENT_ROLE'),
  AGENT: id('AGENT_ROLE'),
};
const bytes32 = () => hexlify(randomBytes(32));

/** The custom error a refused call reverts with (every Tally contract shares AccessControl's errors). */
async function revertOf(action: () => Promise<unknown>): Promise<{ name: string; args: unknown[] }> {
  try {
    await action();
  } catch (err) {
    if (isCallException(err) && err.data) {
      const parsed = BillRegistryInterface.parseError(err.data);
      if (parsed) return { name: parsed.name, args: [...parsed.args] };
    }
    throw err;
  }
  throw new Error('expected a revert, but the call succeeded');
}

const mined = async (tx: Promise<ContractTransactionResponse>) => {
  const receipt = await (await tx).wait();
  expect(receipt!.status).toBe(1);
};

/**
 * One key per contract role, on a real anvil with the contracts as the platform deploys them:
 * each role's key does its own work and nothing else; each refusal is AccessControl's
 * `AccessControlUnauthorizedAccount(key, missing role)`. Through the outbox, a job is signed by
 * the key its call names (and refused on chain when that key lacks the role).
 */
describe('one key per contract role (real anvil, platform deployment)', () => {
  let db: TestDatabase;
  let ds: DataSource;
  let chain: TestChain;
  let contracts: ContractRegistry;
  let holder: string;
  let other: string;
  const billId = bytes32();

  const key = (r: ChainRole) => chain.context.signers[r];
  const addr = (r: ChainRole) => chain.context.addresses[r];
  const token = (r: ChainRole) => connectSettlementToken(contracts.address('SettlementToken.EUR'), key(r));
  const bills = (r: ChainRole) => connectBillRegistry(contracts.address('BillRegistry'), key(r));
  const anchor = (r: ChainRole) => connectDocumentAnchor(contracts.address('DocumentAnchor'), key(r));
  const identity = (r: ChainRole) => connectIdentityRegistry(contracts.address('IdentityRegistry'), key(r));
  const refused = (r: ChainRole, missing: string) => ({ name: 'AccessControlUnauthorizedAccount', args: [addr(r), missing] });

  /** What each role could try that belongs to another role. */
  const attempts = {
    mint: (r: ChainRole) => token(r).mint(holder, 1_000n, encodeBytes32String(`mint-by-${r}`)),
    moveBill: (r: ChainRole) => bills(r).agentTransfer(billId, other),
    anchor: (r: ChainRole) => anchor(r).anchor(bytes32(), bytes32()),
    register: (r: ChainRole) => identity(r).register(Wallet.createRandom().address, DE, 4_102_444_800n),
  };

  beforeAll(async () => {
    db = await createTestDatabase();
    ds = await migratedDataSource(db.url);
    chain = await startTestChain();
    contracts = new ContractRegistry(ds, chain.context, { autoDeploy: true });
    await contracts.initialise({ autoDeploy: true });
    // each role does its own work: the registrar verifies two wallets, the bill operator issues a
    // bill to one, the settlement agent mints to it, the anchorer anchors a root
    const now = BigInt((await chain.provider.getBlock('latest'))!.timestamp);
    holder = Wallet.createRandom().address;
    other = Wallet.createRandom().address;
    await mined(identity(ChainRole.REGISTRAR).register(holder, DE, now + TEN_YEARS_SEC));
    await mined(identity(ChainRole.REGISTRAR).register(other, DE, now + TEN_YEARS_SEC));
    await mined(
      bills(ChainRole.BILL_OPERATOR).issue(billId, holder, Wallet.createRandom().address, 50_000n, EUR, now + 86_400n, bytes32()),
    );
    await mined(token(ChainRole.SETTLEMENT_AGENT).mint(holder, 10_000n, encodeBytes32String('deposit-1')));
    await mined(anchor(ChainRole.ANCHORER).anchor(bytes32(), bytes32()));
  }, 120_000);

  afterAll(async () => {
    await ds?.destroy();
    await chain?.stop();
    await db?.drop();
  });

  it("the anchorer's key cannot mint settlement tokens or move a bill", async () => {
    expect(await revertOf(() => attempts.mint(ChainRole.ANCHORER))).toEqual(refused(ChainRole.ANCHORER, ROLE.SETTLEMENT_AGENT));
    expect(await revertOf(() => attempts.moveBill(ChainRole.ANCHORER))).toEqual(refused(ChainRole.ANCHORER, ROLE.AGENT));
    expect(await revertOf(() => attempts.register(ChainRole.ANCHORER))).toEqual(refused(ChainRole.ANCHORER, ROLE.REGISTRAR));
  });

  it("the bill operator's key cannot mint or anchor", async () => {
    expect(await revertOf(() => attempts.mint(ChainRole.BILL_OPERATOR))).toEqual(refused(ChainRole.BILL_OPERATOR, ROLE.SETTLEMENT_AGENT));
    expect(await revertOf(() => attempts.anchor(ChainRole.BILL_OPERATOR))).toEqual(refused(ChainRole.BILL_OPERATOR, ROLE.ANCHORER));
    expect(await revertOf(() => attempts.register(ChainRole.BILL_OPERATOR))).toEqual(refused(ChainRole.BILL_OPERATOR, ROLE.REGISTRAR));
  });

  it("the settlement agent's key cannot move a bill or register identities", async () => {
    expect(await revertOf(() => attempts.moveBill(ChainRole.SETTLEMENT_AGENT))).toEqual(refused(ChainRole.SETTLEMENT_AGENT, ROLE.AGENT));
    expect(await revertOf(() => attempts.register(ChainRole.SETTLEMENT_AGENT))).toEqual(
      refused(ChainRole.SETTLEMENT_AGENT, ROLE.REGISTRAR),
    );
    expect(await revertOf(() => attempts.anchor(ChainRole.SETTLEMENT_AGENT))).toEqual(refused(ChainRole.SETTLEMENT_AGENT, ROLE.ANCHORER));
  });

  it("the registrar's key and the admin key hold no operational role either", async () => {
    expect(await revertOf(() => attempts.mint(ChainRole.REGISTRAR))).toEqual(refused(ChainRole.REGISTRAR, ROLE.SETTLEMENT_AGENT));
    expect(await revertOf(() => attempts.moveBill(ChainRole.REGISTRAR))).toEqual(refused(ChainRole.REGISTRAR, ROLE.AGENT));
    expect(await revertOf(() => attempts.anchor(ChainRole.REGISTRAR))).toEqual(refused(ChainRole.REGISTRAR, ROLE.ANCHORER));
    // the admin grants (behind the 2-day delay for its own role), it does not operate
    expect(await revertOf(() => attempts.mint(ChainRole.ADMIN))).toEqual(refused(ChainRole.ADMIN, ROLE.SETTLEMENT_AGENT));
    expect(await revertOf(() => attempts.moveBill(ChainRole.ADMIN))).toEqual(refused(ChainRole.ADMIN, ROLE.AGENT));
    expect(await revertOf(() => attempts.anchor(ChainRole.ADMIN))).toEqual(refused(ChainRole.ADMIN, ROLE.ANCHORER));
    expect(await revertOf(() => attempts.register(ChainRole.ADMIN))).toEqual(refused(ChainRole.ADMIN, ROLE.REGISTRAR));
  });

  it('a refused call mined on chain changes nothing: the bill keeps its holder, the supply its total', async () => {
    const supply = await token(ChainRole.SETTLEMENT_AGENT).totalSupply();
    // sent with a gas limit (no simulation): mined, reverted, state untouched
    const tx = await bills(ChainRole.ANCHORER).agentTransfer(billId, other, { gasLimit: 200_000n });
    await expect(tx.wait()).rejects.toThrow();
    const mint = await token(ChainRole.ANCHORER).mint(holder, 1n, encodeBytes32String('mined-refusal'), { gasLimit: 200_000n });
    await expect(mint.wait()).rejects.toThrow();
    expect(await bills(ChainRole.BILL_OPERATOR).ownerOf(BigInt(billId))).toBe(holder);
    expect(await token(ChainRole.SETTLEMENT_AGENT).totalSupply()).toBe(supply);
  });

  it('the outbox signs each job with the key its call names: a mint named for the anchorer fails on chain, the settlement agent’s confirms', async () => {
    const registry = new ChainJobHandlerRegistry();
    const mintAs = (kind: string, signer: ChainRole): ChainJobHandler => ({
      kind,
      buildCall: async (job): Promise<ChainCall> => ({
        to: contracts.address('SettlementToken.EUR'),
        data: SettlementTokenInterface.encodeFunctionData('mint', [
          holder,
          BigInt(job.payload.amount as string),
          encodeBytes32String(job.payload.ref as string),
        ]),
        signer,
      }),
    });
    registry.register(mintAs('test.mint-as-anchorer', ChainRole.ANCHORER));
    registry.register(mintAs('test.mint-as-agent', ChainRole.SETTLEMENT_AGENT));
    const jobs = new ChainJobsService(ds, registry, chain.context);
    const before = await token(ChainRole.SETTLEMENT_AGENT).balanceOf(holder);
    const [wrong, right] = await ds.transaction((m) =>
      Promise.all([
        jobs.enqueue(m, { kind: 'test.mint-as-anchorer', idempotencyKey: 'mint-wrong', payload: { amount: '700', ref: 'outbox-wrong' } }),
        jobs.enqueue(m, { kind: 'test.mint-as-agent', idempotencyKey: 'mint-right', payload: { amount: '300', ref: 'outbox-right' } }),
      ]),
    );
    const worker = new OutboxWorker(ds, chain.context, registry, {
      pollMs: 20,
      batchSize: 10,
      leaseMs: 30_000,
      stuckAfterMs: 60_000,
      maxAttempts: 3,
    });
    await worker.drain([wrong!.id, right!.id]);
    const [w, r] = await Promise.all([wrong, right].map((j) => ds.getRepository(ChainJobEntity).findOneByOrFail({ id: j!.id })));
    // refused in simulation from the anchorer's key: no nonce spent, the reason names that key and the missing role
    expect(w).toMatchObject({ status: ChainJobStatus.FAILED, nonce: null });
    expect(w!.revertReason).toBe(`AccessControlUnauthorizedAccount(${addr(ChainRole.ANCHORER)}, ${ROLE.SETTLEMENT_AGENT})`);
    expect(r).toMatchObject({
      status: ChainJobStatus.CONFIRMED,
      signerRole: ChainRole.SETTLEMENT_AGENT,
      fromAddress: addr(ChainRole.SETTLEMENT_AGENT),
    });
    const tx = await chain.provider.getTransaction(r!.txHash!);
    expect(tx!.from).toBe(addr(ChainRole.SETTLEMENT_AGENT));
    expect(await token(ChainRole.SETTLEMENT_AGENT).balanceOf(holder)).toBe(before + 300n);
  });
});
