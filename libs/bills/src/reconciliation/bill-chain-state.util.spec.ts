import { describe, expect, it } from '@jest/globals';
import { BillChainStatus, type BillEntity } from '../bills/bill.entity.js';
import { dateToUnix } from '../bills/bill-id.util.js';
import { BillState, Encumbrance } from '../bills/bill-state.js';
import { billDifferences, billRepair, expectedChainStatus, type ChainBill, type WalletLookup } from './bill-chain-state.util.js';

const SUPPLIER = '11111111-1111-4111-8111-111111111111';
const BANK = '22222222-2222-4222-8222-222222222222';
const SUPPLIER_WALLET = '0x1111111111111111111111111111111111111111';
const BANK_WALLET = '0x2222222222222222222222222222222222222222';
const STRANGER = '0x3333333333333333333333333333333333333333';
const FINGERPRINT = '0x' + 'ab'.repeat(32);
const NOW = new Date('2026-03-01T00:00:00Z');

const wallets: WalletLookup = {
  organizationOf: (a) => ({ [SUPPLIER_WALLET]: SUPPLIER, [BANK_WALLET]: BANK })[a.toLowerCase()] ?? null,
  walletsOf: (o) => ({ [SUPPLIER]: [SUPPLIER_WALLET], [BANK]: [BANK_WALLET] })[o] ?? [],
};

const bill = (over: Partial<BillEntity> = {}): BillEntity =>
  ({
    id: '33333333-3333-4333-8333-333333333333',
    holderOrgId: SUPPLIER,
    state: BillState.ACCEPTED,
    encumbrance: Encumbrance.NONE,
    chainStatus: BillChainStatus.ON_CHAIN,
    supersededAt: null,
    parentBillId: null,
    faceAmountMinor: 1_000_000n,
    currency: 'EUR',
    dueDate: '2026-06-01',
    fingerprint: FINGERPRINT,
    acceptedAt: new Date('2026-01-01T00:00:00Z'),
    paidAt: null,
    cancelReason: null,
    ...over,
  }) as BillEntity;

const token = (over: Partial<ChainBill> = {}): ChainBill => ({
  status: 'ACCEPTED',
  encumbrance: Encumbrance.NONE,
  holder: SUPPLIER_WALLET,
  amountMinor: 1_000_000n,
  currency: 'EUR',
  dueDateUnix: dateToUnix('2026-06-01'),
  fingerprint: FINGERPRINT,
  parent: null,
  ...over,
});

