// BillRegistry (with IdentityRegistry, SettlementToken and BillDvP around it) against a real
// anvil node, through the generated bindings: issue, accept (EIP-712), transfer, split,
// encumbrance, cancel, markPaid, reentrancy through a malicious receiver, and the gas table.
import {
  AbiCoder,
  ContractFactory,
  JsonRpcProvider,
  TypedDataEncoder,
  Wallet,
  ZeroAddress,
  ZeroHash,
  getBytes,
  hexlify,
  id,
  isCallException,
  keccak256,
  parseEther,
  randomBytes,
  toBeHex,
  toUtf8Bytes,
  type ContractRunner,
  type ContractTransactionResponse,
  type HDNodeWallet,
  type Interface,
  type TransactionReceipt,
} from 'ethers';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { AnvilProcess } from '../../libs/chain/src/embedded/anvil.process.js';
import { prng } from '../support/seeded-random.js';
import { signDvpConsent, type DvpConsentKind } from '../../libs/bills/src/chain/dvp-consent.js';
import {
  BaselineERC721Bytecode,
  BaselineERC721Interface,
  BillDvPBytecode,
  BillDvPInterface,
  BillRegistryBytecode,
  BillRegistryInterface,
  IdentityRegistryBytecode,
  IdentityRegistryInterface,
  ReentrantERC721ReceiverBytecode,
  ReentrantERC721ReceiverInterface,
  SettlementTokenBytecode,
  SettlementTokenInterface,
  artifacts,
  connectBaselineERC721,
  connectBillDvP,
  connectBillRegistry,
  connectIdentityRegistry,
  connectReentrantERC721Receiver,
  connectSettlementToken,
  decodeBillDvPError,
  decodeBillRegistryError,
  decodeBillRegistryEvent,
  decodeSettlementTokenError,
  deployBillRegistry,
  type BillDvP,
  type BillRegistry,
  type IdentityRegistry,
  type SettlementToken,
} from '../../contracts/generated/index.js';

const CHAIN_ID = 31337;
const DEFAULT_ADMIN_ROLE = ZeroHash;
const AGENT_ROLE = id('AGENT_ROLE');
const REGISTRAR_ROLE = id('REGISTRAR_ROLE');
const SETTLEMENT_AGENT_ROLE = id('SETTLEMENT_AGENT_ROLE');
const TEN_YEARS_SEC = 10n * 365n * 24n * 3600n;
const DAY_SEC = 24n * 3600n;
const MAX_UINT128 = (1n << 128n) - 1n;

/** ISO code as the contracts' bytesN, e.g. 'EUR' -> '0x455552'. */
const code = (text: string): string => hexlify(toUtf8Bytes(text));
const EUR = code('EUR');
const DE = code('DE');

const Status = { NONE: 0n, ISSUED: 1n, ACCEPTED: 2n, PAID: 3n, CANCELLED: 4n, SPLIT: 5n } as const;
const Enc = { NONE: 0n, FINANCED: 1n, PLEDGED: 2n, POOLED: 3n } as const;

const ACCEPTANCE_TYPES = {
  Acceptance: [
    { name: 'billId', type: 'bytes32' },
    { name: 'commitment', type: 'bytes32' },
    { name: 'deadline', type: 'uint256' },
  ],
};
const TOKEN_NAME = 'Tally EUR Deposit';

// ---- chain helpers ----

let anvil: AnvilProcess;
let provider: JsonRpcProvider;
let operator: HDNodeWallet; // admin and agent everywhere, like the platform operator
let outsider: HDNodeWallet;
let identity: IdentityRegistry;
let token: SettlementToken;
let bills: BillRegistry;
let dvp: BillDvP;
let billsAddress: string;
let dvpAddress: string;
let tokenAddress: string;

async function fundedWallet(): Promise<HDNodeWallet> {
  const wallet = Wallet.createRandom(provider);
  await provider.send('anvil_setBalance', [wallet.address, toBeHex(parseEther('100'))]);
  return wallet;
}

async function chainNow(): Promise<bigint> {
  const block = await provider.getBlock('latest');
  if (!block) throw new Error('no latest block');
  return BigInt(block.timestamp);
}

/**
 * Polls for the receipt instead of `tx.wait()`: anvil answers eth_sendRawTransaction before its
 * automine has stored the receipt, and when ethers' first look misses it (a loaded machine), it
 * waits for the *next* block, which on an idle automine chain never comes: the test hangs until
 * some later transaction mines a block. The generated `deployX` helpers wait the same way, so
 * contracts are deployed with {@link deploy}.
 */
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

/** Deploys a generated contract from `operator` and binds it, without `waitForDeployment` (see {@link receiptOf}). */
async function deploy<C>(
  iface: Interface,
  bytecode: string,
  connect: (address: string, runner: ContractRunner | null) => C,
  ...args: unknown[]
): Promise<C> {
  const contract = await new ContractFactory(iface, bytecode, operator).deploy(...args);
  const receipt = await receiptOf(contract.deploymentTransaction()!.hash);
  if (receipt.status !== 1 || !receipt.contractAddress) throw new Error(`deployment ${receipt.hash} failed`);
  return connect(receipt.contractAddress, operator);
}

interface DecodedError {
  name: string;
  args: Record<string, unknown>;
}

/** Runs `action`, expects a revert, and decodes the revert data with the ABIs of all contracts involved. */
async function revertOf(action: () => Promise<unknown>): Promise<DecodedError | null> {
  try {
    await action();
  } catch (err) {
    if (isCallException(err) && err.data) {
      for (const decode of [decodeBillRegistryError, decodeBillDvPError, decodeSettlementTokenError]) {
        const decoded = decode(err.data);
        if (decoded) return decoded as DecodedError;
      }
      return null;
    }
    throw err;
  }
  throw new Error('expected a revert, but the call succeeded');
}

/** Registers `wallet` as verified for ten years. */
async function verify(wallet: string): Promise<void> {
  await mined(identity.register(wallet, DE, (await chainNow()) + TEN_YEARS_SEC));
}

/** A verified custodial wallet: it only signs, the operator sends every transaction. */
async function custodial(): Promise<HDNodeWallet> {
  const wallet = Wallet.createRandom();
  await verify(wallet.address);
  return wallet;
}

const randomId = (): string => hexlify(randomBytes(32));
const tokenIdOf = (billId: string): bigint => BigInt(billId);

interface IssuedBill {
  billId: string;
  holder: string;
  obligor: HDNodeWallet;
  amount: bigint;
  dueDate: bigint;
  fingerprint: string;
  receipt: TransactionReceipt;
}

