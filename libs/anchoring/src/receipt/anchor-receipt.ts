import { isBytes32 } from '../merkle/merkle-proof.js';

export const RECEIPT_FORMAT = 'tally-anchor-receipt/1';

/**
 * Everything needed to check, without Tally, that a document existed unchanged at a time: the
 * document's SHA-256 is a leaf (OpenZeppelin StandardMerkleTree, leaf encoding `['bytes32']`)
 * of the tree with `root`, and `root` was written to the DocumentAnchor `contract` on `chainId`
 * in `txHash` (block `blockNumber`, at `blockTimestamp` seconds).
 */
export interface AnchorReceipt {
  format: typeof RECEIPT_FORMAT;
  /** 0x-prefixed SHA-256 of the document (the `bytes32` leaf value). */
  documentHash: string;
  leafEncoding: ['bytes32'];
  /** keccak256(keccak256(abi.encode(documentHash))): the leaf `MerkleProof.verify` takes (DocumentAnchor.verify computes it from documentHash). */
  leaf: string;
  /** Position of the leaf among the batch's leaves sorted by hash (OpenZeppelin's order). */
  leafIndex: number;
  leafCount: number;
  proof: string[];
  root: string;
  /** The bytes32 batch id under which `root` was anchored. */
  batchId: string;
  chainId: number;
  contract: string;
  txHash: string;
  blockNumber: number;
  /** `block.timestamp` of the anchoring block, in seconds. */
  blockTimestamp: number;
  /** The same instant, ISO 8601 UTC, for people. */
  anchoredAt: string;
}

export type ParsedReceipt = { ok: true; receipt: AnchorReceipt } | { ok: false; problems: string[] };

const ADDRESS = /^0x[0-9a-fA-F]{40}$/;
const SHA256 = /^0x[0-9a-f]{64}$/;

/** Checks the shape of a receipt (what was parsed from a `receipt.json`), field by field. */
export function parseReceipt(input: unknown): ParsedReceipt {
  if (typeof input !== 'object' || input === null || Array.isArray(input)) return { ok: false, problems: ['a receipt is a JSON object'] };
  const r = input as Record<string, unknown>;
  const problems: string[] = [];
  const need = (ok: boolean, problem: string) => {
    if (!ok) problems.push(problem);
  };
  const uint = (v: unknown) => typeof v === 'number' && Number.isSafeInteger(v) && v >= 0;
  need(r.format === RECEIPT_FORMAT, `format must be "${RECEIPT_FORMAT}"`);
  need(
    typeof r.documentHash === 'string' && SHA256.test(r.documentHash),
    'documentHash must be 0x and 64 lower-case hex digits (a SHA-256)',
  );
  need(Array.isArray(r.leafEncoding) && r.leafEncoding.length === 1 && r.leafEncoding[0] === 'bytes32', 'leafEncoding must be ["bytes32"]');
  need(isBytes32(r.leaf), 'leaf must be a 0x-prefixed 32-byte hex value');
  need(uint(r.leafIndex), 'leafIndex must be a non-negative integer');
  need(uint(r.leafCount) && (r.leafCount as number) >= 1, 'leafCount must be a positive integer');
  need(uint(r.leafIndex) && uint(r.leafCount) && (r.leafIndex as number) < (r.leafCount as number), 'leafIndex must be below leafCount');
  need(
    Array.isArray(r.proof) && r.proof.length <= 64 && r.proof.every(isBytes32),
    'proof must be an array of 0x-prefixed 32-byte hex values',
  );
  need(isBytes32(r.root), 'root must be a 0x-prefixed 32-byte hex value');
  need(isBytes32(r.batchId), 'batchId must be a 0x-prefixed 32-byte hex value');
  need(uint(r.chainId) && (r.chainId as number) > 0, 'chainId must be a positive integer');
  need(typeof r.contract === 'string' && ADDRESS.test(r.contract), 'contract must be a 0x-prefixed 20-byte address');
  need(isBytes32(r.txHash), 'txHash must be a 0x-prefixed 32-byte hex value');
  need(uint(r.blockNumber), 'blockNumber must be a non-negative integer');
  need(uint(r.blockTimestamp), 'blockTimestamp must be a non-negative integer (seconds)');
  if (problems.length) return { ok: false, problems };
  return {
    ok: true,
    receipt: { ...(r as unknown as AnchorReceipt), anchoredAt: new Date((r.blockTimestamp as number) * 1000).toISOString() },
  };
}

/** The receipt with its keys in the documented order (so the same receipt gives the same bytes). */
export function canonicalReceipt(r: AnchorReceipt): AnchorReceipt {
  return {
    format: RECEIPT_FORMAT,
    documentHash: r.documentHash,
    leafEncoding: ['bytes32'],
    leaf: r.leaf,
    leafIndex: r.leafIndex,
    leafCount: r.leafCount,
    proof: [...r.proof],
    root: r.root,
    batchId: r.batchId,
    chainId: r.chainId,
    contract: r.contract,
    txHash: r.txHash,
    blockNumber: r.blockNumber,
    blockTimestamp: r.blockTimestamp,
    anchoredAt: new Date(r.blockTimestamp * 1000).toISOString(),
  };
}
