import { describe, expect, it } from '@jest/globals';
import { createHash } from 'node:crypto';
import { chainBatchIdOf, batchUuidOf } from '../batch/batch-id.util.js';
import { buildMerkleTree } from '../merkle/merkle-tree.js';
import { leafHash } from '../merkle/merkle-proof.js';
import { parseReceipt, RECEIPT_FORMAT, type AnchorReceipt } from './anchor-receipt.js';
import { checkProof, verifyReceipt, VerificationFailure, type AnchorChainReader } from './verify-receipt.js';

const sha = (s: string) => '0x' + createHash('sha256').update(s).digest('hex');
const CONTRACT = '0x5FbDB2315678afecb367f032d93F642f64180aa3';

function receiptFor(values: string[], index: number): AnchorReceipt {
  const { tree, order } = buildMerkleTree(Buffer.concat(values.map((v) => Buffer.from(v.slice(2), 'hex'))));
  const p = order.indexOf(index);
  return {
    format: RECEIPT_FORMAT,
    documentHash: values[index]!,
    leafEncoding: ['bytes32'],
    leaf: leafHash(values[index]!),
    leafIndex: p,
    leafCount: values.length,
    proof: tree.proof(p),
    root: tree.root,
    batchId: chainBatchIdOf('0f8fad5b-d9cb-469f-a165-70867728950e'),
    chainId: 31337,
    contract: CONTRACT,
    txHash: sha('tx'),
    blockNumber: 7,
    blockTimestamp: 1_700_000_000,
    anchoredAt: new Date(1_700_000_000_000).toISOString(),
  };
}

/** A chain that anchored exactly `receipt` (overridable per test). */
function chainOf(r: AnchorReceipt, over: Partial<AnchorChainReader> = {}): AnchorChainReader {
  return {
    chainId: async () => 31337,
    hasCode: async () => true,
    rootAnchoredAt: async (_c, root) => (root === r.root ? r.blockTimestamp : 0),
    batchOf: async () => ({ root: r.root, anchoredAt: r.blockTimestamp, blockNumber: r.blockNumber }),
    verifyOnChain: async () => true,
    anchoringTx: async () => ({
      status: 1,
      blockNumber: r.blockNumber,
      anchored: [{ contract: CONTRACT, batchId: r.batchId, root: r.root, anchoredAt: r.blockTimestamp }],
    }),
    ...over,
  };
}

describe('verifyReceipt (with a stand-in chain)', () => {
  const values = ['a', 'b', 'c', 'd', 'e'].map(sha);
  const r = receiptFor(values, 2);

  it('verifies a receipt, its document and its chain facts', async () => {
    const v = await verifyReceipt(r, chainOf(r), { documentSha256: values[2], onChainProof: true });
    expect(v).toMatchObject({ ok: true, blockNumber: 7, anchoredAt: '2023-11-14T22:13:20.000Z' });
  });

  const cases: [string, { documentSha256?: string; onChainProof?: boolean }, Partial<AnchorChainReader>, VerificationFailure][] = [
    ['another document', { documentSha256: values[3] }, {}, VerificationFailure.DOCUMENT_MISMATCH],
    ['a wrong chain', {}, { chainId: async () => 1 }, VerificationFailure.CHAIN_MISMATCH],
    ['no contract', {}, { hasCode: async () => false }, VerificationFailure.CONTRACT_NOT_FOUND],
    ['a root not on chain', {}, { rootAnchoredAt: async () => 0 }, VerificationFailure.ROOT_NOT_ANCHORED],
    [
      'another root under the batch id',
      {},
      { batchOf: async () => ({ root: sha('x'), anchoredAt: 1, blockNumber: 7 }) },
      VerificationFailure.BATCH_MISMATCH,
    ],
    [
      'another block',
      {},
      { batchOf: async () => ({ root: r.root, anchoredAt: r.blockTimestamp, blockNumber: 8 }) },
      VerificationFailure.BLOCK_MISMATCH,
    ],
    ['an unknown transaction', {}, { anchoringTx: async () => null }, VerificationFailure.TX_MISMATCH],
    ['a proof refused on chain', { onChainProof: true }, { verifyOnChain: async () => false }, VerificationFailure.PROOF_REJECTED_ON_CHAIN],
    [
      'an unreachable node',
      {},
      { chainId: () => Promise.reject(new Error('connect ECONNREFUSED')) },
      VerificationFailure.CHAIN_UNREACHABLE,
    ],
  ];
  it.each(cases)('fails with %s', async (_what, options, chain, code) => {
    const v = await verifyReceipt(r, chainOf(r, chain), options);
    expect(v.ok).toBe(false);
    expect(v.code).toBe(code);
    expect(v.reason).toBeTruthy();
    expect(v.checks.at(-1)).toMatchObject({ ok: false, detail: v.reason });
  });

  it('fails a tampered proof, leaf or root offline', () => {
    expect(checkProof({ ...r, proof: [r.proof[1]!, r.proof[0]!, ...r.proof.slice(2)] }).code).toBe(VerificationFailure.PROOF_INVALID);
    expect(checkProof({ ...r, leaf: sha('other leaf') }).code).toBe(VerificationFailure.LEAF_MISMATCH);
    expect(checkProof({ ...r, root: sha('other root') }).code).toBe(VerificationFailure.PROOF_INVALID);
  });
});

describe('parseReceipt', () => {
  it('accepts a receipt and fixes its anchoredAt from blockTimestamp', () => {
    const r = receiptFor(['x', 'y'].map(sha), 0);
    const parsed = parseReceipt({ ...r, anchoredAt: 'whatever' });
    expect(parsed).toEqual({ ok: true, receipt: r });
  });

  it('lists every problem of a malformed receipt', () => {
    const parsed = parseReceipt({ format: 'x', documentHash: 'abc', proof: ['0x12'], chainId: -1, leafIndex: 3, leafCount: 2 });
    expect(parsed.ok).toBe(false);
    expect(!parsed.ok && parsed.problems).toEqual(
      expect.arrayContaining([
        'format must be "tally-anchor-receipt/1"',
        'documentHash must be 0x and 64 lower-case hex digits (a SHA-256)',
        'proof must be an array of 0x-prefixed 32-byte hex values',
        'chainId must be a positive integer',
        'leafIndex must be below leafCount',
        'contract must be a 0x-prefixed 20-byte address',
      ]),
    );
    expect(parseReceipt('not an object')).toEqual({ ok: false, problems: ['a receipt is a JSON object'] });
    expect(parseReceipt([1])).toEqual({ ok: false, problems: ['a receipt is a JSON object'] });
  });
});

describe('batch ids', () => {
  it('maps a batch uuid to its bytes32 on chain and back', () => {
    const id = '0f8fad5b-d9cb-469f-a165-70867728950e';
    expect(chainBatchIdOf(id)).toBe('0x000000000000000000000000000000000f8fad5bd9cb469fa16570867728950e');
    expect(batchUuidOf(chainBatchIdOf(id))).toBe(id);
    expect(batchUuidOf(sha('not a batch id'))).toBeNull();
    expect(() => chainBatchIdOf('nope')).toThrow('not a uuid');
  });
});