async function issueBill(
  opts: { holder?: string; obligor?: HDNodeWallet; amount?: bigint; dueDate?: bigint; fingerprint?: string } = {},
): Promise<IssuedBill> {
  const holder = opts.holder ?? (await custodial()).address;
  const obligor = opts.obligor ?? (await custodial());
  const amount = opts.amount ?? 1_000_000n;
  const dueDate = opts.dueDate ?? (await chainNow()) + 90n * DAY_SEC;
  const fingerprint = opts.fingerprint ?? randomId();
  const billId = randomId();
  const receipt = await mined(bills.issue(billId, holder, obligor.address, amount, EUR, dueDate, fingerprint));
  return { billId, holder, obligor, amount, dueDate, fingerprint, receipt };
}

/** The commitment as the off-chain side computes it (IBillRegistry NatSpec). */
function commitment(obligor: string, amount: bigint, currency: string, dueDate: bigint, fingerprint: string): string {
  return keccak256(
    AbiCoder.defaultAbiCoder().encode(
      ['address', 'uint128', 'bytes3', 'uint64', 'bytes32'],
      [obligor, amount, currency, dueDate, fingerprint],
    ),
  );
}

const acceptanceDomain = () => ({ name: 'Tally BillRegistry', version: '1', chainId: CHAIN_ID, verifyingContract: billsAddress });

/** `signer` signs the acceptance of `billId` over the bill's stored terms. */
async function signAcceptance(signer: HDNodeWallet, billId: string, deadline: bigint, overrides: { commitment?: string } = {}): Promise<string> {
  const [bill] = await bills.billOf(billId);
  const value = {
    billId,
    commitment: overrides.commitment ?? commitment(bill.obligor, bill.amount, bill.currency, bill.dueDate, bill.fingerprint),
    deadline,
  };
  return signer.signTypedData(acceptanceDomain(), ACCEPTANCE_TYPES, value);
}

async function acceptBill(bill: { billId: string; obligor: HDNodeWallet }): Promise<TransactionReceipt> {
  const deadline = (await chainNow()) + 3600n;
  return mined(bills.accept(bill.billId, deadline, await signAcceptance(bill.obligor, bill.billId, deadline)));
}

async function statusOf(billId: string): Promise<bigint> {
  const [bill] = await bills.billOf(billId);
  return bill.status;
}

/** The BillRegistry events of a receipt (other contracts' logs skipped). */
function billEvents(receipt: TransactionReceipt) {
  return receipt.logs.filter((l) => l.address === billsAddress).map(decodeBillRegistryEvent);
}

/**
 * The runtime code is the artifact's except for the immutables (identity registry, EIP-712 domain
 * cache), which the artifact's deployedBytecode leaves as zero bytes; so keccak256(code) cannot
 * equal `deployedBytecodeHash` for this contract.
 */
function expectArtifactCode(onChain: string, name: 'BillRegistry' | 'BillDvP' | 'SettlementToken'): void {
  const artifact = JSON.parse(readFileSync(join(process.cwd(), 'contracts/artifacts', `${name}.json`), 'utf8')) as {
    deployedBytecode: string;
  };
  expect(keccak256(artifact.deployedBytecode)).toBe(artifacts[name].deployedBytecodeHash);
  const expected = getBytes(artifact.deployedBytecode);
  const actual = getBytes(onChain);
  expect(actual.length).toBe(expected.length);
  const differing = expected.filter((byte, i) => byte !== actual[i]);
  expect(differing.every((byte) => byte === 0)).toBe(true);
}

beforeAll(async () => {
  anvil = new AnvilProcess({ port: 0, chainId: CHAIN_ID, blockTimeSec: 0 });
  await anvil.start();
  // cacheTimeout -1: ethers otherwise reuses an eth_getTransactionCount answer for 250 ms.
  provider = new JsonRpcProvider(anvil.url, CHAIN_ID, { staticNetwork: true, batchMaxCount: 1, cacheTimeout: -1 });
  [operator, outsider] = [await fundedWallet(), await fundedWallet()];

  identity = await deploy(IdentityRegistryInterface, IdentityRegistryBytecode, connectIdentityRegistry, operator.address);
  const identityAddress = await identity.getAddress();
  await mined(identity.grantRole(REGISTRAR_ROLE, operator.address));

  token = await deploy(
    SettlementTokenInterface,
    SettlementTokenBytecode,
    connectSettlementToken,
    TOKEN_NAME,
    'tEUR',
    EUR,
    operator.address,
    identityAddress,
  );
  tokenAddress = await token.getAddress();
  await mined(token.grantRole(SETTLEMENT_AGENT_ROLE, operator.address));

  bills = await deploy(BillRegistryInterface, BillRegistryBytecode, connectBillRegistry, operator.address, identityAddress);
  billsAddress = await bills.getAddress();
  await mined(bills.grantRole(AGENT_ROLE, operator.address));

  dvp = await deploy(BillDvPInterface, BillDvPBytecode, connectBillDvP, operator.address, billsAddress);
  dvpAddress = await dvp.getAddress();
  await mined(dvp.grantRole(AGENT_ROLE, operator.address));
  await mined(bills.grantRole(AGENT_ROLE, dvpAddress));
  await mined(token.grantRole(id('DVP_ROLE'), dvpAddress));
  await mined(dvp.setSettlementToken(EUR, tokenAddress));
});

afterAll(async () => {
  provider?.destroy();
  await anvil?.stop();
});

