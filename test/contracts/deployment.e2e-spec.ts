import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { Contract, keccak256, NonceManager, type ContractTransactionResponse, type InterfaceAbi } from 'ethers';
import type { DataSource } from 'typeorm';
import { CHAIN_ROLES, ChainJobStatus, ChainRole, ContractRegistry, currencyBytes3, DEPLOYMENT_PLANS, OPERATIONAL_ROLES, SETTLEMENT_CURRENCIES } from '#chain';
import { BillDvPAbi, BillRegistryAbi, SettlementTokenAbi } from '#contracts';
import { createTestDatabase, migratedDataSource, type TestDatabase } from '../support/database.js';
import { startTestChain, type TestChain } from '../support/chain.js';

const role = (name: string) => keccak256(Buffer.from(name));

/**
 * The boot-time deployment: every contract and its setup calls sent as one pipeline with
 * predicted addresses (a constructor or a setup call names a contract of the same pipeline
 * before it exists). Checked on a real anvil: the wiring is what the plans say, a contract whose
 * code is gone is deployed again alone and wired to the ones still there, and a start that finds
 * everything sends nothing.
 */
describe('ContractRegistry deployment pipeline', () => {
  let db: TestDatabase;
  let ds: DataSource;
  let chain: TestChain;
  let first: ContractRegistry;

  const at = (address: string, abi: InterfaceAbi) => new Contract(address, abi, chain.provider);
  const key = (r: ChainRole) => chain.context.addresses[r];
  /** The admin key deploys; it is the only key that sends anything at deployment. */
  const adminNonce = () => chain.provider.getTransactionCount(key(ChainRole.ADMIN));
  /** Which role each key holds on a contract, as `role@key` strings. */
  async function holders(address: string, roles: string[]): Promise<string[]> {
    const c = at(address, BillRegistryAbi);
    const out: string[] = [];
    for (const r of roles) for (const k of CHAIN_ROLES) if (await c.hasRole(role(r), key(k))) out.push(`${r}@${k}`);
    return out;
  }

  async function expectWired(c: ContractRegistry): Promise<void> {
    const a = (name: string) => c.address(name);
    for (const plan of DEPLOYMENT_PLANS) expect(await chain.provider.getCode(a(plan.name))).not.toBe('0x');
    // each operational role on its own key only, the admin key with DEFAULT_ADMIN_ROLE (2-day delay) and nothing else
    const adminRole = '0x' + '00'.repeat(32);
    for (const plan of DEPLOYMENT_PLANS) {
      const contract = at(a(plan.name), BillRegistryAbi);
      expect(await contract.defaultAdmin()).toBe(key(ChainRole.ADMIN));
      expect(await contract.defaultAdminDelay()).toBe(2n * 86_400n);
      const roles = OPERATIONAL_ROLES.filter((r) => r.contract === plan.name);
      expect(await holders(a(plan.name), roles.map((r) => r.role))).toEqual(roles.map((r) => `${r.role}@${r.holder}`));
      for (const k of CHAIN_ROLES) expect(await contract.hasRole(adminRole, key(k))).toBe(k === ChainRole.ADMIN);
    }
    expect(await holders(a('DocumentAnchor'), ['ANCHORER_ROLE'])).toEqual(['ANCHORER_ROLE@anchorer']);
    expect(await holders(a('IdentityRegistry'), ['REGISTRAR_ROLE'])).toEqual(['REGISTRAR_ROLE@registrar']);
    const bills = at(a('BillRegistry'), BillRegistryAbi);
    expect(await bills.identityRegistry()).toBe(a('IdentityRegistry'));
    expect(await holders(a('BillRegistry'), ['AGENT_ROLE'])).toEqual(['AGENT_ROLE@bill-operator']);
    expect(await bills.hasRole(role('AGENT_ROLE'), a('BillDvP'))).toBe(true);
    const dvp = at(a('BillDvP'), BillDvPAbi);
    expect(await dvp.billRegistry()).toBe(a('BillRegistry'));
    expect(await holders(a('BillDvP'), ['AGENT_ROLE'])).toEqual(['AGENT_ROLE@bill-operator']);
    for (const currency of SETTLEMENT_CURRENCIES) {
      const token = at(a(`SettlementToken.${currency}`), SettlementTokenAbi);
      expect(await token.identityRegistry()).toBe(a('IdentityRegistry'));
      expect(await holders(a(`SettlementToken.${currency}`), ['SETTLEMENT_AGENT_ROLE', 'DVP_ROLE'])).toEqual(['SETTLEMENT_AGENT_ROLE@settlement-agent']);
      expect(await token.hasRole(role('DVP_ROLE'), a('BillDvP'))).toBe(true);
      expect(await dvp.settlementTokenOf(currencyBytes3(currency))).toBe(a(`SettlementToken.${currency}`));
    }
  }

  beforeAll(async () => {
    db = await createTestDatabase();
    ds = await migratedDataSource(db.url);
    chain = await startTestChain({ blockTimeSec: 1 });
  });

  afterAll(async () => {
    await ds?.destroy();
    await chain?.stop();
    await db?.drop();
  });

  it('deploys every planned contract on a fresh chain, wired as the plans say', async () => {
    first = new ContractRegistry(ds, chain.context, { autoDeploy: true });
    await first.initialise({ autoDeploy: true });
    expect(first.list().map((c) => c.name)).toEqual(DEPLOYMENT_PLANS.map((p) => p.name));
    await expectWired(first);
    const any = key(ChainRole.ADMIN);
    const setupCalls = DEPLOYMENT_PLANS.reduce((n, p) => n + p.setup(any, { keys: chain.context.addresses, address: () => any }).length, 0);
    expect(await adminNonce()).toBe(DEPLOYMENT_PLANS.length + setupCalls);
    for (const k of CHAIN_ROLES.filter((r) => r !== ChainRole.ADMIN)) expect(await chain.provider.getTransactionCount(key(k))).toBe(0);
  });

  it('sends nothing when everything is deployed', async () => {
    const nonce = await adminNonce();
    const again = new ContractRegistry(ds, chain.context, { autoDeploy: true });
    await again.initialise({ autoDeploy: true });
    expect(again.list()).toEqual(first.list());
    expect(await adminNonce()).toBe(nonce);
  });

  it('deploys a contract whose code is gone again, alone, wired to the contracts still there', async () => {
    const oldDvp = first.address('BillDvP');
    await chain.provider.send('anvil_setCode', [oldDvp, '0x']);
    const again = new ContractRegistry(ds, chain.context, { autoDeploy: true });
    await again.initialise({ autoDeploy: true });
    expect(again.address('BillDvP')).not.toBe(oldDvp);
    for (const c of first.list().filter((c) => c.name !== 'BillDvP')) expect(again.address(c.name)).toBe(c.address);
    await expectWired(again);
  });
  it('moves the roles of a one-key deployment to their keys at start, and keeps a role the admin key still has a job in flight for', async () => {
    // the contracts as they are now (the previous test deployed BillDvP again)
    const now = new ContractRegistry(ds, chain.context, { autoDeploy: true });
    await now.initialise({ autoDeploy: true });
    // the layout of an earlier TALLY_HOME: the one operator key (now the admin key) holds every role
    // (sent together with consecutive nonces: the chain mines a block a second)
    const admin = new NonceManager(chain.context.signers[ChainRole.ADMIN]);
    const sent: ContractTransactionResponse[] = [];
    for (const r of OPERATIONAL_ROLES) {
      const c = new Contract(now.address(r.contract), BillRegistryAbi, admin);
      sent.push(await c.grantRole!(role(r.role), key(ChainRole.ADMIN), { gasLimit: 200_000n }));
      sent.push(await c.revokeRole!(role(r.role), key(r.holder), { gasLimit: 200_000n }));
    }
    for (const receipt of await Promise.all(sent.map((tx) => tx.wait()))) expect(receipt!.status).toBe(1);
    expect(await holders(now.address('DocumentAnchor'), ['ANCHORER_ROLE'])).toEqual(['ANCHORER_ROLE@admin']);
    // an anchor job the old key signed is still in flight: its transaction would revert without the role
    await ds.query(
      `INSERT INTO chain_jobs (idempotency_key, kind, payload, status, chain_id, from_address, to_address, nonce, tx_hash, version)
       VALUES ('legacy-anchor', 'anchor.root', '{}', $1, $2, $3, $4, 0, '0x01', 1)`,
      [ChainJobStatus.SUBMITTED, chain.context.chainId, key(ChainRole.ADMIN), now.address('DocumentAnchor')],
    );
    const others = CHAIN_ROLES.filter((r) => r !== ChainRole.ADMIN);
    const othersBefore = await Promise.all(others.map((r) => chain.provider.getTransactionCount(key(r))));

    await new ContractRegistry(ds, chain.context, { autoDeploy: true }).initialise({ autoDeploy: true });
    expect(await holders(now.address('DocumentAnchor'), ['ANCHORER_ROLE'])).toEqual(['ANCHORER_ROLE@admin', 'ANCHORER_ROLE@anchorer']);
    for (const r of OPERATIONAL_ROLES.filter((x) => x.contract !== 'DocumentAnchor')) {
      expect(await holders(now.address(r.contract), [r.role])).toEqual([`${r.role}@${r.holder}`]);
    }

    // the job is final: the next start takes the last operational role off the admin key
    await ds.query(`UPDATE chain_jobs SET status = $1 WHERE idempotency_key = 'legacy-anchor'`, [ChainJobStatus.CONFIRMED]);
    const registry = new ContractRegistry(ds, chain.context, { autoDeploy: true });
    await registry.initialise({ autoDeploy: true });
    await expectWired(registry);
    // only the admin key signed the grants and revocations
    expect(await Promise.all(others.map((r) => chain.provider.getTransactionCount(key(r))))).toEqual(othersBefore);
  }, 180_000);
});
