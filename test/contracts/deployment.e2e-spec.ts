import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { Contract, keccak256, type InterfaceAbi } from 'ethers';
import type { DataSource } from 'typeorm';
import { ContractRegistry, currencyBytes3, DEPLOYMENT_PLANS, SETTLEMENT_CURRENCIES } from '#chain';
import { BillDvPAbi, BillRegistryAbi, DocumentAnchorAbi, SettlementTokenAbi } from '#contracts';
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
  const operator = () => chain.context.operatorAddress;

  async function expectWired(c: ContractRegistry): Promise<void> {
    const a = (name: string) => c.address(name);
    for (const plan of DEPLOYMENT_PLANS) expect(await chain.provider.getCode(a(plan.name))).not.toBe('0x');
    expect(await at(a('DocumentAnchor'), DocumentAnchorAbi).hasRole(role('ANCHORER_ROLE'), operator())).toBe(true);
    const bills = at(a('BillRegistry'), BillRegistryAbi);
    expect(await bills.identityRegistry()).toBe(a('IdentityRegistry'));
    expect(await bills.hasRole(role('AGENT_ROLE'), operator())).toBe(true);
    expect(await bills.hasRole(role('AGENT_ROLE'), a('BillDvP'))).toBe(true);
    const dvp = at(a('BillDvP'), BillDvPAbi);
    expect(await dvp.billRegistry()).toBe(a('BillRegistry'));
    expect(await dvp.hasRole(role('AGENT_ROLE'), operator())).toBe(true);
    for (const currency of SETTLEMENT_CURRENCIES) {
      const token = at(a(`SettlementToken.${currency}`), SettlementTokenAbi);
      expect(await token.identityRegistry()).toBe(a('IdentityRegistry'));
      expect(await token.hasRole(role('SETTLEMENT_AGENT_ROLE'), operator())).toBe(true);
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
    const setupCalls = DEPLOYMENT_PLANS.reduce((n, p) => n + p.setup(operator(), { operator: operator(), address: () => operator() }).length, 0);
    expect(await chain.provider.getTransactionCount(operator())).toBe(DEPLOYMENT_PLANS.length + setupCalls);
  });

  it('sends nothing when everything is deployed', async () => {
    const nonce = await chain.provider.getTransactionCount(operator());
    const again = new ContractRegistry(ds, chain.context, { autoDeploy: true });
    await again.initialise({ autoDeploy: true });
    expect(again.list()).toEqual(first.list());
    expect(await chain.provider.getTransactionCount(operator())).toBe(nonce);
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
});
