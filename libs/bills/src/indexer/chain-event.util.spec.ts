import { describe, expect, it } from '@jest/globals';
import { BillDvPInterface, BillRegistryInterface } from '#contracts';
import { billIdBytes32 } from '../bills/bill-id.util.js';
import { billUuidOf, decodeChainEvent } from './chain-event.util.js';

const PARENT = '0b5c2f5e-53d4-4b8e-9d4c-3f1f5d1b7a01';
const CHILD_A = '1c6d3a6f-64e5-4c9f-8e5d-4a2a6e2c8b02';
const CHILD_B = '2d7e4b70-75f6-4da0-9f6e-5b3b7f3d9c03';
const HOLDER = '0x1111111111111111111111111111111111111111';

function log(iface: typeof BillRegistryInterface, name: string, args: unknown[]) {
  return iface.encodeEventLog(iface.getEvent(name)!, args);
}

describe('chain event decoding', () => {
  it('decodes a split with bigints as strings and names parent and parts', () => {
    const l = log(BillRegistryInterface, 'BillSplit', [
      billIdBytes32(PARENT),
      [billIdBytes32(CHILD_A), billIdBytes32(CHILD_B)],
      [600n, 400n],
    ]);
    expect(decodeChainEvent('BillRegistry', l)).toEqual({
      contractName: 'BillRegistry',
      eventName: 'BillSplit',
      args: { parentId: billIdBytes32(PARENT), childIds: [billIdBytes32(CHILD_A), billIdBytes32(CHILD_B)], amounts: ['600', '400'] },
      billIds: [PARENT, CHILD_A, CHILD_B],
    });
  });

  it('finds the bill of an ERC-721 Transfer by its token id, and of a DvP settlement', () => {
    const transfer = decodeChainEvent(
      'BillRegistry',
      log(BillRegistryInterface, 'Transfer', [HOLDER, HOLDER, BigInt(billIdBytes32(PARENT))]),
    );
    expect(transfer?.billIds).toEqual([PARENT]);
    expect(transfer?.args.tokenId).toBe(BigInt(billIdBytes32(PARENT)).toString());
    const settled = decodeChainEvent(
      'BillDvP',
      log(BillDvPInterface as typeof BillRegistryInterface, 'FinancingSettled', [
        billIdBytes32(CHILD_A),
        billIdBytes32(PARENT),
        HOLDER,
        HOLDER,
        123n,
      ]),
    );
    expect(settled).toMatchObject({ eventName: 'FinancingSettled', billIds: [PARENT], args: { price: '123' } });
  });

  it('does not take a bytes32 id Tally did not mint for a bill', () => {
    expect(billUuidOf('0x' + 'ff'.repeat(32))).toBeNull();
    expect(billUuidOf(BigInt(billIdBytes32(CHILD_B)))).toBe(CHILD_B);
  });
});
