import { Command, Option } from 'commander';
import { AbiCoder, Contract, JsonRpcProvider } from 'ethers';
import { readFileSync } from 'node:fs';
// Type-only at load time: #securitization brings Nest and TypeORM along (loaded when the command runs).
import type { AssetProof } from '#securitization';

export const VerifyAssetExitCode = { Verified: 0, Failed: 1, Unusable: 2 } as const;
export type VerifyAssetExitCode = (typeof VerifyAssetExitCode)[keyof typeof VerifyAssetExitCode];

const ANCHOR_ABI = [
  'function batchOf(bytes32 batchId) view returns (bytes32 root, uint64 anchoredAt, uint64 blockNumber)',
  'function verifyEncoded(bytes32 root, bytes32[] proof, bytes leafValue) view returns (bool)',
];

export interface VerifyAssetResult {
  ok: boolean;
  code?: 'BAD_PROOF_FILE' | 'LEAF_MISMATCH' | 'PROOF_INVALID' | 'CHAIN_MISMATCH' | 'ROOT_NOT_ANCHORED' | 'CONTRACT_REFUSED';
  reason?: string;
  anchoredAt?: string;
  blockNumber?: number;
}

/**
 * `tally verify-asset`: checks an asset proof with nothing but an RPC node. Offline: the leaf is
 * the StandardMerkleTree leaf of the stated values, and the proof leads from it to the root
 * (@openzeppelin/merkle-tree). On chain: the node's chain is the proof's, DocumentAnchor holds the
 * root under the batch id, and `DocumentAnchor.verify` (MerkleProof.sol) accepts the proof.
 */
export async function runVerifyAsset(
  file: string,
  rpc: string,
  io: { out: NodeJS.WritableStream; err: NodeJS.WritableStream },
  json = false,
): Promise<VerifyAssetExitCode> {
  let proof: AssetProof;
  try {
    proof = JSON.parse(readFileSync(file, 'utf8')) as AssetProof;
  } catch (e) {
    io.err.write(`tally verify-asset: cannot read ${file}: ${e instanceof Error ? e.message : String(e)}\n`);
    return VerifyAssetExitCode.Unusable;
  }
  const { LEAF_ENCODING, ASSET_PROOF_FORMAT, verifyAssetProof } = await import('#securitization');
  const { StandardMerkleTree } = await import('@openzeppelin/merkle-tree');
  const report = (r: VerifyAssetResult): VerifyAssetExitCode => {
    if (json) io.out.write(`${JSON.stringify(r, null, 2)}\n`);
    else if (r.ok)
      io.out.write(
        `VERIFIED  bill ${proof.billId} of pool ${proof.poolId}\n  Root        ${proof.root}\n  Anchored at ${r.anchoredAt} (block ${r.blockNumber})\n`,
      );
    else io.out.write(`FAILED  ${file}\n  Reason  ${r.reason} [${r.code}]\n`);
    return r.ok ? VerifyAssetExitCode.Verified : VerifyAssetExitCode.Failed;
  };
  if (
    proof?.format !== ASSET_PROOF_FORMAT ||
    !Array.isArray(proof.value) ||
    !Array.isArray(proof.proof) ||
    JSON.stringify(proof.leafEncoding) !== JSON.stringify(LEAF_ENCODING)
  ) {
    return report({
      ok: false,
      code: 'BAD_PROOF_FILE',
      reason: `not a ${ASSET_PROOF_FORMAT} proof with leaf encoding ${LEAF_ENCODING.join(',')}`,
    });
  }
  let leaf: string;
  try {
    leaf = StandardMerkleTree.of([proof.value], [...LEAF_ENCODING]).leafHash(proof.value);
  } catch (e) {
    return report({
      ok: false,
      code: 'BAD_PROOF_FILE',
      reason: `the values do not encode as ${LEAF_ENCODING.join(',')}: ${e instanceof Error ? e.message : String(e)}`,
    });
  }
  if (leaf.toLowerCase() !== String(proof.leaf).toLowerCase())
    return report({ ok: false, code: 'LEAF_MISMATCH', reason: `the values hash to leaf ${leaf}, the proof states ${proof.leaf}` });
  if (!verifyAssetProof(proof.root, proof.value, proof.proof))
    return report({
      ok: false,
      code: 'PROOF_INVALID',
      reason: 'the proof does not lead from the leaf to the root: this asset, with these values, is not on the tape',
    });
  let provider: JsonRpcProvider | undefined;
  try {
    const chainId = Number(BigInt(await rpcCall(rpc, 'eth_chainId')));
    if (chainId !== proof.chainId)
      return report({
        ok: false,
        code: 'CHAIN_MISMATCH',
        reason: `the proof is for chain ${proof.chainId}, the node answers for ${chainId}`,
      });
    provider = new JsonRpcProvider(rpc, chainId, { staticNetwork: true, batchMaxCount: 1 });
    const anchor = new Contract(proof.documentAnchor, ANCHOR_ABI, provider);
    const [root, anchoredAt, blockNumber] = (await anchor.getFunction('batchOf')(proof.batchId)) as [string, bigint, bigint];
    if (anchoredAt === 0n || root.toLowerCase() !== proof.root.toLowerCase()) {
      return report({
        ok: false,
        code: 'ROOT_NOT_ANCHORED',
        reason: `DocumentAnchor ${proof.documentAnchor} holds ${anchoredAt === 0n ? 'nothing' : root} under batch ${proof.batchId}`,
      });
    }
    // the contract computes the leaf from the encoded values itself (never takes a hash from us)
    const encoded = AbiCoder.defaultAbiCoder().encode([...LEAF_ENCODING], proof.value);
    const accepted = (await anchor.getFunction('verifyEncoded')(proof.root, proof.proof, encoded)) as boolean;
    if (!accepted)
      return report({ ok: false, code: 'CONTRACT_REFUSED', reason: 'DocumentAnchor.verifyEncoded (MerkleProof.sol) refuses the proof' });
    return report({ ok: true, anchoredAt: new Date(Number(anchoredAt) * 1000).toISOString(), blockNumber: Number(blockNumber) });
  } catch (e) {
    io.err.write(`tally verify-asset: cannot use the RPC node: ${e instanceof Error ? e.message : String(e)}\n`);
    return VerifyAssetExitCode.Unusable;
  } finally {
    provider?.destroy();
  }
}

async function rpcCall(url: string, method: string): Promise<string> {
  const res = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ jsonrpc: '2.0', id: 1, method, params: [] }),
    signal: AbortSignal.timeout(10_000),
  });
  const body = (await res.json()) as { result?: string };
  if (typeof body.result !== 'string') throw new Error(`no answer to ${method}`);
  return body.result;
}

export function verifyAssetCommand(): Command {
  return new Command('verify-asset')
    .description("check a pool asset's inclusion proof (GET /pools/{id}/assets/{billId}/proof) against any RPC node, without the Tally API")
    .argument('<proof>', 'the proof JSON (format tally-asset-proof/1)')
    .addOption(new Option('--rpc <url>', 'JSON-RPC URL of a node of the proof’s chain').env('TALLY_RPC_URL').makeOptionMandatory())
    .option('--json', 'print the result as JSON')
    .addHelpText('after', '\nExit codes: 0 verified, 1 the proof fails, 2 bad usage or RPC node unreachable.')
    .action(async (file: string, opts: { rpc: string; json?: boolean }) => {
      process.exitCode = await runVerifyAsset(file, opts.rpc, { out: process.stdout, err: process.stderr }, opts.json);
    });
}