describe('BillRegistry', () => {
  it('deploys the compiled runtime code and sets up roles, names and the EIP-712 domain', async () => {
    expectArtifactCode(await provider.getCode(billsAddress), 'BillRegistry');
    expect(await bills.AGENT_ROLE()).toBe(AGENT_ROLE);
    expect(await bills.ACCEPTANCE_TYPEHASH()).toBe(id('Acceptance(bytes32 billId,bytes32 commitment,uint256 deadline)'));
    expect(await bills.MAX_SPLIT_PARTS()).toBe(100n);
    expect(await bills.identityRegistry()).toBe(await identity.getAddress());
    expect(await bills.hasRole(DEFAULT_ADMIN_ROLE, operator.address)).toBe(true);
    // one admin behind AccessControlDefaultAdminRules, as every other contract (handover: contracts/test/Roles.t.sol)
    expect(await bills.defaultAdmin()).toBe(operator.address);
    expect(await bills.defaultAdminDelay()).toBe(2n * 24n * 3600n);
    expect(await bills.hasRole(AGENT_ROLE, dvpAddress)).toBe(true);
    expect(await bills.name()).toBe('Tally Bill');
    expect(await bills.symbol()).toBe('TBILL');
    const domain = await bills.eip712Domain();
    expect([domain.name, domain.version, domain.chainId, domain.verifyingContract]).toEqual([
      'Tally BillRegistry',
      '1',
      BigInt(CHAIN_ID),
      billsAddress,
    ]);
  });

  it('refuses a zero admin or identity registry', async () => {
    expect((await revertOf(() => deployBillRegistry(operator, ZeroAddress, billsAddress)))?.name).toBe('BillRegistry__ZeroAdmin');
    expect((await revertOf(() => deployBillRegistry(operator, operator.address, ZeroAddress)))?.name).toBe(
      'BillRegistry__ZeroIdentityRegistry',
    );
  });

  it('answers ERC-165 for IBillRegistry, IERC721 and IAccessControl', async () => {
    const names = [
      'AGENT_ROLE',
      'ACCEPTANCE_TYPEHASH',
      'MAX_SPLIT_PARTS',
      'identityRegistry',
      'issue',
      'accept',
      'agentTransfer',
      'split',
      'setEncumbrance',
      'markPaid',
      'cancel',
      'billOf',
      'commitmentOf',
      'acceptanceDigest',
      'isFingerprintRegistered',
      'billIdOfFingerprint',
    ];
    const interfaceId = toBeHex(
      names.map((n) => BigInt(BillRegistryInterface.getFunction(n)!.selector)).reduce((a, b) => a ^ b),
      4,
    );
    expect(await bills.supportsInterface(interfaceId)).toBe(true);
    expect(await bills.supportsInterface('0x80ac58cd')).toBe(true); // IERC721
    expect(await bills.supportsInterface('0x5b5e139f')).toBe(true); // IERC721Metadata
    expect(await bills.supportsInterface('0x7965db0b')).toBe(true); // IAccessControl
    expect(await bills.supportsInterface('0xffffffff')).toBe(false);
  });

  describe('issue', () => {
    it('mints the bill to the holder, stores its record, registers the fingerprint, emits BillIssued', async () => {
      const holder = await custodial();
      const obligor = await custodial();
      const bill = await issueBill({ holder: holder.address, obligor, amount: 123_456n });

      expect(await bills.ownerOf(tokenIdOf(bill.billId))).toBe(holder.address);
      const [record, currentHolder] = await bills.billOf(bill.billId);
      expect(currentHolder).toBe(holder.address);
      expect(record.amount).toBe(123_456n);
      expect(record.currency).toBe(EUR);
      expect(record.dueDate).toBe(bill.dueDate);
      expect(record.status).toBe(Status.ISSUED);
      expect(record.encumbrance).toBe(Enc.NONE);
      expect(record.obligor).toBe(obligor.address);
      expect(record.fingerprint).toBe(bill.fingerprint);
      expect(record.parent).toBe(ZeroHash);
      expect(await bills.isFingerprintRegistered(bill.fingerprint)).toBe(true);
      expect(await bills.billIdOfFingerprint(bill.fingerprint)).toBe(bill.billId);
      expect(await bills.isFingerprintRegistered(randomId())).toBe(false);

      expect(billEvents(bill.receipt)).toEqual([
        { name: 'Transfer', args: { from: ZeroAddress, to: holder.address, tokenId: tokenIdOf(bill.billId) } },
        {
          name: 'BillIssued',
          args: {
            billId: bill.billId,
            holder: holder.address,
            obligor: obligor.address,
            amount: 123_456n,
            currency: EUR,
            dueDate: bill.dueDate,
            fingerprint: bill.fingerprint,
          },
        },
      ]);
    });

    it('refuses a fingerprint registered before, even for another bill and holder', async () => {
      const first = await issueBill();
      const error = await revertOf(() =>
        bills.issue(randomId(), first.holder, first.obligor.address, 5n, EUR, first.dueDate, first.fingerprint),
      );
      expect(error).toEqual({
        name: 'BillRegistry__DuplicateFingerprint',
        args: { fingerprint: first.fingerprint, billId: first.billId },
      });
    });

    it('refuses bad input: zero or used bill id, zero fingerprint, amount, due date, obligor, bad currency', async () => {
      const holder = (await custodial()).address;
      const obligor = (await custodial()).address;
      const due = (await chainNow()) + DAY_SEC;
      const used = await issueBill();
      const cases: Array<[Parameters<BillRegistry['issue']>, DecodedError]> = [
        [[ZeroHash, holder, obligor, 1n, EUR, due, randomId()], { name: 'BillRegistry__ZeroBillId', args: {} }],
        [[used.billId, holder, obligor, 1n, EUR, due, randomId()], { name: 'BillRegistry__BillExists', args: { billId: used.billId } }],
        [[randomId(), holder, obligor, 1n, EUR, due, ZeroHash], { name: 'BillRegistry__ZeroFingerprint', args: {} }],
        [[randomId(), holder, obligor, 0n, EUR, due, randomId()], { name: 'BillRegistry__ZeroAmount', args: {} }],
        [
          [randomId(), holder, obligor, 1n, code('eur'), due, randomId()],
          { name: 'BillRegistry__InvalidCurrency', args: { currency: code('eur') } },
        ],
        [
          [randomId(), holder, obligor, 1n, '0x000000', due, randomId()],
          { name: 'BillRegistry__InvalidCurrency', args: { currency: '0x000000' } },
        ],
        [[randomId(), holder, obligor, 1n, EUR, 0n, randomId()], { name: 'BillRegistry__ZeroDueDate', args: {} }],
        [[randomId(), holder, ZeroAddress, 1n, EUR, due, randomId()], { name: 'BillRegistry__ZeroObligor', args: {} }],
      ];
      for (const [args, expected] of cases) {
        expect(await revertOf(() => bills.issue(...args))).toEqual(expected);
      }
    });

    it('refuses an unverified holder, and callers without AGENT_ROLE', async () => {
      const unverified = Wallet.createRandom().address;
      const obligor = (await custodial()).address;
      const due = (await chainNow()) + DAY_SEC;
      expect(await revertOf(() => bills.issue(randomId(), unverified, obligor, 1n, EUR, due, randomId()))).toEqual({
        name: 'BillRegistry__RecipientNotVerified',
        args: { recipient: unverified },
      });
      expect(await revertOf(() => bills.connect(outsider).issue(randomId(), obligor, obligor, 1n, EUR, due, randomId()))).toEqual({
        name: 'AccessControlUnauthorizedAccount',
        args: { account: outsider.address, neededRole: AGENT_ROLE },
      });
    });
  });

  describe('accept', () => {
    it("records the obligor's EIP-712 signature: digest and commitment match the off-chain computation", async () => {
      const bill = await issueBill();
      const deadline = (await chainNow()) + 3600n;
      const expectedCommitment = commitment(bill.obligor.address, bill.amount, EUR, bill.dueDate, bill.fingerprint);
      expect(await bills.commitmentOf(bill.billId)).toBe(expectedCommitment);
      const offChainDigest = TypedDataEncoder.hash(acceptanceDomain(), ACCEPTANCE_TYPES, {
        billId: bill.billId,
        commitment: expectedCommitment,
        deadline,
      });
      expect(await bills.acceptanceDigest(bill.billId, deadline)).toBe(offChainDigest);

      const signature = await signAcceptance(bill.obligor, bill.billId, deadline);
      // anyone may submit a valid signature
      const receipt = await mined(bills.connect(outsider).accept(bill.billId, deadline, signature));
      expect(billEvents(receipt)).toEqual([
        { name: 'BillAccepted', args: { billId: bill.billId, obligor: bill.obligor.address, commitment: expectedCommitment } },
      ]);
      expect(await statusOf(bill.billId)).toBe(Status.ACCEPTED);
    });

    it('refuses a replayed signature; acceptances signed together by one obligor all count, in any order', async () => {
      const obligor = await custodial();
      const [first, second, third] = [await issueBill({ obligor }), await issueBill({ obligor }), await issueBill({ obligor })];
      const deadline = (await chainNow()) + 3600n;
      // signed at the same moment, submitted in another order, mined in one block
      const sigs = [await signAcceptance(obligor, first!.billId, deadline), await signAcceptance(obligor, second!.billId, deadline), await signAcceptance(obligor, third!.billId, deadline)];
      await provider.send('evm_setAutomine', [false]);
      let sent;
      try {
        sent = [await bills.accept(third!.billId, deadline, sigs[2]!), await bills.accept(first!.billId, deadline, sigs[0]!), await bills.accept(second!.billId, deadline, sigs[1]!)];
        await provider.send('evm_mine', []);
      } finally {
        await provider.send('evm_setAutomine', [true]);
      }
      const receipts = await Promise.all(sent.map((tx) => tx.wait()));
      expect(new Set(receipts.map((r) => r!.blockNumber)).size).toBe(1);
      for (const b of [first, second, third]) expect(await statusOf(b!.billId)).toBe(Status.ACCEPTED);

      // the same signature again: the bill is no longer ISSUED
      expect(await revertOf(() => bills.accept(first!.billId, deadline, sigs[0]!))).toEqual({
        name: 'BillRegistry__InvalidStatus',
        args: { billId: first!.billId, status: Status.ACCEPTED },
      });
    });

    it('refuses a wrong signer, other terms, another bill, another deadline and a malformed signature', async () => {
      const bill = await issueBill();
      const other = await issueBill({ obligor: bill.obligor });
      const deadline = (await chainNow()) + 3600n;
      const invalid = { name: 'BillRegistry__InvalidSignature', args: { billId: bill.billId, obligor: bill.obligor.address } };

      const byStranger = await signAcceptance(Wallet.createRandom(), bill.billId, deadline);
      const byHolder = await signAcceptance(await custodial(), bill.billId, deadline);
      const otherTerms = await signAcceptance(bill.obligor, bill.billId, deadline, {
        commitment: commitment(bill.obligor.address, bill.amount - 1n, EUR, bill.dueDate, bill.fingerprint),
      });
      const forOtherBill = await signAcceptance(bill.obligor, other.billId, deadline);
      const valid = await signAcceptance(bill.obligor, bill.billId, deadline);
      for (const signature of [byStranger, byHolder, otherTerms, forOtherBill, '0x' + '00'.repeat(65), '0x1234']) {
        expect(await revertOf(() => bills.accept(bill.billId, deadline, signature))).toEqual(invalid);
      }
      expect(await revertOf(() => bills.accept(bill.billId, deadline + 1n, valid))).toEqual(invalid);
      expect(await statusOf(bill.billId)).toBe(Status.ISSUED);
    });

    it('refuses an expired deadline and an unknown bill', async () => {
      const bill = await issueBill();
      const past = (await chainNow()) - 1n;
      const signature = await signAcceptance(bill.obligor, bill.billId, past);
      expect(await revertOf(() => bills.accept(bill.billId, past, signature))).toEqual({
        name: 'BillRegistry__SignatureExpired',
        args: { deadline: past },
      });
      const unknown = randomId();
      expect(await revertOf(() => bills.accept(unknown, past + 3600n, signature))).toEqual({
        name: 'BillRegistry__UnknownBill',
        args: { billId: unknown },
      });
      expect(await revertOf(() => bills.commitmentOf(unknown))).toEqual({ name: 'BillRegistry__UnknownBill', args: { billId: unknown } });
    });
  });

  describe('transfer', () => {
    it('agentTransfer endorses the bill to a verified wallet', async () => {
      const bill = await issueBill();
      const to = await custodial();
      const receipt = await mined(bills.agentTransfer(bill.billId, to.address));
      expect(await bills.ownerOf(tokenIdOf(bill.billId))).toBe(to.address);
      expect(billEvents(receipt)).toEqual([
        { name: 'Transfer', args: { from: bill.holder, to: to.address, tokenId: tokenIdOf(bill.billId) } },
      ]);
      expect((await revertOf(() => bills.connect(outsider).agentTransfer(bill.billId, bill.holder)))?.name).toBe(
        'AccessControlUnauthorizedAccount',
      );
    });

    it('refuses an unverified recipient: agent transfer and the ERC-721 transfers', async () => {
      const holder = await fundedWallet(); // holds its own wallet and sends its own transactions
      await verify(holder.address);
      const bill = await issueBill({ holder: holder.address });
      const unverified = Wallet.createRandom().address;
      const refused = { name: 'BillRegistry__RecipientNotVerified', args: { recipient: unverified } };
      const asHolder = bills.connect(holder);
      const tokenId = tokenIdOf(bill.billId);

      expect(await revertOf(() => bills.agentTransfer(bill.billId, unverified))).toEqual(refused);
      expect(await revertOf(() => asHolder.transferFrom(holder.address, unverified, tokenId))).toEqual(refused);
      expect(await revertOf(() => asHolder['safeTransferFrom(address,address,uint256)'](holder.address, unverified, tokenId))).toEqual(
        refused,
      );
      expect(
        await revertOf(() => asHolder['safeTransferFrom(address,address,uint256,bytes)'](holder.address, unverified, tokenId, '0x')),
      ).toEqual(refused);
      expect(await bills.ownerOf(tokenId)).toBe(holder.address);

      // the same holder transfers to a verified wallet itself
      const to = await custodial();
      await mined(asHolder.transferFrom(holder.address, to.address, tokenId));
      expect(await bills.ownerOf(tokenId)).toBe(to.address);
    });

    it('refuses a recipient whose verification has expired', async () => {
      const expiring = Wallet.createRandom().address;
      await mined(identity.register(expiring, DE, (await chainNow()) + 30n));
      const bill = await issueBill();
      await provider.send('evm_increaseTime', [60]);
      await provider.send('evm_mine', []);
      expect(await revertOf(() => bills.agentTransfer(bill.billId, expiring))).toEqual({
        name: 'BillRegistry__RecipientNotVerified',
        args: { recipient: expiring },
      });
    });

    it('refuses to move an encumbered bill, by agent or holder, until it is released', async () => {
      const holder = await fundedWallet();
      await verify(holder.address);
      const bill = await issueBill({ holder: holder.address });
      const to = await custodial();
      const tokenId = tokenIdOf(bill.billId);

      const set = await mined(bills.setEncumbrance(bill.billId, Enc.PLEDGED));
      expect(billEvents(set)).toEqual([
        { name: 'EncumbranceChanged', args: { billId: bill.billId, previous: Enc.NONE, current: Enc.PLEDGED } },
      ]);
      const encumbered = { name: 'BillRegistry__BillEncumbered', args: { billId: bill.billId, encumbrance: Enc.PLEDGED } };
      expect(await revertOf(() => bills.agentTransfer(bill.billId, to.address))).toEqual(encumbered);
      expect(await revertOf(() => bills.connect(holder).transferFrom(holder.address, to.address, tokenId))).toEqual(encumbered);
      expect(
        await revertOf(() => bills.connect(holder)['safeTransferFrom(address,address,uint256)'](holder.address, to.address, tokenId)),
      ).toEqual(encumbered);
      expect(await revertOf(() => bills.cancel(bill.billId))).toEqual(encumbered);
      expect(await bills.ownerOf(tokenId)).toBe(holder.address);

      await mined(bills.setEncumbrance(bill.billId, Enc.NONE));
      await mined(bills.agentTransfer(bill.billId, to.address));
      expect(await bills.ownerOf(tokenId)).toBe(to.address);
      expect((await revertOf(() => bills.connect(outsider).setEncumbrance(bill.billId, Enc.POOLED)))?.name).toBe(
        'AccessControlUnauthorizedAccount',
      );
    });
  });

  describe('cancel and markPaid', () => {
    it('cancels an ISSUED bill: burned, record kept as CANCELLED, fingerprint stays taken', async () => {
      const bill = await issueBill();
      const receipt = await mined(bills.cancel(bill.billId));
      expect(billEvents(receipt)).toEqual([
        { name: 'Transfer', args: { from: bill.holder, to: ZeroAddress, tokenId: tokenIdOf(bill.billId) } },
        { name: 'BillCancelled', args: { billId: bill.billId, holder: bill.holder } },
      ]);
      const [record, holder] = await bills.billOf(bill.billId);
      expect([record.status, record.amount, holder]).toEqual([Status.CANCELLED, bill.amount, ZeroAddress]);
      expect((await revertOf(() => bills.ownerOf(tokenIdOf(bill.billId))))?.name).toBe('ERC721NonexistentToken');
      expect((await revertOf(() => issueBill({ fingerprint: bill.fingerprint })))?.name).toBe('BillRegistry__DuplicateFingerprint');
      // the id is never reused either
      expect(await revertOf(() => bills.issue(bill.billId, bill.holder, bill.obligor.address, 1n, EUR, bill.dueDate, randomId()))).toEqual({
        name: 'BillRegistry__BillExists',
        args: { billId: bill.billId },
      });
      expect(await revertOf(() => bills.setEncumbrance(bill.billId, Enc.PLEDGED))).toEqual({
        name: 'BillRegistry__InvalidStatus',
        args: { billId: bill.billId, status: Status.CANCELLED },
      });
    });

    it('refuses to cancel an ACCEPTED bill', async () => {
      const bill = await issueBill();
      await acceptBill(bill);
      expect(await revertOf(() => bills.cancel(bill.billId))).toEqual({
        name: 'BillRegistry__InvalidStatus',
        args: { billId: bill.billId, status: Status.ACCEPTED },
      });
    });

    it('marks an ACCEPTED bill PAID (burned, record kept), once; an ISSUED one cannot be paid', async () => {
      const bill = await issueBill();
      expect(await revertOf(() => bills.markPaid(bill.billId))).toEqual({
        name: 'BillRegistry__InvalidStatus',
        args: { billId: bill.billId, status: Status.ISSUED },
      });
      await acceptBill(bill);
      const receipt = await mined(bills.markPaid(bill.billId));
      expect(billEvents(receipt)).toEqual([
        { name: 'Transfer', args: { from: bill.holder, to: ZeroAddress, tokenId: tokenIdOf(bill.billId) } },
        { name: 'BillPaid', args: { billId: bill.billId, holder: bill.holder } },
      ]);
      const [record, holder] = await bills.billOf(bill.billId);
      expect([record.status, record.amount, record.obligor, holder]).toEqual([Status.PAID, bill.amount, bill.obligor.address, ZeroAddress]);
      expect(await revertOf(() => bills.markPaid(bill.billId))).toEqual({
        name: 'BillRegistry__InvalidStatus',
        args: { billId: bill.billId, status: Status.PAID },
      });
      expect((await revertOf(() => bills.connect(outsider).markPaid(bill.billId)))?.name).toBe('AccessControlUnauthorizedAccount');
      const unknown = randomId();
      expect(await revertOf(() => bills.markPaid(unknown))).toEqual({ name: 'BillRegistry__UnknownBill', args: { billId: unknown } });
    });
  });

  describe('split', () => {
    it('burns the parent and mints parts that inherit its terms and sum to it', async () => {
      const bill = await issueBill({ amount: 1_000_000n });
      await acceptBill(bill);
      const amounts = [500_000n, 300_000n, 200_000n];
      const childIds = [randomId(), randomId(), randomId()];
      const receipt = await mined(bills.split(bill.billId, amounts, childIds));

      const events = billEvents(receipt);
      expect(events[0]).toEqual({ name: 'Transfer', args: { from: bill.holder, to: ZeroAddress, tokenId: tokenIdOf(bill.billId) } });
      expect(events.slice(1, 4)).toEqual(
        childIds.map((c) => ({ name: 'Transfer', args: { from: ZeroAddress, to: bill.holder, tokenId: tokenIdOf(c) } })),
      );
      expect(events[4]).toEqual({ name: 'BillSplit', args: { parentId: bill.billId, childIds, amounts } });

      const [parent, parentHolder] = await bills.billOf(bill.billId);
      expect([parent.status, parent.amount, parentHolder]).toEqual([Status.SPLIT, 1_000_000n, ZeroAddress]);
      let sum = 0n;
      for (const [i, childId] of childIds.entries()) {
        const [child, holder] = await bills.billOf(childId);
        const fingerprint = keccak256(AbiCoder.defaultAbiCoder().encode(['bytes32', 'uint256'], [bill.fingerprint, i]));
        expect(holder).toBe(bill.holder);
        expect(child.amount).toBe(amounts[i]);
        expect([child.currency, child.dueDate, child.obligor, child.status, child.encumbrance, child.parent]).toEqual([
          EUR,
          bill.dueDate,
          bill.obligor.address,
          Status.ACCEPTED,
          Enc.NONE,
          bill.billId,
        ]);
        expect(child.fingerprint).toBe(fingerprint);
        expect(await bills.billIdOfFingerprint(fingerprint)).toBe(childId);
        sum += child.amount;
      }
      expect(sum).toBe(parent.amount);
      expect(await bills.balanceOf(bill.holder)).toBe(3n);
    });

    it('lets the parts of an ISSUED bill be accepted one by one, and split again', async () => {
      const bill = await issueBill({ amount: 90n });
      const childIds = [randomId(), randomId()];
      await mined(bills.split(bill.billId, [60n, 30n], childIds));
      expect(await statusOf(childIds[0]!)).toBe(Status.ISSUED);
      await acceptBill({ billId: childIds[0]!, obligor: bill.obligor });
      expect(await statusOf(childIds[0]!)).toBe(Status.ACCEPTED);
      expect(await statusOf(childIds[1]!)).toBe(Status.ISSUED);

      const grandchildren = [randomId(), randomId(), randomId()];
      await mined(bills.split(childIds[0]!, [20n, 20n, 20n], grandchildren));
      const [grandchild] = await bills.billOf(grandchildren[2]!);
      const [child] = await bills.billOf(childIds[0]!);
      expect(grandchild.parent).toBe(childIds[0]);
      expect(grandchild.status).toBe(Status.ACCEPTED);
      expect(grandchild.fingerprint).toBe(keccak256(AbiCoder.defaultAbiCoder().encode(['bytes32', 'uint256'], [child.fingerprint, 2])));
    });

    it('refuses parts that do not sum to the parent, zero parts and malformed part lists', async () => {
      const bill = await issueBill({ amount: 1_000n });
      const ids = (n: number) => Array.from({ length: n }, randomId);
      expect(await revertOf(() => bills.split(bill.billId, [500n, 499n], ids(2)))).toEqual({
        name: 'BillRegistry__SplitSumMismatch',
        args: { expected: 1_000n, actual: 999n },
      });
      expect(await revertOf(() => bills.split(bill.billId, [500n, 501n], ids(2)))).toEqual({
        name: 'BillRegistry__SplitSumMismatch',
        args: { expected: 1_000n, actual: 1_001n },
      });
      expect(await revertOf(() => bills.split(bill.billId, [1_000n, 0n], ids(2)))).toEqual({ name: 'BillRegistry__ZeroAmount', args: {} });
      expect(await revertOf(() => bills.split(bill.billId, [500n, 500n], ids(3)))).toEqual({
        name: 'BillRegistry__SplitLengthMismatch',
        args: { amounts: 2n, childIds: 3n },
      });
      expect(await revertOf(() => bills.split(bill.billId, [1_000n], ids(1)))).toEqual({
        name: 'BillRegistry__SplitPartCount',
        args: { count: 1n },
      });
      expect(await revertOf(() => bills.split(bill.billId, Array<bigint>(101).fill(1n), ids(101)))).toEqual({
        name: 'BillRegistry__SplitPartCount',
        args: { count: 101n },
      });
      const [id0, id1] = ids(2);
      expect(await revertOf(() => bills.split(bill.billId, [500n, 500n], [id0!, id0!]))).toEqual({
        name: 'BillRegistry__BillExists',
        args: { billId: id0 },
      });
      expect(await revertOf(() => bills.split(bill.billId, [500n, 500n], [id1!, bill.billId]))).toEqual({
        name: 'BillRegistry__BillExists',
        args: { billId: bill.billId },
      });
      expect(await revertOf(() => bills.split(bill.billId, [500n, 500n], [ZeroHash, id1!]))).toEqual({
        name: 'BillRegistry__ZeroBillId',
        args: {},
      });
      // nothing changed
      const [record, holder] = await bills.billOf(bill.billId);
      expect([record.status, holder]).toEqual([Status.ISSUED, bill.holder]);
      expect(await bills.balanceOf(bill.holder)).toBe(1n);
    });

    it('conserves the amount for the largest uint128 face amount (no overflow)', async () => {
      const bill = await issueBill({ amount: MAX_UINT128 });
      const amounts = [MAX_UINT128 - 2n, 1n, 1n];
      const childIds = [randomId(), randomId(), randomId()];
      await mined(bills.split(bill.billId, amounts, childIds));
      expect((await bills.billOf(childIds[0]!))[0].amount).toBe(MAX_UINT128 - 2n);
      const other = await issueBill({ amount: MAX_UINT128 });
      expect(await revertOf(() => bills.split(other.billId, [MAX_UINT128, 1n], [randomId(), randomId()]))).toEqual({
        name: 'BillRegistry__SplitSumMismatch',
        args: { expected: MAX_UINT128, actual: MAX_UINT128 + 1n },
      });
    });

    it('refuses an encumbered bill, a finished bill and a caller who is neither holder nor agent', async () => {
      const bill = await issueBill({ amount: 100n });
      await mined(bills.setEncumbrance(bill.billId, Enc.FINANCED));
      expect(await revertOf(() => bills.split(bill.billId, [50n, 50n], [randomId(), randomId()]))).toEqual({
        name: 'BillRegistry__BillEncumbered',
        args: { billId: bill.billId, encumbrance: Enc.FINANCED },
      });
      await mined(bills.setEncumbrance(bill.billId, Enc.NONE));
      expect(await revertOf(() => bills.connect(outsider).split(bill.billId, [50n, 50n], [randomId(), randomId()]))).toEqual({
        name: 'BillRegistry__NotAuthorized',
        args: { account: outsider.address, billId: bill.billId },
      });
      await mined(bills.cancel(bill.billId));
      expect(await revertOf(() => bills.split(bill.billId, [50n, 50n], [randomId(), randomId()]))).toEqual({
        name: 'BillRegistry__InvalidStatus',
        args: { billId: bill.billId, status: Status.CANCELLED },
      });
    });

    it('lets a self-custody holder, or an account it approved, split its own bill', async () => {
      const holder = await fundedWallet();
      await verify(holder.address);
      const bill = await issueBill({ holder: holder.address, amount: 100n });
      const parts = [randomId(), randomId()];
      await mined(bills.connect(holder).split(bill.billId, [70n, 30n], parts));
      expect(await bills.ownerOf(tokenIdOf(parts[0]!))).toBe(holder.address);

      await mined(bills.connect(holder).approve(outsider.address, tokenIdOf(parts[0]!)));
      await mined(bills.connect(outsider).split(parts[0]!, [35n, 35n], [randomId(), randomId()]));
      expect(await bills.balanceOf(holder.address)).toBe(3n);
    });

    it('property: 50 random partitions conserve the amount and the inherited terms', async () => {
      const seed = Number(process.env.SPLIT_SEED ?? 20240601);
      const random = prng(seed);
      const holder = await custodial();
      const obligor = await custodial();
      const dueDate = (await chainNow()) + 30n * DAY_SEC;
      for (let run = 0; run < 50; run++) {
        const parts = 2 + Math.floor(random() * 9); // 2..10
        const total = BigInt(parts + Math.floor(random() * 1e12));
        // parts - 1 distinct cut points in 1..total-1, so every part is > 0
        const cuts = new Set<bigint>();
        while (cuts.size < parts - 1) cuts.add(1n + BigInt(Math.floor(random() * Number(total - 1n))));
        const points = [0n, ...[...cuts].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0)), total];
        const amounts = points.slice(1).map((p, i) => p - points[i]!);
        const childIds = amounts.map(randomId);

        const bill = await issueBill({ holder: holder.address, obligor, amount: total, dueDate });
        const accepted = random() < 0.5;
        if (accepted) await acceptBill(bill);
        await mined(bills.split(bill.billId, amounts, childIds));

        const [parent] = await bills.billOf(bill.billId);
        const children = await Promise.all(childIds.map((childId) => bills.billOf(childId)));
        let sum = 0n;
        for (const [i, [child, childHolder]] of children.entries()) {
          sum += child.amount;
          const context = `seed ${seed}, run ${run}, part ${i}`;
          expect({
            context,
            amount: child.amount,
            holder: childHolder,
            status: child.status,
            dueDate: child.dueDate,
            obligor: child.obligor,
            parent: child.parent,
            fingerprint: child.fingerprint,
          }).toEqual({
            context,
            amount: amounts[i],
            holder: holder.address,
            status: accepted ? Status.ACCEPTED : Status.ISSUED,
            dueDate,
            obligor: obligor.address,
            parent: bill.billId,
            fingerprint: keccak256(AbiCoder.defaultAbiCoder().encode(['bytes32', 'uint256'], [bill.fingerprint, i])),
          });
        }
        expect({ seed, run, sum }).toEqual({ seed, run, sum: total });
        expect(parent.status).toBe(Status.SPLIT);
      }
    }, 180_000);
  });

  describe('reentrancy through a malicious ERC-721 receiver', () => {
    const receiverCall = (name: 'split' | 'agentTransfer', args: unknown[]): string => BillRegistryInterface.encodeFunctionData(name, args);

    it('an unarmed receiver contract takes issued and split bills (control)', async () => {
      const receiver = await deploy(ReentrantERC721ReceiverInterface, ReentrantERC721ReceiverBytecode, connectReentrantERC721Receiver);
      const receiverAddress = await receiver.getAddress();
      await verify(receiverAddress);
      const bill = await issueBill({ holder: receiverAddress, amount: 10n });
      await mined(bills.split(bill.billId, [5n, 5n], [randomId(), randomId()]));
      expect(await bills.balanceOf(receiverAddress)).toBe(2n);
      expect(await receiver.reentries()).toBe(0n);
    });

    it('re-entering split from the issue callback reverts the whole issue', async () => {
      const receiver = await deploy(ReentrantERC721ReceiverInterface, ReentrantERC721ReceiverBytecode, connectReentrantERC721Receiver);
      const receiverAddress = await receiver.getAddress();
      await verify(receiverAddress);
      const billId = randomId();
      const fingerprint = randomId();
      // the receiver is the holder of the bill being issued, so only the guard can stop its split
      await mined(receiver.arm(billsAddress, receiverCall('split', [billId, [1n, 1n], [randomId(), randomId()]])));
      const obligor = (await custodial()).address;
      const due = (await chainNow()) + DAY_SEC;
      expect(await revertOf(() => bills.issue(billId, receiverAddress, obligor, 2n, EUR, due, fingerprint))).toEqual({
        name: 'ReentrancyGuardReentrantCall',
        args: {},
      });
      expect(await statusOf(billId)).toBe(Status.NONE);
      expect(await bills.isFingerprintRegistered(fingerprint)).toBe(false);
      expect(await bills.balanceOf(receiverAddress)).toBe(0n);
    });

    it('re-entering transferFrom from the split callback reverts the whole split', async () => {
      const receiver = await deploy(ReentrantERC721ReceiverInterface, ReentrantERC721ReceiverBytecode, connectReentrantERC721Receiver);
      const receiverAddress = await receiver.getAddress();
      await verify(receiverAddress);
      const bill = await issueBill({ holder: receiverAddress, amount: 10n });
      const childIds = [randomId(), randomId()];
      const thief = await custodial();
      await mined(
        receiver.arm(
          billsAddress,
          BillRegistryInterface.encodeFunctionData('transferFrom', [receiverAddress, thief.address, tokenIdOf(childIds[0]!)]),
        ),
      );
      expect(await revertOf(() => bills.split(bill.billId, [4n, 6n], childIds))).toEqual({
        name: 'ReentrancyGuardReentrantCall',
        args: {},
      });
      const [parent, holder] = await bills.billOf(bill.billId);
      expect([parent.status, holder]).toEqual([Status.ISSUED, receiverAddress]);
      expect(await statusOf(childIds[0]!)).toBe(Status.NONE);
      expect(await bills.balanceOf(thief.address)).toBe(0n);
    });

    it('re-entering agentTransfer (even holding AGENT_ROLE) from the transfer callback reverts the transfer', async () => {
      const receiver = await deploy(ReentrantERC721ReceiverInterface, ReentrantERC721ReceiverBytecode, connectReentrantERC721Receiver);
      const receiverAddress = await receiver.getAddress();
      await verify(receiverAddress);
      await mined(bills.grantRole(AGENT_ROLE, receiverAddress)); // without the guard the call would pass
      try {
        const bill = await issueBill({ amount: 10n });
        const other = await custodial();
        await mined(receiver.arm(billsAddress, receiverCall('agentTransfer', [bill.billId, other.address])));
        expect(await revertOf(() => bills.agentTransfer(bill.billId, receiverAddress))).toEqual({
          name: 'ReentrancyGuardReentrantCall',
          args: {},
        });
        expect(await bills.ownerOf(tokenIdOf(bill.billId))).toBe(bill.holder);

        // re-entering split through the holder's own safeTransferFrom is refused as well
        const holder = await fundedWallet();
        await verify(holder.address);
        const own = await issueBill({ holder: holder.address, amount: 10n });
        await mined(receiver.arm(billsAddress, receiverCall('split', [own.billId, [5n, 5n], [randomId(), randomId()]])));
        expect(
          await revertOf(() =>
            bills.connect(holder)['safeTransferFrom(address,address,uint256)'](holder.address, receiverAddress, tokenIdOf(own.billId)),
          ),
        ).toEqual({ name: 'ReentrancyGuardReentrantCall', args: {} });
        expect(await bills.ownerOf(tokenIdOf(own.billId))).toBe(holder.address);
      } finally {
        await mined(bills.revokeRole(AGENT_ROLE, receiverAddress));
      }
      expect(await receiver.reentries()).toBe(0n);
    });
  });
});

