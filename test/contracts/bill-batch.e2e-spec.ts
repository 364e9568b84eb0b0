// BillRegistry.issueBatch against a real anvil node: a batch issues every bill as `issue` would
// (records, tokens, fingerprints, events the indexer decodes), or none of them; a fingerprint twice
// in the batch, or one registered before, reverts the whole batch. Prints gas per bill, single vs batched.
import { JsonRpcProvider, Wallet, ZeroHash, hexlify, id, isCallException, parseEther, randomBytes, toBeHex, toUtf8Bytes, type ContractTransactionResponse, type HDNodeWallet, type TransactionReceipt } from 'ethers';
import { AnvilProcess } from '../../libs/chain/src/embedded/anvil.process.js';
import {
  BillRegistryBytecode,
  BillRegistryInterface,
  IdentityRegistryBytecode,
  IdentityRegistryInterface,
  connectBillRegistry,
  connectIdentityRegistry,
  decodeBillRegistryError,
  decodeBillRegistryEvent,
  type BillRegistry,
  type IdentityRegistry,
} from '../../contracts/generated/index.js';
import { ContractFactory, type ContractRunner, type Interface } from 'ethers';
import { issueBatchGasLimit } from '#bills';

const CHAIN_ID = 31337;
const AGENT_ROLE = id('AGENT_ROLE');
const REGISTRAR_ROLE = id('REGISTRAR_ROLE');
const EUR = hexlify(toUtf8Bytes('EUR'));
const DE = hexlify(toUtf8Bytes('DE'));
const ISSUED = 1n;

let anvil: AnvilProcess;
let provider: JsonRpcProvider;
let operator: HDNodeWallet;
let identity: IdentityRegistry;
let bills: BillRegistry;

