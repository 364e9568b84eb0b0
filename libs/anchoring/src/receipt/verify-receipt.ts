import { leafHash, processProof } from '../merkle/merkle-proof.js';
import type { AnchorReceipt } from './anchor-receipt.js';

/** Why a verification failed (or `NOT_SUBMITTED` / `NOT_YET_ANCHORED` when there is nothing to verify yet). */
export enum VerificationFailure {
  /** Not a SHA-256 (64 hex digits). */
  MALFORMED = 'MALFORMED',
  NOT_SUBMITTED = 'NOT_SUBMITTED',
  NOT_YET_ANCHORED = 'NOT_YET_ANCHORED',
  DOCUMENT_MISMATCH = 'DOCUMENT_MISMATCH',
  LEAF_MISMATCH = 'LEAF_MISMATCH',
  PROOF_INVALID = 'PROOF_INVALID',
  CHAIN_MISMATCH = 'CHAIN_MISMATCH',
  CONTRACT_NOT_FOUND = 'CONTRACT_NOT_FOUND',
  ROOT_NOT_ANCHORED = 'ROOT_NOT_ANCHORED',
  BATCH_MISMATCH = 'BATCH_MISMATCH',
  BLOCK_MISMATCH = 'BLOCK_MISMATCH',
  TX_MISMATCH = 'TX_MISMATCH',
  PROOF_REJECTED_ON_CHAIN = 'PROOF_REJECTED_ON_CHAIN',
  CHAIN_UNREACHABLE = 'CHAIN_UNREACHABLE',
}

export interface VerificationCheck {
  check: string;
  ok: boolean;
  detail: string;
}

export interface ChainAnchoring {
  /** The root anchored under the batch id (zero hash when none). */
  root: string;
  /** Seconds; 0 when not anchored. */
  anchoredAt: number;
  blockNumber: number;
}

export interface AnchoringTx {
  status: number;
  blockNumber: number;
  /** RootAnchored events of the transaction, by emitting contract. */
  anchored: { contract: string; batchId: string; root: string; anchoredAt: number }[];
}

/** What verification needs from a chain: any JSON-RPC node will do (see EthersAnchorReader). */
export interface AnchorChainReader {
  chainId(): Promise<number>;
  hasCode(address: string): Promise<boolean>;
  batchOf(contract: string, batchId: string): Promise<ChainAnchoring>;
  rootAnchoredAt(contract: string, root: string): Promise<number>;
  /** `DocumentAnchor.verify(root, proof, documentHash)`: the contract computes the leaf and runs MerkleProof.sol. */
  verifyOnChain(contract: string, root: string, proof: string[], documentHash: string): Promise<boolean>;
  anchoringTx(txHash: string): Promise<AnchoringTx | null>;
}

export interface ReceiptVerification {
  ok: boolean;
  code?: VerificationFailure;
  reason?: string;
  checks: VerificationCheck[];
  /** From the chain (the contract's record), when the root was found there. */
  anchoredAt?: string;
  blockNumber?: number;
}

class Failed extends Error {
  constructor(
    readonly code: VerificationFailure,
    message: string,
  ) {
    super(message);
  }
}

const short = (h: string) => (h.length > 18 ? `${h.slice(0, 10)}…${h.slice(-6)}` : h);
const same = (a: string, b: string) => a.toLowerCase() === b.toLowerCase();

/**
 * The offline part: the document (when given) is the receipt's, and the proof leads from its leaf
 * to the receipt's root. Pure: no chain, no network.
 */
export function checkProof(receipt: AnchorReceipt, documentSha256?: string): ReceiptVerification {
  const checks: VerificationCheck[] = [];
  try {
    if (documentSha256 !== undefined) {
      if (!same(documentSha256, receipt.documentHash)) {
        throw new Failed(
          VerificationFailure.DOCUMENT_MISMATCH,
          `The document's SHA-256 ${documentSha256} is not the receipt's documentHash ${receipt.documentHash}: this is not the anchored document (it was changed, or it is another one)`,
        );
      }
      checks.push({ check: 'document', ok: true, detail: `SHA-256 ${documentSha256} matches the receipt` });
    }
    const leaf = leafHash(receipt.documentHash);
    if (!same(leaf, receipt.leaf)) {
      throw new Failed(
        VerificationFailure.LEAF_MISMATCH,
        `The receipt's leaf ${receipt.leaf} is not keccak256(keccak256(abi.encode(documentHash))) = ${leaf}`,
      );
    }
    const computed = processProof(leaf, receipt.proof);
    if (!same(computed, receipt.root)) {
      throw new Failed(
        VerificationFailure.PROOF_INVALID,
        `The Merkle proof leads from the document's leaf to ${computed}, not to the receipt's root ${receipt.root}`,
      );
    }
    checks.push({ check: 'proof', ok: true, detail: `the proof (${receipt.proof.length} hashes) leads to root ${receipt.root}` });
    return { ok: true, checks };
  } catch (err) {
    return failed(err, checks);
  }
}

export interface ChainCheckOptions {
  /** Also ask `DocumentAnchor.verify` (MerkleProof.sol) on chain; one more call per document. */
  onChainProof?: boolean;
  /** Also check the anchoring transaction's receipt and events; one more call per batch. */
  checkTransaction?: boolean;
}