describe('gas', () => {
  it('prints issue, accept, split, transfer, DvP financing and repayment against an OpenZeppelin ERC-721 baseline', async () => {
    const rows: Array<[string, bigint]> = [];
    const gas = async (label: string, tx: Promise<ContractTransactionResponse>): Promise<TransactionReceipt> => {
      const receipt = await mined(tx);
      rows.push([label, receipt.gasUsed]);
      return receipt;
    };

    // baseline: plain OpenZeppelin ERC-721, fresh recipients (balance slot 0 -> 1 like the bills below)
    const baseline = await deploy(BaselineERC721Interface, BaselineERC721Bytecode, connectBaselineERC721);
    const baselineHolder = await fundedWallet();
    await gas('baseline ERC-721 _mint', baseline.mint(baselineHolder.address, 1n));
    await gas('baseline ERC-721 _safeMint (EOA)', baseline.safeMint(Wallet.createRandom().address, 2n));
    await gas(
      'baseline ERC-721 transferFrom',
      baseline.connect(baselineHolder).transferFrom(baselineHolder.address, Wallet.createRandom().address, 1n),
    );

    // a bill's life: issue, accept, split in 3, transfers, financing of one part, repayment
    const supplier = await fundedWallet();
    await verify(supplier.address);
    const buyer = await custodial();
    const bank = await custodial();
    const tier2 = await custodial();
    const bill = randomId();
    const due = (await chainNow()) + 90n * DAY_SEC;
    await gas('BillRegistry.issue', bills.issue(bill, supplier.address, buyer.address, 3_000_000n, EUR, due, randomId()));
    const deadline = (await chainNow()) + 3600n;
    await gas('BillRegistry.accept', bills.accept(bill, deadline, await signAcceptance(buyer, bill, deadline)));
    const parts = [randomId(), randomId(), randomId()];
    await gas('BillRegistry.split (3 parts)', bills.split(bill, [1_000_000n, 1_000_000n, 1_000_000n], parts));
    await gas('BillRegistry.agentTransfer', bills.agentTransfer(parts[0]!, tier2.address));
    await gas(
      'BillRegistry.transferFrom (holder)',
      bills.connect(supplier).transferFrom(supplier.address, (await custodial()).address, tokenIdOf(parts[1]!)),
    );

    await mined(token.mint(bank.address, 10_000_000n, randomId()));
    await mined(token.mint(buyer.address, 10_000_000n, randomId()));
    // the payer's EIP-712 consent to the one trade (BillDvP checks it; no allowance)
    const consent = async (payer: HDNodeWallet, kind: DvpConsentKind, billId: string, amount: bigint, payee: string) =>
      signDvpConsent(payer, kind, { billId, amount, payer: payer.address, payee }, { chainId: CHAIN_ID, billDvP: dvpAddress, deadline: (await chainNow()) + 3600n, nonce: BigInt(randomId()) });
    await gas(
      'BillDvP.settleFinancing (consent)',
      dvp.settleFinancing(randomId(), parts[0]!, bank.address, 970_000n, await consent(bank, 'financing', parts[0]!, 970_000n, tier2.address)),
    );
    await gas(
      'BillDvP.settleRepayment (consent)',
      dvp.settleRepayment(randomId(), parts[0]!, await consent(buyer, 'repayment', parts[0]!, 1_000_000n, bank.address)),
    );
    expect(await statusOf(parts[0]!)).toBe(Status.PAID);
    expect(await token.balanceOf(bank.address)).toBe(10_000_000n - 970_000n + 1_000_000n);

    const width = Math.max(...rows.map(([label]) => label.length));
    console.log(
      [
        'gas used (receipt.gasUsed, incl. 21000 intrinsic)',
        ...rows.map(([label, used]) => `${label.padEnd(width)}  ${used.toString().padStart(7)}`),
      ].join('\n'),
    );
    const used = Object.fromEntries(rows);
    expect(used['BillRegistry.issue']!).toBeLessThan(250_000n);
    expect(used['BillRegistry.accept']!).toBeLessThan(80_000n);
    expect(used['BillRegistry.split (3 parts)']!).toBeLessThan(550_000n);
    expect(used['BillRegistry.agentTransfer']!).toBeLessThan(100_000n);
    expect(used['BillDvP.settleFinancing (consent)']!).toBeLessThan(250_000n);
    expect(used['BillDvP.settleRepayment (consent)']!).toBeLessThan(200_000n);
  });
});
