// DocumentAnchor against a real anvil node, through the generated bindings.
import {
  AbiCoder,
  JsonRpcProvider,
  Wallet,
  ZeroAddress,
  ZeroHash,
  concat,
  id,
  isCallException,
  keccak256,
  parseEther,
  toBeHex,
  type ContractTransactionResponse,
  type HDNodeWallet,
  type TransactionReceipt,
} from 'ethers';
import { AnvilProcess } from '../../libs/chain/src/embedded/anvil.process.js';
import {
  DocumentAnchorInterface,
  artifacts,
  connectDocumentAnchor,
  decodeDocumentAnchorError,
  decodeDocumentAnchorEvent,
  deployDocumentAnchor,
  type DocumentAnchor,
  type DocumentAnchorError,
} from '../../contracts/generated/index.js';

const CHAIN_ID = 31337;
const ANCHORER_ROLE = id('ANCHORER_ROLE');
const DEFAULT_ADMIN_ROLE = ZeroHash;
const GAS_CEILING = 100_000n;

// ---- OpenZeppelin StandardMerkleTree, built by hand for leaf encoding ['bytes32'] ----

/** keccak256(bytes.concat(keccak256(abi.encode(value)))) */
function leafOf(value: string): string {
  return keccak256(keccak256(AbiCoder.defaultAbiCoder().encode(['bytes32'], [value])));
}

/** Commutative pair hash of MerkleProof.sol: the smaller hash goes first. */
function hashPair(a: string, b: string): string {
  return BigInt(a) < BigInt(b) ? keccak256(concat([a, b])) : keccak256(concat([b, a]));
}

interface HandTree {
  root: string;
  leaves: string[];
  proof(leaf: string): string[];
}

/** Leaves sorted by hash, laid out in a complete binary tree stored in an array (root at 0). */
function buildTree(values: string[]): HandTree {
  const leaves = values.map(leafOf).sort((a, b) => (BigInt(a) < BigInt(b) ? -1 : BigInt(a) > BigInt(b) ? 1 : 0));
  const tree: string[] = new Array<string>(2 * leaves.length - 1);
  leaves.forEach((leaf, i) => (tree[tree.length - 1 - i] = leaf));
  for (let i = tree.length - 1 - leaves.length; i >= 0; i--) tree[i] = hashPair(tree[2 * i + 1]!, tree[2 * i + 2]!);
  return {
    root: tree[0]!,
    leaves,
    proof(leaf) {
      let i = tree.lastIndexOf(leaf);
      if (i < tree.length - leaves.length) throw new Error(`not a leaf: ${leaf}`);
      const proof: string[] = [];
      for (; i > 0; i = Math.floor((i - 1) / 2)) proof.push(tree[i % 2 === 1 ? i + 1 : i - 1]!);
      return proof;
    },
  };
}

const documentHashes = (prefix: string, n: number): string[] => Array.from({ length: n }, (_, i) => id(`${prefix}-${i}`));

// ---- chain helpers ----

let anvil: AnvilProcess;
let provider: JsonRpcProvider;
let admin: HDNodeWallet;
let anchorer: HDNodeWallet;
let outsider: HDNodeWallet;
let anchorAsAdmin: DocumentAnchor;
let anchorAsAnchorer: DocumentAnchor;
let anchorAsOutsider: DocumentAnchor;
let batchSeq = 0;

const nextBatchId = (): string => id(`batch-${++batchSeq}`);

async function fundedWallet(): Promise<HDNodeWallet> {
  const wallet = Wallet.createRandom(provider);
  await provider.send('anvil_setBalance', [wallet.address, toBeHex(parseEther('100'))]);
  return wallet;
}

async function mined(tx: Promise<ContractTransactionResponse>): Promise<TransactionReceipt> {
  const receipt = await (await tx).wait();
  if (!receipt || receipt.status !== 1) throw new Error('transaction failed');
  return receipt;
}

/** Runs `action`, expects a revert, and decodes the revert data with the contract's ABI. */
async function revertOf(action: () => Promise<unknown>): Promise<DocumentAnchorError | null> {
  try {
    await action();
  } catch (err) {
    if (isCallException(err) && err.data) return decodeDocumentAnchorError(err.data);
    throw err;
  }
  throw new Error('expected a revert, but the call succeeded');
}

