import { Inject, Injectable } from '@nestjs/common';
import { CHAIN_CONTEXT, type ChainContext } from '#chain';
import { AnchoringErrorCode, AnchoringException } from './anchoring.errors.js';
import { AnchoringService } from './anchoring.service.js';
import { VERIFY_BATCH_MAX } from './anchoring.options.js';
import { LeafState } from './leaf/leaf-status.js';
import { normalizeSha256 } from './leaf/sha256.util.js';
import { parseReceipt, type AnchorReceipt } from './receipt/anchor-receipt.js';
import { CachingAnchorReader, EthersAnchorReader } from './receipt/ethers-anchor-reader.js';
import {
  checkChain,
  checkProof,
  VerificationFailure,
  type AnchorChainReader,
  type ReceiptVerification,
  type VerificationCheck,
} from './receipt/verify-receipt.js';

export type VerificationStatus = 'ANCHORED' | 'PENDING' | 'NOT_FOUND' | 'INVALID';

/** The answer of every verification: anchored or not, when, in which transaction, and why not. */
export interface VerificationResult {
  documentHash: string;
  anchored: boolean;
  status: VerificationStatus;
  code?: VerificationFailure;
  reason?: string;
  /** ISO 8601 block time of the anchoring, from the contract. */
  anchoredAt?: string;
  blockNumber?: number;
  txHash?: string;
  chainId?: number;
  contract?: string;
  root?: string;
  batchId?: string;
  checks: VerificationCheck[];
  /** The full receipt when anchored: keep it to verify later without Tally. */
  receipt?: AnchorReceipt;
}

/**
 * Public verification against this platform's records AND the chain: a hash is reported
 * anchored only when its proof leads to a root that the DocumentAnchor contract holds, so the
 * answer never rests on the database alone.
 */
@Injectable()
export class VerificationService {
  private readonly reader: AnchorChainReader;

  constructor(
    private readonly anchoring: AnchoringService,
    @Inject(CHAIN_CONTEXT) chain: ChainContext,
  ) {
    this.reader = new CachingAnchorReader(new EthersAnchorReader(chain.provider));
  }

  async verifyHash(sha256Input: unknown): Promise<VerificationResult> {
    const sha256 = normalizeSha256(sha256Input);
    if (!sha256) throw new AnchoringException(AnchoringErrorCode.HASH_MALFORMED, 'sha256 must be 64 hex digits, optionally 0x-prefixed');
    const [result] = await this.verifyHashes([sha256], { onChainProof: true });
    return result!;
  }

  /** Many hashes at once; the chain is asked once per batch, proofs are checked locally per hash. */
  async verifyHashes(inputs: readonly unknown[], options: { onChainProof?: boolean } = {}): Promise<VerificationResult[]> {
    if (inputs.length > VERIFY_BATCH_MAX) {
      throw new AnchoringException(
        AnchoringErrorCode.TOO_MANY_HASHES,
        `At most ${VERIFY_BATCH_MAX} hashes per verification request (got ${inputs.length})`,
      );
    }
    const hashes = inputs.map((input) => normalizeSha256(input));
    const valid = hashes.filter((h): h is string => h !== null);
    const statuses = await this.anchoring.statusOf(valid);
    const receipts = await this.anchoring.receiptsOf(valid.filter((h) => statuses.get(h)?.state === LeafState.ANCHORED));
    const chainChecks = new Map<string, Promise<ReceiptVerification>>();
    return Promise.all(
      hashes.map(async (sha256, index): Promise<VerificationResult> => {
        if (sha256 === null) {
          return {
            documentHash: String(inputs[index]).slice(0, 100),
            anchored: false,
            status: 'INVALID',
            code: VerificationFailure.MALFORMED,
            reason: 'Not a SHA-256: expected 64 hex digits, optionally 0x-prefixed',
            checks: [],
          };
        }
        const status = statuses.get(sha256);
        if (!status) {
          return {
            documentHash: sha256,
            anchored: false,
            status: 'NOT_FOUND',
            code: VerificationFailure.NOT_SUBMITTED,
            reason: 'This SHA-256 was never submitted for anchoring on this platform',
            checks: [],
          };
        }
        const receipt = receipts.get(sha256);
        if (!receipt) {
          return {
            documentHash: sha256,
            anchored: false,
            status: 'PENDING',
            code: VerificationFailure.NOT_YET_ANCHORED,
            reason:
              status.state === LeafState.SEALED
                ? `Submitted ${status.submittedAt.toISOString()}; its batch is sealed and the anchoring transaction is not confirmed yet`
                : `Submitted ${status.submittedAt.toISOString()}; waiting for the next batch`,
            checks: [],
          };
        }
        let chain = chainChecks.get(receipt.batchId);
        if (!chain || options.onChainProof) {
          chain = checkChain(receipt, this.reader, { onChainProof: options.onChainProof });
          chainChecks.set(receipt.batchId, chain);
        }
        return this.result(receipt, checkProof(receipt), await chain);
      }),
    );
  }

  /** A receipt (as parsed from receipt.json), optionally with the document's SHA-256 to compare. */
  async verifyReceipt(input: unknown, documentSha256Input?: unknown): Promise<VerificationResult> {
    const parsed = parseReceipt(input);
    if (!parsed.ok) {
      throw new AnchoringException(AnchoringErrorCode.RECEIPT_MALFORMED, `Not a Tally anchor receipt: ${parsed.problems.join('; ')}`, {
        problems: parsed.problems,
      });
    }
    let documentSha256: string | undefined;
    if (documentSha256Input !== undefined && documentSha256Input !== null && documentSha256Input !== '') {
      documentSha256 = normalizeSha256(documentSha256Input) ?? undefined;
      if (!documentSha256)
        throw new AnchoringException(AnchoringErrorCode.HASH_MALFORMED, 'sha256 must be 64 hex digits, optionally 0x-prefixed');
    }
    const receipt = parsed.receipt;
    const offline = checkProof(receipt, documentSha256);
    const online = offline.ok ? await checkChain(receipt, this.reader, { onChainProof: true }) : { ok: false, checks: [] };
    return this.result(receipt, offline, online, documentSha256);
  }

  private result(
    receipt: AnchorReceipt,
    offline: ReceiptVerification,
    online: ReceiptVerification,
    documentSha256?: string,
  ): VerificationResult {
    const failed = !offline.ok ? offline : !online.ok ? online : undefined;
    const base = {
      documentHash: documentSha256 ?? receipt.documentHash,
      txHash: receipt.txHash,
      chainId: receipt.chainId,
      contract: receipt.contract,
      root: receipt.root,
      batchId: receipt.batchId,
      checks: [...offline.checks, ...online.checks],
    };
    if (failed) return { ...base, anchored: false, status: 'INVALID', code: failed.code, reason: failed.reason };
    return { ...base, anchored: true, status: 'ANCHORED', anchoredAt: online.anchoredAt, blockNumber: online.blockNumber, receipt };
  }
}