async function receiptOf(hash: string): Promise<TransactionReceipt> {
  const deadline = Date.now() + 60_000;
  for (;;) {
    const receipt = await provider.getTransactionReceipt(hash);
    if (receipt) return receipt;
    if (Date.now() > deadline) throw new Error(`transaction ${hash} not mined within 60 s`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

async function mined(tx: Promise<ContractTransactionResponse>): Promise<TransactionReceipt> {
  const receipt = await receiptOf((await tx).hash);
  if (receipt.status !== 1) throw new Error(`transaction ${receipt.hash} failed`);
  return receipt;
}

async function deploy<C>(iface: Interface, bytecode: string, connect: (a: string, r: ContractRunner | null) => C, ...args: unknown[]): Promise<C> {
  const contract = await new ContractFactory(iface, bytecode, operator).deploy(...args);
  const receipt = await receiptOf(contract.deploymentTransaction()!.hash);
  if (receipt.status !== 1 || !receipt.contractAddress) throw new Error('deployment failed');
  return connect(receipt.contractAddress, operator);
}

async function revertOf(action: () => Promise<unknown>): Promise<{ name: string; args: Record<string, unknown> } | null> {
  try {
    await action();
  } catch (err) {
    if (isCallException(err) && err.data) return decodeBillRegistryError(err.data) as { name: string; args: Record<string, unknown> } | null;
    throw err;
  }
  throw new Error('expected a revert, but the call succeeded');
}

async function verified(): Promise<string> {
  const wallet = Wallet.createRandom();
  const block = await provider.getBlock('latest');
  await mined(identity.register(wallet.address, DE, BigInt(block!.timestamp) + 10n * 365n * 86_400n));
  return wallet.address;
}

const randomId = (): string => hexlify(randomBytes(32));

interface Row {
  billId: string;
  holder: string;
  obligor: string;
  amount: bigint;
  currency: string;
  dueDate: bigint;
  fingerprint: string;
}

function rows(n: number, holder: string, obligor: string): Row[] {
  return Array.from({ length: n }, (_, i) => ({ billId: randomId(), holder, obligor, amount: 1_000n + BigInt(i), currency: EUR, dueDate: 2_000_000_000n + BigInt(i), fingerprint: randomId() }));
}

const tuple = (r: Row): [string, string, string, bigint, string, bigint, string] => [r.billId, r.holder, r.obligor, r.amount, r.currency, r.dueDate, r.fingerprint];

beforeAll(async () => {
  anvil = new AnvilProcess({ port: 0, chainId: CHAIN_ID, blockTimeSec: 0 });
  await anvil.start();
  provider = new JsonRpcProvider(anvil.url, CHAIN_ID, { staticNetwork: true, batchMaxCount: 1, cacheTimeout: -1 });
  operator = Wallet.createRandom(provider);
  await provider.send('anvil_setBalance', [operator.address, toBeHex(parseEther('1000'))]);
  identity = await deploy(IdentityRegistryInterface, IdentityRegistryBytecode, connectIdentityRegistry, operator.address);
  await mined(identity.grantRole(REGISTRAR_ROLE, operator.address));
  bills = await deploy(BillRegistryInterface, BillRegistryBytecode, connectBillRegistry, operator.address, await identity.getAddress());
  await mined(bills.grantRole(AGENT_ROLE, operator.address));
});

afterAll(async () => {
  provider?.destroy();
  await anvil?.stop();
});

describe('BillRegistry.issueBatch', () => {
  it('answers ERC-165 for IBillRegistryBatch (its own id: IBillRegistry keeps its id)', async () => {
    const batchId = toBeHex(['MAX_BATCH_ISSUE', 'issueBatch'].map((n) => BigInt(BillRegistryInterface.getFunction(n)!.selector)).reduce((a, b) => a ^ b), 4);
    expect(await bills.supportsInterface(batchId)).toBe(true);
    expect(await bills.MAX_BATCH_ISSUE()).toBe(500n);
  });

  it('issues every bill of the batch like issue: records, tokens, fingerprints, a Transfer and a BillIssued per bill', async () => {
    const [holderA, holderB, obligor] = [await verified(), await verified(), await verified()];
    const batch = [...rows(3, holderA, obligor), ...rows(2, holderB, obligor)];
    const receipt = await mined(bills.issueBatch(batch.map(tuple)));
    const events = receipt.logs.map(decodeBillRegistryEvent).filter((e) => e?.name === 'BillIssued');
    expect(events.map((e) => e!.args.billId)).toEqual(batch.map((r) => r.billId));
    for (const [i, r] of batch.entries()) {
      const [record, holder] = await bills.billOf(r.billId);
      expect(holder).toBe(r.holder);
      expect([record.amount, record.currency, record.dueDate, record.status, record.obligor, record.fingerprint, record.parent]).toEqual([r.amount, EUR, r.dueDate, ISSUED, obligor, r.fingerprint, ZeroHash]);
      expect(await bills.billIdOfFingerprint(r.fingerprint)).toBe(r.billId);
      expect(events[i]!.args.fingerprint).toBe(r.fingerprint);
    }
    expect(await bills.balanceOf(holderA)).toBe(3n);
    expect(await bills.balanceOf(holderB)).toBe(2n);
  });

  it('refuses a fingerprint twice in the batch: the whole batch reverts, nothing of it is issued', async () => {
    const [holder, obligor] = [await verified(), await verified()];
    const batch = rows(4, holder, obligor);
    batch[3]!.fingerprint = batch[1]!.fingerprint;
    expect(await revertOf(() => bills.issueBatch(batch.map(tuple)))).toEqual({ name: 'BillRegistry__DuplicateFingerprint', args: { fingerprint: batch[1]!.fingerprint, billId: batch[1]!.billId } });
    for (const r of batch) {
      const [record] = await bills.billOf(r.billId);
      expect(record.status).toBe(0n);
      expect(await bills.isFingerprintRegistered(r.fingerprint)).toBe(false);
    }
    expect(await bills.balanceOf(holder)).toBe(0n);
  });

  it('refuses a fingerprint registered before (by issue or an earlier batch), and a bill id used before, as a whole', async () => {
    const [holder, obligor] = [await verified(), await verified()];
    const [single] = rows(1, holder, obligor);
    await mined(bills.issue(...tuple(single!)));
    const batch = rows(3, holder, obligor);
    batch[2]!.fingerprint = single!.fingerprint;
    expect(await revertOf(() => bills.issueBatch(batch.map(tuple)))).toEqual({ name: 'BillRegistry__DuplicateFingerprint', args: { fingerprint: single!.fingerprint, billId: single!.billId } });
    const again = rows(2, holder, obligor);
    again[1]!.billId = single!.billId;
    expect(await revertOf(() => bills.issueBatch(again.map(tuple)))).toEqual({ name: 'BillRegistry__BillExists', args: { billId: single!.billId } });
    for (const r of [...batch.slice(0, 2), ...again.slice(0, 1)]) expect(await bills.isFingerprintRegistered(r.fingerprint)).toBe(false);
    expect(await bills.balanceOf(holder)).toBe(1n);
    // and issue refuses a fingerprint a batch registered
    const issued = rows(2, holder, obligor);
    await mined(bills.issueBatch(issued.map(tuple)));
    const dup = { ...rows(1, holder, obligor)[0]!, fingerprint: issued[0]!.fingerprint };
    expect(await revertOf(() => bills.issue(...tuple(dup)))).toEqual({ name: 'BillRegistry__DuplicateFingerprint', args: { fingerprint: issued[0]!.fingerprint, billId: issued[0]!.billId } });
  });

  it('refuses an unverified holder anywhere in the batch, a bad row, an empty or oversized batch, and a caller without AGENT_ROLE', async () => {
    const [holder, obligor] = [await verified(), await verified()];
    const stranger = Wallet.createRandom().address;
    const batch = [...rows(2, holder, obligor), ...rows(1, stranger, obligor)];
    expect(await revertOf(() => bills.issueBatch(batch.map(tuple)))).toEqual({ name: 'BillRegistry__RecipientNotVerified', args: { recipient: stranger } });
    const zero = rows(2, holder, obligor);
    zero[1]!.amount = 0n;
    expect(await revertOf(() => bills.issueBatch(zero.map(tuple)))).toEqual({ name: 'BillRegistry__ZeroAmount', args: {} });
    expect(await revertOf(() => bills.issueBatch([]))).toEqual({ name: 'BillRegistry__BatchSize', args: { count: 0n } });
    expect(await revertOf(() => bills.issueBatch(rows(501, holder, obligor).map(tuple)))).toEqual({ name: 'BillRegistry__BatchSize', args: { count: 501n } });
    const outsider = Wallet.createRandom(provider);
    await provider.send('anvil_setBalance', [outsider.address, toBeHex(parseEther('1'))]);
    const denied = await revertOf(() => bills.connect(outsider).issueBatch(rows(1, holder, obligor).map(tuple)));
    expect(denied).toEqual({ name: 'AccessControlUnauthorizedAccount', args: { account: outsider.address, neededRole: AGENT_ROLE } });
    expect(await bills.balanceOf(holder)).toBe(0n);
  });

  it("fits the outbox's gas model (issueBatchGasLimit): enough for one, 150 or alternating fresh holders, and within 12 % of a plain batch", async () => {
    const obligor = await verified();
    const shapes: [string, Row[]][] = [];
    shapes.push(['one bill, fresh holder', rows(1, await verified(), obligor)]);
    shapes.push(['150 bills, fresh holder', rows(150, await verified(), obligor)]);
    const three = [await verified(), await verified(), await verified()];
    shapes.push(['150 bills, 3 fresh holders alternating', rows(150, obligor, obligor).map((r, i) => ({ ...r, holder: three[i % 3]! }))]);
    const repeat = await verified();
    await mined(bills.issue(...tuple(rows(1, repeat, obligor)[0]!)));
    shapes.push(['150 bills, holder with bills', rows(150, repeat, obligor)]);
    for (const [label, batch] of shapes) {
      const limit = issueBatchGasLimit(batch);
      const receipt = await mined(bills.issueBatch(batch.map(tuple), { gasLimit: limit }));
      expect({ label, enough: receipt.gasUsed < limit }).toEqual({ label, enough: true });
      if (batch.length === 150 && label !== '150 bills, 3 fresh holders alternating') expect({ label, tight: limit * 100n <= receipt.gasUsed * 112n }).toEqual({ label, tight: true });
    }
  });

  it('prints gas per bill: issue alone against batches of 1, 50 and 200', async () => {
    const [holder, obligor] = [await verified(), await verified()];
    await mined(bills.issue(...tuple(rows(1, holder, obligor)[0]!))); // the holder's balance slot is non-zero from here on, as in a batch
    const single = await mined(bills.issue(...tuple(rows(1, holder, obligor)[0]!)));
    const lines = [`issue (one bill per transaction)      ${single.gasUsed}`];
    for (const n of [1, 50, 200]) {
      const receipt = await mined(bills.issueBatch(rows(n, holder, obligor).map(tuple), { gasLimit: 29_000_000n }));
      lines.push(`issueBatch of ${String(n).padEnd(3)} per bill             ${receipt.gasUsed / BigInt(n)}`);
    }
    console.log(['gas per bill (receipt.gasUsed, incl. 21000 intrinsic)', ...lines].join('\n'));
    expect(await bills.balanceOf(holder)).toBe(2n + 1n + 50n + 200n);
  });
});