/** The online part: the receipt's root is anchored on its chain, in its contract, batch, block and transaction. */
export async function checkChain(
  receipt: AnchorReceipt,
  reader: AnchorChainReader,
  options: ChainCheckOptions = {},
): Promise<ReceiptVerification> {
  const checks: VerificationCheck[] = [];
  try {
    const chainId = await reach(() => reader.chainId());
    if (chainId !== receipt.chainId) {
      throw new Failed(
        VerificationFailure.CHAIN_MISMATCH,
        `The receipt is for chain ${receipt.chainId}, but the node answers for chain ${chainId}: ask a node of chain ${receipt.chainId}`,
      );
    }
    checks.push({ check: 'chain', ok: true, detail: `the node is on chain ${chainId}` });
    if (!(await reach(() => reader.hasCode(receipt.contract)))) {
      throw new Failed(VerificationFailure.CONTRACT_NOT_FOUND, `There is no contract at ${receipt.contract} on chain ${chainId}`);
    }
    const anchoredAt = await reach(() => reader.rootAnchoredAt(receipt.contract, receipt.root));
    if (anchoredAt === 0) {
      throw new Failed(
        VerificationFailure.ROOT_NOT_ANCHORED,
        `Root ${receipt.root} is not anchored in DocumentAnchor ${receipt.contract} on chain ${chainId}`,
      );
    }
    const batch = await reach(() => reader.batchOf(receipt.contract, receipt.batchId));
    if (!same(batch.root, receipt.root)) {
      throw new Failed(
        VerificationFailure.BATCH_MISMATCH,
        `Batch ${receipt.batchId} holds root ${batch.root} on chain, not the receipt's root ${receipt.root}`,
      );
    }
    const at = new Date(batch.anchoredAt * 1000).toISOString();
    if (batch.blockNumber !== receipt.blockNumber || batch.anchoredAt !== receipt.blockTimestamp) {
      throw new Failed(
        VerificationFailure.BLOCK_MISMATCH,
        `The receipt says block ${receipt.blockNumber} at ${receipt.blockTimestamp}; the contract recorded block ${batch.blockNumber} at ${batch.anchoredAt} (${at})`,
      );
    }
    checks.push({
      check: 'anchoring',
      ok: true,
      detail: `root anchored in block ${batch.blockNumber} at ${at} (contract ${receipt.contract})`,
    });
    if (options.checkTransaction ?? true) {
      const tx = await reach(() => reader.anchoringTx(receipt.txHash));
      const event = tx?.anchored.find(
        (e) => same(e.contract, receipt.contract) && same(e.root, receipt.root) && same(e.batchId, receipt.batchId),
      );
      if (!tx || tx.status !== 1 || tx.blockNumber !== receipt.blockNumber || !event) {
        const why = !tx
          ? 'the node does not know it'
          : tx.status !== 1
            ? 'it reverted'
            : tx.blockNumber !== receipt.blockNumber
              ? `it is in block ${tx.blockNumber}, not ${receipt.blockNumber}`
              : 'it emitted no RootAnchored event for this batch and root';
        throw new Failed(VerificationFailure.TX_MISMATCH, `Transaction ${receipt.txHash} is not the anchoring of this root: ${why}`);
      }
      checks.push({
        check: 'transaction',
        ok: true,
        detail: `transaction ${short(receipt.txHash)} emitted RootAnchored(${short(receipt.batchId)}, ${short(receipt.root)})`,
      });
    }
    if (options.onChainProof) {
      if (!(await reach(() => reader.verifyOnChain(receipt.contract, receipt.root, receipt.proof, receipt.documentHash)))) {
        throw new Failed(
          VerificationFailure.PROOF_REJECTED_ON_CHAIN,
          `DocumentAnchor.verify (MerkleProof.sol) rejected the proof on chain ${chainId}`,
        );
      }
      checks.push({ check: 'on-chain proof', ok: true, detail: 'DocumentAnchor.verify (MerkleProof.sol) accepted the proof' });
    }
    return { ok: true, checks, anchoredAt: at, blockNumber: batch.blockNumber };
  } catch (err) {
    return failed(err, checks);
  }
}

/** Both parts: what the CLI, the API and the portal report. */
export async function verifyReceipt(
  receipt: AnchorReceipt,
  reader: AnchorChainReader,
  options: ChainCheckOptions & { documentSha256?: string } = {},
): Promise<ReceiptVerification> {
  const offline = checkProof(receipt, options.documentSha256);
  if (!offline.ok) return offline;
  const online = await checkChain(receipt, reader, options);
  return { ...online, checks: [...offline.checks, ...online.checks] };
}

async function reach<T>(call: () => Promise<T>): Promise<T> {
  try {
    return await call();
  } catch (err) {
    throw new Failed(
      VerificationFailure.CHAIN_UNREACHABLE,
      `The chain could not be asked: ${err instanceof Error ? err.message.split('\n')[0] : String(err)}`,
    );
  }
}

function failed(err: unknown, checks: VerificationCheck[]): ReceiptVerification {
  if (!(err instanceof Failed)) throw err;
  return {
    ok: false,
    code: err.code,
    reason: err.message,
    checks: [...checks, { check: checkOf(err.code), ok: false, detail: err.message }],
  };
}

function checkOf(code: VerificationFailure): string {
  switch (code) {
    case VerificationFailure.DOCUMENT_MISMATCH:
      return 'document';
    case VerificationFailure.LEAF_MISMATCH:
    case VerificationFailure.PROOF_INVALID:
      return 'proof';
    case VerificationFailure.CHAIN_MISMATCH:
    case VerificationFailure.CHAIN_UNREACHABLE:
      return 'chain';
    case VerificationFailure.TX_MISMATCH:
      return 'transaction';
    case VerificationFailure.PROOF_REJECTED_ON_CHAIN:
      return 'on-chain proof';
    default:
      return 'anchoring';
  }
}