beforeAll(async () => {
  anvil = new AnvilProcess({ port: 0, chainId: CHAIN_ID, blockTimeSec: 0 });
  await anvil.start();
  // cacheTimeout -1: ethers otherwise reuses an eth_getTransactionCount answer for 250 ms, so a
  // second transaction sent right after a mined one gets the same nonce ("nonce too low").
  provider = new JsonRpcProvider(anvil.url, CHAIN_ID, { staticNetwork: true, batchMaxCount: 1, cacheTimeout: -1 });
  [admin, anchorer, outsider] = [await fundedWallet(), await fundedWallet(), await fundedWallet()];

  anchorAsAdmin = await deployDocumentAnchor(admin, admin.address);
  const address = await anchorAsAdmin.getAddress();
  anchorAsAnchorer = connectDocumentAnchor(address, anchorer);
  anchorAsOutsider = anchorAsAdmin.connect(outsider);
  await mined(anchorAsAdmin.grantRole(ANCHORER_ROLE, anchorer.address));
});

afterAll(async () => {
  provider?.destroy();
  await anvil?.stop();
});

describe('DocumentAnchor', () => {
  it('deploys the compiled runtime code and sets up roles', async () => {
    const code = await provider.getCode(await anchorAsAdmin.getAddress());
    expect(keccak256(code)).toBe(artifacts.DocumentAnchor.deployedBytecodeHash);
    expect(await anchorAsAdmin.ANCHORER_ROLE()).toBe(ANCHORER_ROLE);
    expect(await anchorAsAdmin.hasRole(DEFAULT_ADMIN_ROLE, admin.address)).toBe(true);
    expect(await anchorAsAdmin.hasRole(ANCHORER_ROLE, admin.address)).toBe(false);
    expect(await anchorAsAdmin.hasRole(ANCHORER_ROLE, anchorer.address)).toBe(true);
  });

  it('refuses the zero address as admin', async () => {
    const error = await revertOf(() => deployDocumentAnchor(admin, ZeroAddress));
    expect(error?.name).toBe('DocumentAnchor__ZeroAdmin');
  });

  it('answers ERC-165 for IDocumentAnchor and IAccessControl', async () => {
    const selectors = ['ANCHORER_ROLE', 'anchor', 'batchOf', 'rootAnchoredAt', 'isAnchored', 'verify', 'verifyEncoded'].map(
      (name) => BigInt(DocumentAnchorInterface.getFunction(name)!.selector),
    );
    const iDocumentAnchorId = toBeHex(selectors.reduce((a, b) => a ^ b), 4);
    expect(await anchorAsAdmin.supportsInterface(iDocumentAnchorId)).toBe(true);
    expect(await anchorAsAdmin.supportsInterface('0x7965db0b')).toBe(true); // IAccessControl
    expect(await anchorAsAdmin.supportsInterface('0x01ffc9a7')).toBe(true); // IERC165
    expect(await anchorAsAdmin.supportsInterface('0xffffffff')).toBe(false);
  });

  it('anchors a root: stores root, time and block, emits RootAnchored, costs < 100k gas', async () => {
    const batchId = nextBatchId();
    const root = buildTree(documentHashes('anchor', 3)).root;
    expect(await anchorAsAdmin.isAnchored(root)).toBe(false);
    expect(await anchorAsAdmin.rootAnchoredAt(root)).toBe(0n);

    const receipt = await mined(anchorAsAnchorer.anchor(batchId, root));
    const block = await provider.getBlock(receipt.blockNumber);
    if (!block) throw new Error('block not found');

    const [storedRoot, anchoredAt, blockNumber] = await anchorAsAdmin.batchOf(batchId);
    expect(storedRoot).toBe(root);
    expect(anchoredAt).toBe(BigInt(block.timestamp));
    expect(blockNumber).toBe(BigInt(receipt.blockNumber));
    expect((await anchorAsAdmin.batchOf(batchId)).anchoredAt).toBe(anchoredAt); // named access too
    expect(await anchorAsAdmin.rootAnchoredAt(root)).toBe(BigInt(block.timestamp));
    expect(await anchorAsAdmin.isAnchored(root)).toBe(true);

    const events = receipt.logs.map(decodeDocumentAnchorEvent).filter((e) => e !== null);
    expect(events).toEqual([
      { name: 'RootAnchored', args: { batchId, root, anchoredAt: BigInt(block.timestamp), anchorer: anchorer.address } },
    ]);

    // a second, independent anchoring: same storage work, so about the same gas
    const second = await mined(anchorAsAnchorer.anchor(nextBatchId(), buildTree(documentHashes('anchor-2', 3)).root));
    console.log(`DocumentAnchor.anchor gas used: ${receipt.gasUsed} (first), ${second.gasUsed} (second)`);
    expect(receipt.gasUsed).toBeLessThan(GAS_CEILING);
    expect(second.gasUsed).toBeLessThan(GAS_CEILING);
  });

  it('reports an unknown batch as all zeros', async () => {
    const [root, anchoredAt, blockNumber] = await anchorAsAdmin.batchOf(id('never-anchored'));
    expect([root, anchoredAt, blockNumber]).toEqual([ZeroHash, 0n, 0n]);
  });

  it('rejects an account without ANCHORER_ROLE', async () => {
    const error = await revertOf(() => anchorAsOutsider.anchor(nextBatchId(), id('root-of-outsider')));
    expect(error).toEqual({
      name: 'AccessControlUnauthorizedAccount',
      args: { account: outsider.address, neededRole: ANCHORER_ROLE },
    });
    // the admin role alone does not allow anchoring either
    const byAdmin = await revertOf(() => anchorAsAdmin.anchor(nextBatchId(), id('root-of-admin')));
    expect(byAdmin?.name).toBe('AccessControlUnauthorizedAccount');
  });

  it('rejects a zero root and a zero batch id', async () => {
    expect(await revertOf(() => anchorAsAnchorer.anchor(nextBatchId(), ZeroHash))).toEqual({
      name: 'DocumentAnchor__ZeroRoot',
      args: {},
    });
    expect(await revertOf(() => anchorAsAnchorer.anchor(ZeroHash, id('root-with-zero-batch')))).toEqual({
      name: 'DocumentAnchor__ZeroBatchId',
      args: {},
    });
  });

  it('rejects a batch id or a root anchored before', async () => {
    const batchId = nextBatchId();
    const root = id('root-once');
    await mined(anchorAsAnchorer.anchor(batchId, root));

    expect(await revertOf(() => anchorAsAnchorer.anchor(batchId, id('another-root')))).toEqual({
      name: 'DocumentAnchor__BatchAlreadyAnchored',
      args: { batchId },
    });
    expect(await revertOf(() => anchorAsAnchorer.anchor(nextBatchId(), root))).toEqual({
      name: 'DocumentAnchor__RootAlreadyAnchored',
      args: { root },
    });
    // nothing changed
    expect((await anchorAsAdmin.batchOf(batchId)).root).toBe(root);
  });

  it('grants and revokes ANCHORER_ROLE (admin only)', async () => {
    const newcomer = await fundedWallet();
    const asNewcomer = connectDocumentAnchor(await anchorAsAdmin.getAddress(), newcomer);

    expect(await revertOf(() => anchorAsOutsider.grantRole(ANCHORER_ROLE, newcomer.address))).toEqual({
      name: 'AccessControlUnauthorizedAccount',
      args: { account: outsider.address, neededRole: DEFAULT_ADMIN_ROLE },
    });

    const granted = await mined(anchorAsAdmin.grantRole(ANCHORER_ROLE, newcomer.address));
    expect(granted.logs.map(decodeDocumentAnchorEvent)).toEqual([
      { name: 'RoleGranted', args: { role: ANCHORER_ROLE, account: newcomer.address, sender: admin.address } },
    ]);
    await mined(asNewcomer.anchor(nextBatchId(), id('root-by-newcomer')));

    const revoked = await mined(anchorAsAdmin.revokeRole(ANCHORER_ROLE, newcomer.address));
    expect(revoked.logs.map(decodeDocumentAnchorEvent)).toEqual([
      { name: 'RoleRevoked', args: { role: ANCHORER_ROLE, account: newcomer.address, sender: admin.address } },
    ]);
    expect(await anchorAsAdmin.hasRole(ANCHORER_ROLE, newcomer.address)).toBe(false);
    expect((await revertOf(() => asNewcomer.anchor(nextBatchId(), id('root-after-revoke'))))?.name).toBe(
      'AccessControlUnauthorizedAccount',
    );
  });

  describe('verify', () => {
    it.each([2, 5])('accepts every leaf of an anchored %i-leaf StandardMerkleTree', async (size) => {
      const values = documentHashes(`verify-${size}`, size);
      const tree = buildTree(values);
      await mined(anchorAsAnchorer.anchor(nextBatchId(), tree.root));
      for (const value of values) {
        expect(await anchorAsAdmin.verify(tree.root, tree.proof(leafOf(value)), value)).toBe(true);
      }
      if (size === 2) expect(tree.proof(tree.leaves[0]!)).toEqual([tree.leaves[1]]);
    });

    it('rejects a wrong leaf or a proof of another leaf', async () => {
      const values = documentHashes('verify-wrong', 5);
      const tree = buildTree(values);
      await mined(anchorAsAnchorer.anchor(nextBatchId(), tree.root));
      const [first, second] = [values[0]!, values[1]!];
      expect(await anchorAsAdmin.verify(tree.root, tree.proof(leafOf(first)), first)).toBe(true);
      expect(await anchorAsAdmin.verify(tree.root, tree.proof(leafOf(first)), id('not-in-the-tree'))).toBe(false);
      expect(await anchorAsAdmin.verify(tree.root, tree.proof(leafOf(first)), second)).toBe(false);
      // the leaf itself is not a document hash: the contract hashes what it is given
      expect(await anchorAsAdmin.verify(tree.root, tree.proof(leafOf(first)), leafOf(first))).toBe(false);
    });

    it('refuses an inner node of the tree presented as a leaf (second-preimage)', async () => {
      const values = documentHashes('verify-inner', 4);
      const tree = buildTree(values);
      await mined(anchorAsAnchorer.anchor(nextBatchId(), tree.root));
      // With 4 leaves the root is hashPair(inner, sibling): each inner node has a one-hash proof.
      const [l0, l1, l2, l3] = tree.leaves as [string, string, string, string];
      const innerA = hashPair(l0, l1);
      const innerB = hashPair(l2, l3);
      expect(hashPair(innerA, innerB)).toBe(tree.root);
      expect(await anchorAsAdmin.verify(tree.root, tree.proof(leafOf(values[0]!)), values[0]!)).toBe(true);
      expect(await anchorAsAdmin.verify(tree.root, [innerB], innerA)).toBe(false);
      expect(await anchorAsAdmin.verify(tree.root, [innerA], innerB)).toBe(false);
    });

    it('verifyEncoded takes a leaf\'s encoded values (one field here) and refuses an inner node or its preimage', async () => {
      const values = documentHashes('verify-encoded', 4);
      const tree = buildTree(values);
      await mined(anchorAsAnchorer.anchor(nextBatchId(), tree.root));
      const coder = AbiCoder.defaultAbiCoder();
      const [l0, l1, l2, l3] = tree.leaves as [string, string, string, string];
      expect(await anchorAsAdmin.verifyEncoded(tree.root, tree.proof(leafOf(values[1]!)), coder.encode(['bytes32'], [values[1]!]))).toBe(true);
      expect(await anchorAsAdmin.verifyEncoded(tree.root, tree.proof(leafOf(values[1]!)), coder.encode(['bytes32'], [values[2]!]))).toBe(false);
      // an inner node's own 64 bytes (l0 ‖ l1 sorted) are not a leaf value: the contract hashes twice
      const [a, b] = [l0, l1].sort();
      expect(await anchorAsAdmin.verifyEncoded(tree.root, [hashPair(l2, l3)], concat([a!, b!]))).toBe(false);
      expect(await anchorAsAdmin.verifyEncoded(tree.root, [hashPair(l2, l3)], hashPair(l0, l1))).toBe(false);
    });

    it('rejects a valid proof against a root that is not anchored', async () => {
      const values = documentHashes('verify-unanchored', 5);
      const tree = buildTree(values);
      expect(await anchorAsAdmin.verify(tree.root, tree.proof(leafOf(values[2]!)), values[2]!)).toBe(false);
      expect(await anchorAsAdmin.isAnchored(tree.root)).toBe(false);
    });
  });
});
