// TrancheToken, SpvVault and TrancheDvP (with IdentityRegistry, BillRegistry and SettlementToken)
// against a real anvil node, through the generated bindings: the tranche token's transfer rules
// and reason codes, the agent's pause, freeze, forced transfer and wallet recovery, the batched
// true sale into the vault, the subscription DvP's atomicity, reentrancy through a malicious
// settlement token, and role checks.
import {
  ContractFactory,
  JsonRpcProvider,
  Signature,
  Wallet,
  ZeroAddress,
  ZeroHash,
  hexlify,
  id,
  isCallException,
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
import { allocateSubscriptions } from '#securitization';
import { AnvilProcess } from '../../libs/chain/src/embedded/anvil.process.js';
import {
  BillRegistryBytecode,
  BillRegistryInterface,
  IdentityRegistryBytecode,
  IdentityRegistryInterface,
  ReentrantERC20Bytecode,
  ReentrantERC20Interface,
  SettlementTokenBytecode,
  SettlementTokenInterface,
  SpvVaultBytecode,
  SpvVaultInterface,
  TrancheDvPBytecode,
  TrancheDvPInterface,
  TrancheTokenBytecode,
  TrancheTokenInterface,
  connectBillRegistry,
  connectIdentityRegistry,
  connectReentrantERC20,
  connectSettlementToken,
  connectSpvVault,
  connectTrancheDvP,
  connectTrancheToken,
  decodeBillRegistryError,
  decodeSettlementTokenError,
  decodeSpvVaultError,
  decodeSpvVaultEvent,
  decodeTrancheDvPError,
  decodeTrancheDvPEvent,
  decodeTrancheTokenError,
  decodeTrancheTokenEvent,
  type BillRegistry,
  type IdentityRegistry,
  type ReentrantERC20,
  type SettlementToken,
  type SpvVault,
  type TrancheDvP,
  type TrancheToken,
} from '../../contracts/generated/index.js';

const CHAIN_ID = 31337;
const DEFAULT_ADMIN_ROLE = ZeroHash;
const AGENT_ROLE = id('AGENT_ROLE');
const MINTER_ROLE = id('MINTER_ROLE');
const REGISTRAR_ROLE = id('REGISTRAR_ROLE');
const SETTLEMENT_AGENT_ROLE = id('SETTLEMENT_AGENT_ROLE');
const TEN_YEARS_SEC = 10n * 365n * 24n * 3600n;
const DAY_SEC = 24n * 3600n;

const code = (text: string): string => hexlify(toUtf8Bytes(text));
const EUR = code('EUR');
const DE = code('DE');
const TOKEN_NAME = 'Tally EUR Deposit';

/** ITrancheToken.ReasonCode. */
const Reason = {
  OK: 0n,
  PAUSED: 1n,
  ZERO_ADDRESS: 2n,
  SENDER_FROZEN: 3n,
  RECEIVER_FROZEN: 4n,
  SENDER_NOT_VERIFIED: 5n,
  RECEIVER_NOT_VERIFIED: 6n,
  RECEIVER_NOT_ELIGIBLE: 7n,
  INSUFFICIENT_BALANCE: 8n,
  AMOUNT_TOO_LARGE: 9n,
} as const;
const Status = { ACCEPTED: 2n } as const;
const Enc = { NONE: 0n, FINANCED: 1n, POOLED: 3n } as const;

const ACCEPTANCE_TYPES = {
  Acceptance: [
    { name: 'billId', type: 'bytes32' },
    { name: 'commitment', type: 'bytes32' },
    { name: 'deadline', type: 'uint256' },
  ],
};
const PERMIT_TYPES = {
  Permit: [
    { name: 'owner', type: 'address' },
    { name: 'spender', type: 'address' },
    { name: 'value', type: 'uint256' },
    { name: 'nonce', type: 'uint256' },
    { name: 'deadline', type: 'uint256' },
  ],
};

let anvil: AnvilProcess;
let provider: JsonRpcProvider;
let operator: HDNodeWallet; // admin and agent everywhere, like the platform operator
let outsider: HDNodeWallet;
let identity: IdentityRegistry;
let cash: SettlementToken;
let bills: BillRegistry;
let notes: TrancheToken;
let vault: SpvVault;
let dvp: TrancheDvP;
let cashAddress: string;
let billsAddress: string;
let notesAddress: string;
let vaultAddress: string;
let dvpAddress: string;
const TRANCHE_ID = id('deal-1/class-A');

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

/** Polls for the receipt instead of `tx.wait()` (see test/contracts/settlement.e2e-spec.ts). */
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

function decodeError(data: string): DecodedError | null {
  for (const decode of [decodeTrancheTokenError, decodeSpvVaultError, decodeTrancheDvPError, decodeBillRegistryError, decodeSettlementTokenError]) {
    const decoded = decode(data);
    if (decoded) return decoded as DecodedError;
  }
  return null;
}

/** Runs `action`, expects a revert, and decodes the revert data with the ABIs of all contracts involved. */
async function revertOf(action: () => Promise<unknown>): Promise<DecodedError | null> {
  try {
    await action();
  } catch (err) {
    if (isCallException(err) && err.data) return decodeError(err.data);
    throw err;
  }
  throw new Error('expected a revert, but the call succeeded');
}

async function verify(wallet: string): Promise<void> {
  await mined(identity.register(wallet, DE, (await chainNow()) + TEN_YEARS_SEC));
}

/** A funded wallet, verified and (unless told otherwise) eligible for the notes. */
async function investor(opts: { eligible?: boolean; verified?: boolean; funded?: boolean } = {}): Promise<HDNodeWallet> {
  const wallet = opts.funded === false ? Wallet.createRandom(provider) : await fundedWallet();
  if (opts.verified !== false) await verify(wallet.address);
  if (opts.eligible !== false) await mined(notes.setEligible(wallet.address, true));
  return wallet;
}

/** A verified, eligible wallet holding `amount` notes. */
async function holder(amount: bigint): Promise<HDNodeWallet> {
  const wallet = await investor();
  await mined(notes.mint(wallet.address, amount));
  return wallet;
}

const randomId = (): string => hexlify(randomBytes(32));

function refused(from: string, to: string, amount: bigint, reason: bigint): DecodedError {
  return { name: 'TrancheToken__TransferRefused', args: { from, to, amount, reason } };
}

/** Expects `canTransfer` and the transfer itself to refuse with `reason`, and nothing to move. */
async function expectTransferRefused(sender: HDNodeWallet, to: string, amount: bigint, reason: bigint): Promise<void> {
  expect(await notes.canTransfer(sender.address, to, amount)).toEqual([false, reason]);
  const before = [await notes.balanceOf(sender.address), await notes.balanceOf(to), await notes.totalSupply()];
  expect(await revertOf(() => notes.connect(sender).transfer(to, amount))).toEqual(refused(sender.address, to, amount, reason));
  expect([await notes.balanceOf(sender.address), await notes.balanceOf(to), await notes.totalSupply()]).toEqual(before);
}

function eventsOf(receipt: TransactionReceipt): Array<{ contract: string; name: string; args: unknown }> {
  return receipt.logs.map((log) => {
    const [contract, decoded] =
      log.address === notesAddress
        ? ['notes', decodeTrancheTokenEvent(log)]
        : log.address === vaultAddress
          ? ['vault', decodeSpvVaultEvent(log)]
          : log.address === dvpAddress
            ? ['dvp', decodeTrancheDvPEvent(log)]
            : ['other', null];
    return { contract, name: decoded?.name ?? 'unknown', args: decoded?.args };
  });
}

async function signPermit(
  owner: HDNodeWallet,
  value: bigint,
  opts: { spender?: string; token?: { address: string; name: string; nonces(a: string): Promise<bigint> }; nonceOffset?: bigint } = {},
): Promise<{ value: bigint; deadline: bigint; v: number; r: string; s: string }> {
  const token = opts.token ?? { address: cashAddress, name: TOKEN_NAME, nonces: (a: string) => cash.nonces(a) };
  const deadline = (await chainNow()) + 3600n;
  const nonce = (await token.nonces(owner.address)) + (opts.nonceOffset ?? 0n);
  const signature = await owner.signTypedData(
    { name: token.name, version: '1', chainId: CHAIN_ID, verifyingContract: token.address },
    PERMIT_TYPES,
    { owner: owner.address, spender: opts.spender ?? dvpAddress, value, nonce, deadline },
  );
  const { v, r, s } = Signature.from(signature);
  return { value, deadline, v, r, s };
}

/** Issues a bill to `holderAddress` and has a fresh obligor accept it. */
async function acceptedBill(holderAddress: string, amount = 1_000_000n): Promise<string> {
  const obligor = Wallet.createRandom();
  await verify(obligor.address);
  const billId = randomId();
  await mined(bills.issue(billId, holderAddress, obligor.address, amount, EUR, (await chainNow()) + 90n * DAY_SEC, randomId()));
  const deadline = (await chainNow()) + 3600n;
  const signature = await obligor.signTypedData(
    { name: 'Tally BillRegistry', version: '1', chainId: CHAIN_ID, verifyingContract: billsAddress },
    ACCEPTANCE_TYPES,
    { billId, commitment: await bills.commitmentOf(billId), deadline },
  );
  await mined(bills.accept(billId, deadline, signature));
  return billId;
}

const ascending = (ids: string[]): string[] => [...ids].sort((a, b) => (BigInt(a) < BigInt(b) ? -1 : 1));

beforeAll(async () => {
  anvil = new AnvilProcess({ port: 0, chainId: CHAIN_ID, blockTimeSec: 0 });
  await anvil.start();
  provider = new JsonRpcProvider(anvil.url, CHAIN_ID, { staticNetwork: true, batchMaxCount: 1, cacheTimeout: -1 });
  [operator, outsider] = [await fundedWallet(), await fundedWallet()];

  identity = await deploy(IdentityRegistryInterface, IdentityRegistryBytecode, connectIdentityRegistry, operator.address);
  const identityAddress = await identity.getAddress();
  await mined(identity.grantRole(REGISTRAR_ROLE, operator.address));

  cash = await deploy(SettlementTokenInterface, SettlementTokenBytecode, connectSettlementToken, TOKEN_NAME, 'tEUR', EUR, operator.address, identityAddress);
  cashAddress = await cash.getAddress();
  await mined(cash.grantRole(SETTLEMENT_AGENT_ROLE, operator.address));

  bills = await deploy(BillRegistryInterface, BillRegistryBytecode, connectBillRegistry, operator.address, identityAddress);
  billsAddress = await bills.getAddress();
  await mined(bills.grantRole(AGENT_ROLE, operator.address));

  notes = await deploy(TrancheTokenInterface, TrancheTokenBytecode, connectTrancheToken, 'Pool 1 Class A', 'P1-A', TRANCHE_ID, operator.address, identityAddress);
  notesAddress = await notes.getAddress();
  await mined(notes.grantRole(AGENT_ROLE, operator.address));

  vault = await deploy(SpvVaultInterface, SpvVaultBytecode, connectSpvVault, operator.address, billsAddress);
  vaultAddress = await vault.getAddress();
  await mined(vault.grantRole(AGENT_ROLE, operator.address));
  await mined(bills.grantRole(AGENT_ROLE, vaultAddress));
  await verify(vaultAddress);

  dvp = await deploy(TrancheDvPInterface, TrancheDvPBytecode, connectTrancheDvP, operator.address, vaultAddress, cashAddress);
  dvpAddress = await dvp.getAddress();
  await mined(dvp.grantRole(AGENT_ROLE, operator.address));
  await mined(dvp.setTranche(notesAddress, true));
  await mined(notes.grantRole(MINTER_ROLE, dvpAddress));
});

afterAll(async () => {
  provider?.destroy();
  await anvil?.stop();
});

describe('TrancheToken', () => {
  it('is a 2-decimal ERC-20 of one tranche with roles, the identity registry and ERC-165', async () => {
    expect([await notes.name(), await notes.symbol(), await notes.decimals(), await notes.totalSupply()]).toEqual(['Pool 1 Class A', 'P1-A', 2n, 0n]);
    expect(await notes.trancheId()).toBe(TRANCHE_ID);
    expect(await notes.identityRegistry()).toBe(await identity.getAddress());
    expect([await notes.AGENT_ROLE(), await notes.MINTER_ROLE()]).toEqual([AGENT_ROLE, MINTER_ROLE]);
    expect(await notes.hasRole(DEFAULT_ADMIN_ROLE, operator.address)).toBe(true);
    expect(await notes.supportsInterface('0x36372b07')).toBe(true); // IERC20
    expect(await notes.supportsInterface('0x7965db0b')).toBe(true); // IAccessControl
    const own = [
      'AGENT_ROLE', 'MINTER_ROLE', 'identityRegistry', 'trancheId', 'mint', 'burn', 'setEligible', 'setEligibleBatch',
      'setAddressFrozen', 'pause', 'unpause', 'forcedTransfer', 'recoveryAddress', 'canTransfer', 'isEligible', 'isFrozen',
    ];
    const interfaceId = toBeHex(own.map((n) => BigInt(TrancheTokenInterface.getFunction(n)!.selector)).reduce((a, b) => a ^ b), 4);
    expect(await notes.supportsInterface(interfaceId)).toBe(true);
    const registry = await identity.getAddress();
    expect((await revertOf(() => deploy(TrancheTokenInterface, TrancheTokenBytecode, connectTrancheToken, 'x', 'x', ZeroHash, ZeroAddress, registry)))?.name).toBe('TrancheToken__ZeroAdmin');
    expect((await revertOf(() => deploy(TrancheTokenInterface, TrancheTokenBytecode, connectTrancheToken, 'x', 'x', ZeroHash, operator.address, ZeroAddress)))?.name).toBe('TrancheToken__ZeroIdentityRegistry');
  });

  it('mints only to verified, eligible, unfrozen wallets while not paused', async () => {
    const ok = await investor({ funded: false });
    const receipt = await mined(notes.mint(ok.address, 5_000n));
    expect(eventsOf(receipt)).toEqual([{ contract: 'notes', name: 'Transfer', args: { from: ZeroAddress, to: ok.address, value: 5_000n } }]);
    expect([await notes.balanceOf(ok.address), await notes.totalSupply()]).toEqual([5_000n, 5_000n]);

    const unverified = await investor({ verified: false, funded: false });
    const ineligible = await investor({ eligible: false, funded: false });
    const frozen = await investor({ funded: false });
    await mined(notes.setAddressFrozen(frozen.address, true));
    for (const [to, reason] of [
      [unverified.address, Reason.RECEIVER_NOT_VERIFIED],
      [ineligible.address, Reason.RECEIVER_NOT_ELIGIBLE],
      [frozen.address, Reason.RECEIVER_FROZEN],
      [ZeroAddress, Reason.ZERO_ADDRESS],
    ] as const) {
      expect(await notes.canTransfer(ZeroAddress, to, 1n)).toEqual([false, reason]);
      expect(await revertOf(() => notes.mint(to, 1n))).toEqual(refused(ZeroAddress, to, 1n, reason));
    }
    expect(await notes.canTransfer(ZeroAddress, ok.address, 2n ** 128n)).toEqual([false, Reason.AMOUNT_TOO_LARGE]);
    expect(await revertOf(() => notes.mint(ok.address, 2n ** 128n))).toEqual(refused(ZeroAddress, ok.address, 2n ** 128n, Reason.AMOUNT_TOO_LARGE));
    expect(await revertOf(() => notes.mint(ok.address, 0n))).toEqual({ name: 'TrancheToken__ZeroAmount', args: {} });
    await mined(notes.pause());
    expect(await revertOf(() => notes.mint(ok.address, 1n))).toEqual(refused(ZeroAddress, ok.address, 1n, Reason.PAUSED));
    await mined(notes.unpause());
    expect(await notes.totalSupply()).toBe(5_000n);
  });

  it('refuses transfers with a reason code: unverified or ineligible receiver, frozen ends, paused, unverified sender, balance', async () => {
    const alice = await holder(1_000n);
    const bob = await investor({ funded: false });
    expect(await notes.canTransfer(alice.address, bob.address, 1_000n)).toEqual([true, Reason.OK]);

    await expectTransferRefused(alice, (await investor({ verified: false, funded: false })).address, 10n, Reason.RECEIVER_NOT_VERIFIED);
    await expectTransferRefused(alice, (await investor({ eligible: false, funded: false })).address, 10n, Reason.RECEIVER_NOT_ELIGIBLE);
    await expectTransferRefused(alice, ZeroAddress, 10n, Reason.ZERO_ADDRESS);
    await expectTransferRefused(alice, bob.address, 1_001n, Reason.INSUFFICIENT_BALANCE);

    await mined(notes.setAddressFrozen(bob.address, true));
    await expectTransferRefused(alice, bob.address, 10n, Reason.RECEIVER_FROZEN);
    await mined(notes.setAddressFrozen(bob.address, false));
    const frozenEvent = eventsOf(await mined(notes.setAddressFrozen(alice.address, true)));
    expect(frozenEvent).toEqual([{ contract: 'notes', name: 'AddressFrozen', args: { wallet: alice.address, frozen: true, agent: operator.address } }]);
    expect(await notes.isFrozen(alice.address)).toBe(true);
    await expectTransferRefused(alice, bob.address, 10n, Reason.SENDER_FROZEN);
    await mined(notes.setAddressFrozen(alice.address, false));

    await mined(notes.pause());
    expect(await notes.paused()).toBe(true);
    await expectTransferRefused(alice, bob.address, 10n, Reason.PAUSED);
    await mined(notes.unpause());

    // the registry is asked on every transfer: a removal there stops the sender at once
    await mined(identity.remove(alice.address));
    await expectTransferRefused(alice, bob.address, 10n, Reason.SENDER_NOT_VERIFIED);
    await verify(alice.address);

    // a holder whose eligibility was withdrawn may still sell to an eligible buyer
    await mined(notes.setEligible(alice.address, false));
    await mined(notes.connect(alice).transfer(bob.address, 400n));
    expect([await notes.balanceOf(alice.address), await notes.balanceOf(bob.address)]).toEqual([600n, 400n]);
  });

  it('transferFrom spends an allowance under the same rules', async () => {
    const alice = await holder(1_000n);
    const spender = await fundedWallet();
    const bob = await investor({ funded: false });
    await mined(notes.connect(alice).approve(spender.address, 300n));
    expect(await notes.allowance(alice.address, spender.address)).toBe(300n);
    expect(await revertOf(() => notes.connect(spender).transferFrom(alice.address, bob.address, 301n))).toEqual({
      name: 'ERC20InsufficientAllowance',
      args: { spender: spender.address, allowance: 300n, needed: 301n },
    });
    const unverified = Wallet.createRandom().address;
    await mined(notes.setEligible(unverified, true));
    expect(await revertOf(() => notes.connect(spender).transferFrom(alice.address, unverified, 100n))).toEqual(
      refused(alice.address, unverified, 100n, Reason.RECEIVER_NOT_VERIFIED),
    );
    await mined(notes.connect(spender).transferFrom(alice.address, bob.address, 100n));
    expect([await notes.balanceOf(bob.address), await notes.allowance(alice.address, spender.address)]).toEqual([100n, 200n]);
    expect(await revertOf(() => notes.connect(alice).approve(ZeroAddress, 1n))).toEqual({ name: 'ERC20InvalidSpender', args: { spender: ZeroAddress } });
  });

  it('forced transfer ignores pause, freeze and eligibility but still needs a verified receiver', async () => {
    const alice = await holder(1_000n);
    const custodian = await investor({ eligible: false, funded: false });
    await mined(notes.setAddressFrozen(alice.address, true));
    await mined(notes.pause());
    try {
      const unverified = Wallet.createRandom().address;
      expect(await revertOf(() => notes.forcedTransfer(alice.address, unverified, 100n))).toEqual(
        refused(alice.address, unverified, 100n, Reason.RECEIVER_NOT_VERIFIED),
      );
      expect(await revertOf(() => notes.forcedTransfer(alice.address, ZeroAddress, 100n))).toEqual(refused(alice.address, ZeroAddress, 100n, Reason.ZERO_ADDRESS));
      expect(await revertOf(() => notes.forcedTransfer(alice.address, custodian.address, 1_001n))).toEqual({
        name: 'TrancheToken__InsufficientBalance',
        args: { wallet: alice.address, balance: 1_000n, needed: 1_001n },
      });
      expect((await revertOf(() => notes.connect(outsider).forcedTransfer(alice.address, custodian.address, 1n)))?.name).toBe('AccessControlUnauthorizedAccount');
      expect(await notes.balanceOf(alice.address)).toBe(1_000n);

      const receipt = await mined(notes.forcedTransfer(alice.address, custodian.address, 250n));
      expect(eventsOf(receipt)).toEqual([
        { contract: 'notes', name: 'Transfer', args: { from: alice.address, to: custodian.address, value: 250n } },
        { contract: 'notes', name: 'ForcedTransfer', args: { from: alice.address, to: custodian.address, amount: 250n, agent: operator.address } },
      ]);
      expect([await notes.balanceOf(alice.address), await notes.balanceOf(custodian.address)]).toEqual([750n, 250n]);
      expect(await notes.isFrozen(alice.address)).toBe(true);
    } finally {
      await mined(notes.unpause());
    }
  });

  it('recovers a lost wallet: the whole balance moves, the freeze is kept, eligibility moves with it', async () => {
    const lost = await holder(800n);
    await mined(notes.setAddressFrozen(lost.address, true));
    const replacement = await investor({ eligible: false, funded: false });

    const unverified = Wallet.createRandom().address;
    expect(await revertOf(() => notes.recoveryAddress(lost.address, unverified))).toEqual(refused(lost.address, unverified, 800n, Reason.RECEIVER_NOT_VERIFIED));
    const other = await holder(1n);
    expect(await revertOf(() => notes.recoveryAddress(lost.address, other.address))).toEqual({ name: 'TrancheToken__InvalidRecoveryWallet', args: { newWallet: other.address } });
    expect(await revertOf(() => notes.recoveryAddress(lost.address, lost.address))).toEqual({ name: 'TrancheToken__InvalidRecoveryWallet', args: { newWallet: lost.address } });
    expect(await revertOf(() => notes.recoveryAddress(replacement.address, lost.address))).toEqual({ name: 'TrancheToken__NothingToRecover', args: { lostWallet: replacement.address } });
    expect((await revertOf(() => notes.connect(outsider).recoveryAddress(lost.address, replacement.address)))?.name).toBe('AccessControlUnauthorizedAccount');

    const receipt = await mined(notes.recoveryAddress(lost.address, replacement.address));
    expect(eventsOf(receipt)).toEqual([
      { contract: 'notes', name: 'Transfer', args: { from: lost.address, to: replacement.address, value: 800n } },
      { contract: 'notes', name: 'EligibilitySet', args: { wallet: lost.address, eligible: false, agent: operator.address } },
      { contract: 'notes', name: 'EligibilitySet', args: { wallet: replacement.address, eligible: true, agent: operator.address } },
      { contract: 'notes', name: 'AddressFrozen', args: { wallet: replacement.address, frozen: true, agent: operator.address } },
      { contract: 'notes', name: 'WalletRecovered', args: { lostWallet: lost.address, newWallet: replacement.address, amount: 800n, frozen: true, agent: operator.address } },
    ]);
    expect([await notes.balanceOf(lost.address), await notes.balanceOf(replacement.address)]).toEqual([0n, 800n]);
    expect([await notes.isFrozen(lost.address), await notes.isFrozen(replacement.address)]).toEqual([true, true]);
    expect([await notes.isEligible(lost.address), await notes.isEligible(replacement.address)]).toEqual([false, true]);
    // the freeze came along: the recovered notes cannot leave until the agent unfreezes
    const bob = await investor({ funded: false });
    expect(await notes.canTransfer(replacement.address, bob.address, 1n)).toEqual([false, Reason.SENDER_FROZEN]);

    // an unfrozen lost wallet gives an unfrozen replacement
    const lost2 = await holder(5n);
    const replacement2 = await investor({ eligible: false, funded: false });
    await mined(notes.recoveryAddress(lost2.address, replacement2.address));
    expect(await notes.isFrozen(replacement2.address)).toBe(false);
  });

  it('burns by the agent, also from a frozen wallet and while paused', async () => {
    const alice = await holder(500n);
    await mined(notes.setAddressFrozen(alice.address, true));
    await mined(notes.pause());
    const supply = await notes.totalSupply();
    try {
      await mined(notes.burn(alice.address, 200n));
      expect([await notes.balanceOf(alice.address), await notes.totalSupply()]).toEqual([300n, supply - 200n]);
      expect(await revertOf(() => notes.burn(alice.address, 301n))).toEqual({ name: 'TrancheToken__InsufficientBalance', args: { wallet: alice.address, balance: 300n, needed: 301n } });
      expect(await revertOf(() => notes.burn(alice.address, 0n))).toEqual({ name: 'TrancheToken__ZeroAmount', args: {} });
    } finally {
      await mined(notes.unpause());
    }
  });

  it('agent actions need AGENT_ROLE; MINTER_ROLE only mints; every grant has a revoke', async () => {
    const alice = await holder(100n);
    const minter = await fundedWallet();
    for (const action of [
      () => notes.connect(outsider).mint(alice.address, 1n),
      () => notes.connect(outsider).burn(alice.address, 1n),
      () => notes.connect(outsider).setEligible(outsider.address, true),
      () => notes.connect(outsider).setEligibleBatch([outsider.address], true),
      () => notes.connect(outsider).setAddressFrozen(alice.address, true),
      () => notes.connect(outsider).pause(),
      () => notes.connect(outsider).unpause(),
    ]) {
      expect((await revertOf(action))?.name).toBe('AccessControlUnauthorizedAccount');
    }
    await mined(notes.grantRole(MINTER_ROLE, minter.address));
    await mined(notes.connect(minter).mint(alice.address, 1n));
    expect(await revertOf(() => notes.connect(minter).setAddressFrozen(alice.address, true))).toEqual({
      name: 'AccessControlUnauthorizedAccount',
      args: { account: minter.address, neededRole: AGENT_ROLE },
    });
    await mined(notes.revokeRole(MINTER_ROLE, minter.address));
    expect(await revertOf(() => notes.connect(minter).mint(alice.address, 1n))).toEqual({
      name: 'AccessControlUnauthorizedAccount',
      args: { account: minter.address, neededRole: MINTER_ROLE },
    });
    expect((await revertOf(() => notes.connect(outsider).grantRole(AGENT_ROLE, outsider.address)))?.name).toBe('AccessControlUnauthorizedAccount');
    expect(await notes.balanceOf(alice.address)).toBe(101n);

    const batch = [Wallet.createRandom().address, Wallet.createRandom().address];
    await mined(notes.setEligibleBatch(batch, true));
    expect([await notes.isEligible(batch[0]!), await notes.isEligible(batch[1]!)]).toEqual([true, true]);
    expect(await revertOf(() => notes.setEligible(ZeroAddress, true))).toEqual({ name: 'TrancheToken__ZeroAddress', args: {} });
  });
});

describe('SpvVault', () => {
  it('buys a batch of bills from the originator: they move into the vault and end POOLED', async () => {
    const originator = Wallet.createRandom();
    await verify(originator.address);
    const issued: string[] = [];
    for (let i = 0; i < 4; i++) issued.push(await acceptedBill(originator.address, 250_000n)); // one operator: one nonce at a time
    const ids = ascending(issued);
    await mined(bills.setEncumbrance(ids[1]!, Enc.POOLED)); // pooled off chain before the sale
    const batchId = randomId();

    const receipt = await mined(vault.trueSaleBatch(batchId, originator.address, ids));
    for (const billId of ids) {
      const [bill, holderAddress] = await bills.billOf(billId);
      expect([holderAddress, bill.status, bill.encumbrance]).toEqual([vaultAddress, Status.ACCEPTED, Enc.POOLED]);
    }
    expect(eventsOf(receipt).filter((e) => e.contract === 'vault')).toEqual([
      { contract: 'vault', name: 'TrueSaleBatchSettled', args: { batchId, originator: originator.address, count: 4n, faceTotal: 1_000_000n } },
    ]);
    expect(await vault.isBatchSettled(batchId)).toBe(true);
    expect(await revertOf(() => vault.trueSaleBatch(batchId, originator.address, ids))).toEqual({ name: 'SpvVault__BatchAlreadySettled', args: { batchId } });
    // a POOLED bill in the vault cannot be moved by a holder's transfer
    expect((await revertOf(() => bills.agentTransfer(ids[0]!, originator.address)))?.name).toBe('BillRegistry__BillEncumbered');
  });

  it('refuses a batch with a bill of another holder, a financed bill, a repeated or unsorted id: nothing moves', async () => {
    const originator = Wallet.createRandom();
    await verify(originator.address);
    const other = Wallet.createRandom();
    await verify(other.address);
    const mine = ascending([await acceptedBill(originator.address), await acceptedBill(originator.address)]);
    const foreign = await acceptedBill(other.address);
    const cases: Array<[string[], DecodedError]> = [
      [ascending([...mine, foreign]), { name: 'SpvVault__NotHeldByOriginator', args: { billId: foreign, holder: other.address } }],
      [[mine[1]!, mine[0]!], { name: 'SpvVault__BatchNotAscending', args: { index: 1n } }],
      [[mine[0]!, mine[0]!], { name: 'SpvVault__BatchNotAscending', args: { index: 1n } }],
      [[], { name: 'SpvVault__EmptyBatch', args: {} }],
    ];
    for (const [ids, error] of cases) {
      const batchId = randomId();
      expect(await revertOf(() => vault.trueSaleBatch(batchId, originator.address, ids))).toEqual(error);
      expect(await vault.isBatchSettled(batchId)).toBe(false);
    }
    await mined(bills.setEncumbrance(mine[1]!, Enc.FINANCED));
    expect(await revertOf(() => vault.trueSaleBatch(randomId(), originator.address, mine))).toEqual({
      name: 'SpvVault__BillEncumbered',
      args: { billId: mine[1], encumbrance: Enc.FINANCED },
    });
    for (const billId of mine) expect((await bills.billOf(billId))[1]).toBe(originator.address);
    expect((await bills.billOf(mine[0]!))[0].encumbrance).toBe(Enc.NONE);
    expect((await revertOf(() => vault.connect(outsider).trueSaleBatch(randomId(), originator.address, [mine[0]!])))?.name).toBe('AccessControlUnauthorizedAccount');
    expect(await revertOf(() => vault.trueSaleBatch(ZeroHash, originator.address, [mine[0]!]))).toEqual({ name: 'SpvVault__ZeroId', args: {} });
  });

  it('refuses a bill it did not ask for', async () => {
    const seller = await fundedWallet();
    await verify(seller.address);
    const billId = await acceptedBill(seller.address);
    expect(await revertOf(() => bills.agentTransfer(billId, vaultAddress))).toEqual({
      name: 'SpvVault__UnexpectedToken',
      args: { token: billsAddress, tokenId: BigInt(billId) },
    });
    expect((await bills.billOf(billId))[1]).toBe(seller.address);
  });

  it('pays out settlement tokens once per payment id; agent only', async () => {
    const originator = Wallet.createRandom();
    await verify(originator.address);
    await mined(cash.mint(vaultAddress, 10_000n, randomId()));
    const paymentId = randomId();
    const receipt = await mined(vault.payOut(paymentId, cashAddress, originator.address, 9_000n));
    expect(eventsOf(receipt).filter((e) => e.contract === 'vault')).toEqual([
      { contract: 'vault', name: 'PaidOut', args: { paymentId, token: cashAddress, to: originator.address, amount: 9_000n } },
    ]);
    expect(await cash.balanceOf(originator.address)).toBe(9_000n);
    expect(await revertOf(() => vault.payOut(paymentId, cashAddress, originator.address, 1n))).toEqual({ name: 'SpvVault__PaymentAlreadyMade', args: { paymentId } });
    expect(await revertOf(() => vault.payOut(randomId(), cashAddress, ZeroAddress, 1n))).toEqual({ name: 'SpvVault__InvalidPayment', args: {} });
    expect((await revertOf(() => vault.connect(outsider).payOut(randomId(), cashAddress, outsider.address, 1n)))?.name).toBe('AccessControlUnauthorizedAccount');
    expect(await cash.balanceOf(vaultAddress)).toBeGreaterThanOrEqual(1_000n);
  });

  it('stops a token that calls back into the vault during a payout (reentrancy guard)', async () => {
    const evil: ReentrantERC20 = await deploy(ReentrantERC20Interface, ReentrantERC20Bytecode, connectReentrantERC20);
    const evilAddress = await evil.getAddress();
    await mined(evil.mint(vaultAddress, 1_000n));
    // the token even holds AGENT_ROLE: only the guard stands between it and a second payout
    await mined(vault.grantRole(AGENT_ROLE, evilAddress));
    try {
      const nestedId = randomId();
      await mined(evil.arm(vaultAddress, SpvVaultInterface.encodeFunctionData('payOut', [nestedId, evilAddress, outsider.address, 500n])));
      const paymentId = randomId();
      expect(await revertOf(() => vault.payOut(paymentId, evilAddress, outsider.address, 500n))).toEqual({ name: 'ReentrancyGuardReentrantCall', args: {} });
      expect([await evil.balanceOf(vaultAddress), await evil.balanceOf(outsider.address), await evil.reentries()]).toEqual([1_000n, 0n, 0n]);
      expect([await vault.isPaymentMade(paymentId), await vault.isPaymentMade(nestedId)]).toEqual([false, false]);
    } finally {
      await mined(vault.revokeRole(AGENT_ROLE, evilAddress));
    }
  });
});

describe('TrancheDvP', () => {
  async function funded(amount: bigint): Promise<HDNodeWallet> {
    const wallet = await investor({ funded: false });
    await mined(cash.mint(wallet.address, amount, randomId()));
    return wallet;
  }

  async function snapshot(wallet: string, subscriptionId: string) {
    return {
      cash: [await cash.balanceOf(wallet), await cash.balanceOf(vaultAddress)],
      notes: [await notes.balanceOf(wallet), await notes.totalSupply()],
      allowance: await cash.allowance(wallet, dvpAddress),
      nonce: await cash.nonces(wallet),
      settled: await dvp.isSettled(subscriptionId),
    };
  }

  it('is set up with the vault, the settlement token and the registered tranche', async () => {
    expect([await dvp.vault(), await dvp.settlementToken(), await dvp.isTranche(notesAddress)]).toEqual([vaultAddress, cashAddress, true]);
    expect((await revertOf(() => deploy(TrancheDvPInterface, TrancheDvPBytecode, connectTrancheDvP, ZeroAddress, vaultAddress, cashAddress)))?.name).toBe('TrancheDvP__ZeroAdmin');
    expect((await revertOf(() => deploy(TrancheDvPInterface, TrancheDvPBytecode, connectTrancheDvP, operator.address, ZeroAddress, cashAddress)))?.name).toBe('TrancheDvP__ZeroAddress');
    expect((await revertOf(() => dvp.connect(outsider).setTranche(outsider.address, true)))?.name).toBe('AccessControlUnauthorizedAccount');
  });

  it("settles one investor in one transaction: its payment to the vault, the notes to it", async () => {
    const buyer = await funded(100_000n);
    const vaultBefore = await cash.balanceOf(vaultAddress);
    const supplyBefore = await notes.totalSupply();
    const subscriptionId = randomId();
    const receipt = await mined(dvp.settleSubscription(subscriptionId, notesAddress, buyer.address, 60_000n, 59_400n, await signPermit(buyer, 59_400n)));
    expect(await cash.balanceOf(buyer.address)).toBe(100_000n - 59_400n);
    expect(await cash.balanceOf(vaultAddress)).toBe(vaultBefore + 59_400n);
    expect([await notes.balanceOf(buyer.address), await notes.totalSupply()]).toEqual([60_000n, supplyBefore + 60_000n]);
    expect(await cash.allowance(buyer.address, dvpAddress)).toBe(0n);
    expect(eventsOf(receipt).filter((e) => e.contract !== 'other')).toEqual([
      { contract: 'notes', name: 'Transfer', args: { from: ZeroAddress, to: buyer.address, value: 60_000n } },
      { contract: 'dvp', name: 'SubscriptionSettled', args: { subscriptionId, tranche: notesAddress, investor: buyer.address, notes: 60_000n, payment: 59_400n } },
    ]);
    expect(await dvp.isSettled(subscriptionId)).toBe(true);
    expect(await revertOf(async () => dvp.settleSubscription(subscriptionId, notesAddress, buyer.address, 1n, 1n, await signPermit(buyer, 1n)))).toEqual({
      name: 'TrancheDvP__AlreadySettled',
      args: { subscriptionId },
    });
  });

  it('is atomic: a refused note leg or cash leg leaves both legs untouched', async () => {
    // note leg refused: the investor is not eligible; the permit would have been fine
    const ineligible = await funded(50_000n);
    await mined(notes.setEligible(ineligible.address, false));
    let subscriptionId = randomId();
    let before = await snapshot(ineligible.address, subscriptionId);
    expect(await revertOf(async () => dvp.settleSubscription(subscriptionId, notesAddress, ineligible.address, 10_000n, 10_000n, await signPermit(ineligible, 10_000n)))).toEqual(
      refused(ZeroAddress, ineligible.address, 10_000n, Reason.RECEIVER_NOT_ELIGIBLE),
    );
    expect(await snapshot(ineligible.address, subscriptionId)).toEqual(before);

    // note leg refused: the token is paused
    const buyer = await funded(50_000n);
    await mined(notes.pause());
    try {
      subscriptionId = randomId();
      before = await snapshot(buyer.address, subscriptionId);
      expect(await revertOf(async () => dvp.settleSubscription(subscriptionId, notesAddress, buyer.address, 10_000n, 10_000n, await signPermit(buyer, 10_000n)))).toEqual(
        refused(ZeroAddress, buyer.address, 10_000n, Reason.PAUSED),
      );
      expect(await snapshot(buyer.address, subscriptionId)).toEqual(before);
    } finally {
      await mined(notes.unpause());
    }

    // cash leg refused: not enough settlement tokens
    subscriptionId = randomId();
    before = await snapshot(buyer.address, subscriptionId);
    expect(await revertOf(async () => dvp.settleSubscription(subscriptionId, notesAddress, buyer.address, 60_000n, 60_000n, await signPermit(buyer, 60_000n)))).toEqual({
      name: 'ERC20InsufficientBalance',
      args: { sender: buyer.address, balance: 50_000n, needed: 60_000n },
    });
    expect(await snapshot(buyer.address, subscriptionId)).toEqual(before);

    // consent for another amount, or a signature of someone else
    expect(await revertOf(async () => dvp.settleSubscription(subscriptionId, notesAddress, buyer.address, 1_000n, 1_000n, await signPermit(buyer, 1_001n)))).toEqual({
      name: 'TrancheDvP__PermitMismatch',
      args: { value: 1_001n, payment: 1_000n },
    });
    const forged = await signPermit(outsider, 1_000n);
    expect(await revertOf(() => dvp.settleSubscription(subscriptionId, notesAddress, buyer.address, 1_000n, 1_000n, forged))).toEqual({
      name: 'TrancheDvP__PermitFailed',
      args: { investor: buyer.address },
    });
    expect(await snapshot(buyer.address, subscriptionId)).toEqual(before);
  });

  it('settles an oversubscribed tranche investor by investor: notes = allocation, cash conserved', async () => {
    const classB: TrancheToken = await deploy(TrancheTokenInterface, TrancheTokenBytecode, connectTrancheToken, 'Pool 1 Class B', 'P1-B', id('deal-1/class-B'), operator.address, await identity.getAddress());
    const classBAddress = await classB.getAddress();
    await mined(classB.grantRole(AGENT_ROLE, operator.address));
    await mined(classB.grantRole(MINTER_ROLE, dvpAddress));
    await mined(dvp.setTranche(classBAddress, true));
    const denomination = 100_000n; // 1,000.00 per note
    const investors: HDNodeWallet[] = [];
    for (let i = 0; i < 3; i++) {
      const wallet = await investor({ eligible: false, funded: false });
      await mined(classB.setEligible(wallet.address, true));
      await mined(cash.mint(wallet.address, 1_000_000n, randomId()));
      investors.push(wallet);
    }
    const orders = [7n, 5n, 3n].map((notesOrdered, i) => ({ orderId: `order-${i}`, investorId: investors[i]!.address, amountMinor: notesOrdered * denomination }));
    const { allocations } = allocateSubscriptions({ trancheSizeMinor: 10n * denomination, denominationMinor: denomination, orders });
    expect(allocations.map((a) => a.allocatedMinor / denomination)).toEqual([5n, 3n, 2n]);

    const cashOf = async () => Promise.all([...investors.map((w) => cash.balanceOf(w.address)), cash.balanceOf(vaultAddress)]);
    const before = await cashOf();
    for (const [i, allocation] of allocations.entries()) {
      const payment = allocation.allocatedMinor; // at par
      await mined(dvp.settleSubscription(randomId(), classBAddress, investors[i]!.address, allocation.allocatedMinor, payment, await signPermit(investors[i]!, payment)));
    }
    const after = await cashOf();
    for (const [i, allocation] of allocations.entries()) {
      expect(await classB.balanceOf(investors[i]!.address)).toBe(allocation.allocatedMinor);
      expect(after[i]).toBe(before[i]! - allocation.allocatedMinor);
    }
    expect(await classB.totalSupply()).toBe(10n * denomination);
    expect(after[3]).toBe(before[3]! + 10n * denomination);
    expect(after.reduce((a, b) => a + b, 0n)).toBe(before.reduce((a, b) => a + b, 0n));
  });

  it('takes consent only from a permit for exactly the payment, also when the permit was front-run', async () => {
    // a standing allowance is no consent: with a permit that fails, a larger approve is refused
    const approver = await investor();
    await mined(cash.mint(approver.address, 50_000n, randomId()));
    await mined(cash.connect(approver).approve(dvpAddress, 50_000n));
    const subscriptionId = randomId();
    const before = await snapshot(approver.address, subscriptionId);
    const forged = await signPermit(outsider, 10_000n);
    expect(await revertOf(() => dvp.settleSubscription(subscriptionId, notesAddress, approver.address, 10_000n, 10_000n, forged))).toEqual({
      name: 'TrancheDvP__PermitFailed',
      args: { investor: approver.address },
    });
    expect(await snapshot(approver.address, subscriptionId)).toEqual(before);

    // someone submitted the investor's permit to the token first: its allowance is exactly the payment
    const buyer = await funded(20_000n);
    const permit = await signPermit(buyer, 15_000n);
    await mined(cash.connect(outsider).permit(buyer.address, dvpAddress, permit.value, permit.deadline, permit.v, permit.r, permit.s));
    await mined(dvp.settleSubscription(subscriptionId, notesAddress, buyer.address, 15_000n, 15_000n, permit));
    expect([await cash.balanceOf(buyer.address), await notes.balanceOf(buyer.address), await cash.allowance(buyer.address, dvpAddress)]).toEqual([5_000n, 15_000n, 0n]);
  });

  it('checks the caller, the tranche and the subscription', async () => {
    const buyer = await funded(10_000n);
    const permit = await signPermit(buyer, 1_000n);
    expect((await revertOf(() => dvp.connect(outsider).settleSubscription(randomId(), notesAddress, buyer.address, 1_000n, 1_000n, permit)))?.name).toBe('AccessControlUnauthorizedAccount');
    expect(await revertOf(() => dvp.settleSubscription(randomId(), outsider.address, buyer.address, 1_000n, 1_000n, permit))).toEqual({ name: 'TrancheDvP__UnknownTranche', args: { tranche: outsider.address } });
    expect(await revertOf(() => dvp.settleSubscription(ZeroHash, notesAddress, buyer.address, 1_000n, 1_000n, permit))).toEqual({ name: 'TrancheDvP__ZeroId', args: {} });
    expect(await revertOf(() => dvp.settleSubscription(randomId(), notesAddress, buyer.address, 0n, 1_000n, permit))).toEqual({ name: 'TrancheDvP__InvalidSubscription', args: {} });
    // the DvP's MINTER_ROLE is what lets it mint: without it the note leg fails, and so does the whole settlement
    await mined(notes.revokeRole(MINTER_ROLE, dvpAddress));
    try {
      const subscriptionId = randomId();
      const before = await snapshot(buyer.address, subscriptionId);
      expect(await revertOf(() => dvp.settleSubscription(subscriptionId, notesAddress, buyer.address, 1_000n, 1_000n, permit))).toEqual({
        name: 'AccessControlUnauthorizedAccount',
        args: { account: dvpAddress, neededRole: MINTER_ROLE },
      });
      expect(await snapshot(buyer.address, subscriptionId)).toEqual(before);
    } finally {
      await mined(notes.grantRole(MINTER_ROLE, dvpAddress));
    }
  });

  it('stops a settlement token that calls back into the DvP mid-settlement (reentrancy guard)', async () => {
    const evil: ReentrantERC20 = await deploy(ReentrantERC20Interface, ReentrantERC20Bytecode, connectReentrantERC20);
    const evilAddress = await evil.getAddress();
    const evilDvp: TrancheDvP = await deploy(TrancheDvPInterface, TrancheDvPBytecode, connectTrancheDvP, operator.address, vaultAddress, evilAddress);
    const evilDvpAddress = await evilDvp.getAddress();
    await mined(evilDvp.grantRole(AGENT_ROLE, operator.address));
    await mined(evilDvp.setTranche(notesAddress, true));
    await mined(notes.grantRole(MINTER_ROLE, evilDvpAddress));
    // the token even holds AGENT_ROLE on the DvP: only the guard stands between it and a second settlement
    await mined(evilDvp.grantRole(AGENT_ROLE, evilAddress));
    try {
      const buyer = await investor({ funded: false });
      await mined(evil.mint(buyer.address, 10_000n));
      const evilToken = { address: evilAddress, name: 'Reentrant', nonces: (a: string) => evil.nonces(a) };
      const nestedId = randomId();
      // the nested permit uses the nonce after the outer one's: without the guard the nested settlement would go through
      const nested = await signPermit(buyer, 2_000n, { spender: evilDvpAddress, token: evilToken, nonceOffset: 1n });
      await mined(evil.arm(evilDvpAddress, TrancheDvPInterface.encodeFunctionData('settleSubscription', [nestedId, notesAddress, buyer.address, 2_000n, 2_000n, nested])));
      const subscriptionId = randomId();
      const permit = await signPermit(buyer, 1_000n, { spender: evilDvpAddress, token: evilToken });
      const supply = await notes.totalSupply();
      expect(await revertOf(() => evilDvp.settleSubscription(subscriptionId, notesAddress, buyer.address, 1_000n, 1_000n, permit))).toEqual({
        name: 'ReentrancyGuardReentrantCall',
        args: {},
      });
      expect([await evil.balanceOf(buyer.address), await evil.balanceOf(vaultAddress), await evil.reentries()]).toEqual([10_000n, 0n, 0n]);
      expect([await notes.balanceOf(buyer.address), await notes.totalSupply()]).toEqual([0n, supply]);
      expect([await evilDvp.isSettled(subscriptionId), await evilDvp.isSettled(nestedId)]).toEqual([false, false]);
    } finally {
      await mined(notes.revokeRole(MINTER_ROLE, evilDvpAddress));
    }
  });
});