describe('bill ↔ token comparison', () => {
  it('finds nothing when the row and the token agree, OVERDUE and DEFAULTED being stages of ACCEPTED', () => {
    expect(billDifferences(bill(), token(), wallets)).toEqual([]);
    expect(billDifferences(bill({ state: BillState.OVERDUE }), token(), wallets)).toEqual([]);
    expect(billDifferences(bill({ state: BillState.DEFAULTED }), token(), wallets)).toEqual([]);
    expect(
      billDifferences(
        bill({ state: BillState.PAID, chainStatus: BillChainStatus.BURNED }),
        token({ status: 'PAID', holder: null }),
        wallets,
      ),
    ).toEqual([]);
    expect(
      billDifferences(bill({ supersededAt: NOW, chainStatus: BillChainStatus.BURNED }), token({ status: 'SPLIT', holder: null }), wallets),
    ).toEqual([]);
    expect(
      billDifferences(
        bill({ state: BillState.CANCELLED, chainStatus: BillChainStatus.NOT_ON_CHAIN, parentBillId: SUPPLIER }),
        token({ status: 'NONE', holder: null }),
        wallets,
      ),
    ).toEqual([]);
  });

  it('maps the database state to the on-chain status', () => {
    expect(expectedChainStatus(bill({ state: BillState.ISSUED }))).toBe('ISSUED');
    expect(expectedChainStatus(bill({ state: BillState.CANCELLED, chainStatus: BillChainStatus.BURNED }))).toBe('CANCELLED');
    expect(expectedChainStatus(bill({ chainStatus: BillChainStatus.PENDING }))).toBe('NONE');
  });

  it('reports the holder by organization and wallet, and repairs it from the wallet directory', () => {
    const row = bill({ holderOrgId: BANK });
    expect(billDifferences(row, token(), wallets)).toEqual([
      { field: 'holder', database: `${BANK} (${BANK_WALLET})`, chain: `${SUPPLIER_WALLET} (organization ${SUPPLIER})` },
    ]);
    expect(billRepair(row, token(), wallets, NOW)).toEqual({ holderOrgId: SUPPLIER });
  });

  it('reports a holder wallet no organization owns, and leaves the row as it is', () => {
    expect(billDifferences(bill(), token({ holder: STRANGER }), wallets).map((d) => d.field)).toEqual(['holder']);
    expect(billRepair(bill(), token({ holder: STRANGER }), wallets, NOW)).toEqual({});
  });

  it('takes encumbrance and lifecycle status from the chain', () => {
    const financedOnChain = token({ encumbrance: Encumbrance.FINANCED, holder: BANK_WALLET });
    expect(billRepair(bill(), financedOnChain, wallets, NOW)).toEqual({ encumbrance: Encumbrance.FINANCED, holderOrgId: BANK });
    // a repayment the chain does not have (reorged away): back to ACCEPTED and live
    const paidRow = bill({ state: BillState.PAID, chainStatus: BillChainStatus.BURNED, paidAt: NOW });
    expect(billDifferences(paidRow, token(), wallets).map((d) => d.field)).toEqual(['status', 'chainStatus']);
    expect(billRepair(paidRow, token(), wallets, NOW)).toEqual({
      state: BillState.ACCEPTED,
      chainStatus: BillChainStatus.ON_CHAIN,
      paidAt: null,
    });
    // an acceptance the chain does not have
    expect(billRepair(bill(), token({ status: 'ISSUED' }), wallets, NOW)).toEqual({ state: BillState.ISSUED, acceptedAt: null });
    // paid on chain, not in the database
    expect(billRepair(bill(), token({ status: 'PAID', holder: null }), wallets, NOW)).toEqual({
      state: BillState.PAID,
      chainStatus: BillChainStatus.BURNED,
      paidAt: NOW,
    });
  });

  it('marks a row whose token does not exist, and a split part of it cancelled', () => {
    const none = token({
      status: 'NONE',
      holder: null,
      amountMinor: 0n,
      currency: '',
      dueDateUnix: 0,
      fingerprint: '0x' + '00'.repeat(32),
    });
    expect(billDifferences(bill(), none, wallets)).toEqual([{ field: 'exists', database: 'ACCEPTED, ON_CHAIN', chain: 'no such bill' }]);
    expect(billRepair(bill(), none, wallets, NOW)).toEqual({ chainStatus: BillChainStatus.NOT_ON_CHAIN });
    expect(billRepair(bill({ parentBillId: SUPPLIER }), none, wallets, NOW)).toEqual({
      chainStatus: BillChainStatus.NOT_ON_CHAIN,
      state: BillState.CANCELLED,
      cancelReason: 'not on chain',
    });
  });

  it('reports different terms but never rewrites them', () => {
    const other = token({ amountMinor: 999n, currency: 'USD', dueDateUnix: dateToUnix('2026-07-01'), fingerprint: '0x' + 'cd'.repeat(32) });
    expect(billDifferences(bill(), other, wallets).map((d) => [d.field, d.chain])).toEqual([
      ['amount', '999'],
      ['currency', 'USD'],
      ['dueDate', '2026-07-01'],
      ['fingerprint', '0x' + 'cd'.repeat(32)],
    ]);
    expect(billRepair(bill(), other, wallets, NOW)).toEqual({});
  });
});
