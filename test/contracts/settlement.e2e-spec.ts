// SettlementToken and BillDvP (with IdentityRegistry and BillRegistry) against a real anvil node,
// through the generated bindings: mint/burn references, verified transfers, EIP-2612 permit, the
// DvP-only transfer, atomic delivery versus payment for financing and repayment on the payer's
// signed consent to each trade (EIP-712, or ERC-1271 for a contract wallet), and reentrancy
// through a malicious financier contract.
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
  recoverAddress,
  toBeHex,
  toUtf8Bytes,
  type ContractRunner,
  type ContractTransactionResponse,
  type HDNodeWallet,
  type Interface,
  type TransactionReceipt,
} from 'ethers';
import { AnvilProcess } from '../../libs/chain/src/embedded/anvil.process.js';
import { signDvpConsent, type DvpConsentArg } from '../../libs/bills/src/chain/dvp-consent.js';
import {
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
  connectBillDvP,
  connectBillRegistry,
  connectIdentityRegistry,
  connectReentrantERC721Receiver,
  connectSettlementToken,
  decodeBillDvPError,
  decodeBillDvPEvent,
  decodeBillRegistryError,
  decodeBillRegistryEvent,
  decodeSettlementTokenError,
  decodeSettlementTokenEvent,
  deployBillDvP,
  deploySettlementToken,
  type BillDvP,
  type BillRegistry,
  type IdentityRegistry,
  type ReentrantERC721Receiver,
  type SettlementToken,
} from '../../contracts/generated/index.js';

const CHAIN_ID = 31337;
const DEFAULT_ADMIN_ROLE = ZeroHash;
const AGENT_ROLE = id('AGENT_ROLE');
const REGISTRAR_ROLE = id('REGISTRAR_ROLE');
const SETTLEMENT_AGENT_ROLE = id('SETTLEMENT_AGENT_ROLE');
const DVP_ROLE = id('DVP_ROLE');
const TEN_YEARS_SEC = 10n * 365n * 24n * 3600n;
const DAY_SEC = 24n * 3600n;

const code = (text: string): string => hexlify(toUtf8Bytes(text));
const EUR = code('EUR');
const USD = code('USD');
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
const PERMIT_TYPES = {
  Permit: [
    { name: 'owner', type: 'address' },
    { name: 'spender', type: 'address' },
    { name: 'value', type: 'uint256' },
    { name: 'nonce', type: 'uint256' },
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
let tokenAddress: string;
let billsAddress: string;
let dvpAddress: string;

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

function decodeError(data: string): DecodedError | null {
  for (const decode of [decodeBillDvPError, decodeBillRegistryError, decodeSettlementTokenError]) {
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

/** A verified custodial wallet: it only signs, the operator sends every transaction. */
async function custodial(): Promise<HDNodeWallet> {
  const wallet = Wallet.createRandom();
  await verify(wallet.address);
  return wallet;
}

const randomId = (): string => hexlify(randomBytes(32));

/** An EIP-2612 permit of `owner` for `spender` (the DvP unless told otherwise). */
async function signPermit(
  owner: HDNodeWallet,
  value: bigint,
  opts: { spender?: string; deadline?: bigint; nonce?: bigint; signer?: HDNodeWallet } = {},
): Promise<{ value: bigint; deadline: bigint; v: number; r: string; s: string }> {
  const deadline = opts.deadline ?? (await chainNow()) + 3600n;
  const nonce = opts.nonce ?? (await token.nonces(owner.address));
  const signature = await (opts.signer ?? owner).signTypedData(
    { name: TOKEN_NAME, version: '1', chainId: CHAIN_ID, verifyingContract: tokenAddress },
    PERMIT_TYPES,
    { owner: owner.address, spender: opts.spender ?? dvpAddress, value, nonce, deadline },
  );
  const { v, r, s } = Signature.from(signature);
  return { value, deadline, v, r, s };
}

/**
 * The payer's EIP-712 consent to one trade, as BillDvP checks it: a financing (`price` for
 * `billId` paid to `payee`, the holder) or a repayment (`amount`, the face, paid to the holder).
 */
async function signConsent(
  payer: HDNodeWallet,
  trade: { kind?: 'financing' | 'repayment'; billId: string; amount: bigint; payee: string },
  opts: { deadline?: bigint; nonce?: bigint; signer?: HDNodeWallet } = {},
): Promise<DvpConsentArg> {
  return signDvpConsent(opts.signer ?? payer, trade.kind ?? 'financing', { ...trade, payer: payer.address }, {
    chainId: CHAIN_ID,
    billDvP: dvpAddress,
    deadline: opts.deadline ?? (await chainNow()) + 3600n,
    nonce: opts.nonce ?? BigInt(randomId()),
  });
}

/** Issues a bill to `holder` and has the obligor accept it (unless `accept` is false). */
async function acceptedBill(
  opts: { holder?: string; obligor?: HDNodeWallet; amount?: bigint; currency?: string; dueDate?: bigint; accept?: boolean } = {},
): Promise<{ billId: string; holder: string; obligor: HDNodeWallet; amount: bigint }> {
  const holder = opts.holder ?? (await custodial()).address;
  const obligor = opts.obligor ?? (await custodial());
  const amount = opts.amount ?? 1_000_000n;
  const dueDate = opts.dueDate ?? (await chainNow()) + 90n * DAY_SEC;
  const billId = randomId();
  await mined(bills.issue(billId, holder, obligor.address, amount, opts.currency ?? EUR, dueDate, randomId()));
  if (opts.accept !== false) {
    const deadline = (await chainNow()) + 3600n;
    const signature = await obligor.signTypedData(
      { name: 'Tally BillRegistry', version: '1', chainId: CHAIN_ID, verifyingContract: billsAddress },
      ACCEPTANCE_TYPES,
      { billId, commitment: await bills.commitmentOf(billId), deadline },
    );
    await mined(bills.accept(billId, deadline, signature));
  }
  return { billId, holder, obligor, amount };
}

/** Everything a settlement may change, to compare before and after a refused one. */
async function snapshot(
  billId: string,
  wallets: string[],
  ids: { financingId?: string; paymentId?: string; consent?: { payer: string; nonce: bigint } } = {},
) {
  const [bill, holder] = await bills.billOf(billId);
  return {
    holder,
    status: bill.status,
    encumbrance: bill.encumbrance,
    balances: await Promise.all(wallets.map((w) => token.balanceOf(w))),
    allowances: await Promise.all(wallets.map((w) => token.allowance(w, dvpAddress))),
    permitNonces: await Promise.all(wallets.map((w) => token.nonces(w))),
    consentNoncesUsed: ids.consent ? await dvp.isConsentNonceUsed(ids.consent.payer, ids.consent.nonce) : null,
    financingSettled: ids.financingId ? await dvp.isFinancingSettled(ids.financingId) : null,
    paymentSettled: ids.paymentId ? await dvp.isRepaymentSettled(ids.paymentId) : null,
  };
}

/** The events of a receipt, decoded with the ABI of the contract that emitted each log. */
function eventsOf(receipt: TransactionReceipt): Array<{ contract: string; name: string; args: unknown }> {
  return receipt.logs.map((log) => {
    const [contract, decoded] =
      log.address === tokenAddress
        ? ['token', decodeSettlementTokenEvent(log)]
        : log.address === billsAddress
          ? ['bills', decodeBillRegistryEvent(log)]
          : log.address === dvpAddress
            ? ['dvp', decodeBillDvPEvent(log)]
            : ['other', null];
    return { contract, name: decoded?.name ?? 'unknown', args: decoded?.args };
  });
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
  await mined(token.grantRole(DVP_ROLE, dvpAddress));
  await mined(dvp.setSettlementToken(EUR, tokenAddress));
});

afterAll(async () => {
  provider?.destroy();
  await anvil?.stop();
});

describe('SettlementToken', () => {
  it('is a 2-decimal EUR deposit token with roles, permit domain and ERC-165', async () => {
    expect(await token.name()).toBe(TOKEN_NAME);
    expect(await token.symbol()).toBe('tEUR');
    expect(await token.decimals()).toBe(2n);
    expect(await token.currency()).toBe(EUR);
    expect(await token.identityRegistry()).toBe(await identity.getAddress());
    expect(await token.SETTLEMENT_AGENT_ROLE()).toBe(SETTLEMENT_AGENT_ROLE);
    expect(await token.hasRole(DEFAULT_ADMIN_ROLE, operator.address)).toBe(true);
    expect(await token.totalSupply()).toBe(0n);
    const domain = await token.eip712Domain();
    expect([domain.name, domain.version, domain.chainId, domain.verifyingContract]).toEqual([
      TOKEN_NAME,
      '1',
      BigInt(CHAIN_ID),
      tokenAddress,
    ]);

    const names = [
      'SETTLEMENT_AGENT_ROLE',
      'DVP_ROLE',
      'currency',
      'identityRegistry',
      'mint',
      'burn',
      'dvpTransfer',
      'isDepositRefUsed',
      'isWithdrawalRefUsed',
    ];
    const interfaceId = toBeHex(
      names.map((n) => BigInt(SettlementTokenInterface.getFunction(n)!.selector)).reduce((a, b) => a ^ b),
      4,
    );
    expect(await token.supportsInterface(interfaceId)).toBe(true);
    expect(await token.supportsInterface('0x7965db0b')).toBe(true); // IAccessControl
  });

  it('refuses a zero admin, a zero identity registry and a malformed currency', async () => {
    const registry = await identity.getAddress();
    expect((await revertOf(() => deploySettlementToken(operator, 'x', 'x', EUR, ZeroAddress, registry)))?.name).toBe(
      'SettlementToken__ZeroAdmin',
    );
    expect((await revertOf(() => deploySettlementToken(operator, 'x', 'x', EUR, operator.address, ZeroAddress)))?.name).toBe(
      'SettlementToken__ZeroIdentityRegistry',
    );
    expect(await revertOf(() => deploySettlementToken(operator, 'x', 'x', code('Eu1'), operator.address, registry))).toEqual({
      name: 'SettlementToken__InvalidCurrency',
      args: { currency: code('Eu1') },
    });
  });

  it('mints against a deposit reference once; the reference travels in Minted', async () => {
    const wallet = await custodial();
    const ref = randomId();
    const receipt = await mined(token.mint(wallet.address, 12_345n, ref));
    expect(await token.balanceOf(wallet.address)).toBe(12_345n);
    expect(await token.isDepositRefUsed(ref)).toBe(true);
    expect(eventsOf(receipt)).toEqual([
      { contract: 'token', name: 'Transfer', args: { from: ZeroAddress, to: wallet.address, value: 12_345n } },
      { contract: 'token', name: 'Minted', args: { to: wallet.address, amount: 12_345n, depositRef: ref } },
    ]);

    expect(await revertOf(() => token.mint(wallet.address, 1n, ref))).toEqual({
      name: 'SettlementToken__DepositRefUsed',
      args: { depositRef: ref },
    });
    expect(await revertOf(() => token.mint(wallet.address, 0n, randomId()))).toEqual({ name: 'SettlementToken__ZeroAmount', args: {} });
    expect(await revertOf(() => token.mint(wallet.address, 1n, ZeroHash))).toEqual({ name: 'SettlementToken__ZeroRef', args: {} });
    expect(await revertOf(() => token.connect(outsider).mint(wallet.address, 1n, randomId()))).toEqual({
      name: 'AccessControlUnauthorizedAccount',
      args: { account: outsider.address, neededRole: SETTLEMENT_AGENT_ROLE },
    });
    expect(await token.balanceOf(wallet.address)).toBe(12_345n);
  });

  it('refuses to mint to an unverified wallet', async () => {
    const unverified = Wallet.createRandom().address;
    const ref = randomId();
    expect(await revertOf(() => token.mint(unverified, 100n, ref))).toEqual({
      name: 'SettlementToken__NotVerified',
      args: { wallet: unverified },
    });
    expect(await token.isDepositRefUsed(ref)).toBe(false);
  });

  it('burns for a withdrawal reference once, also from a wallet no longer verified', async () => {
    const wallet = await custodial();
    await mined(token.mint(wallet.address, 1_000n, randomId()));
    const ref = randomId();
    const receipt = await mined(token.burn(wallet.address, 400n, ref));
    expect(eventsOf(receipt)).toEqual([
      { contract: 'token', name: 'Transfer', args: { from: wallet.address, to: ZeroAddress, value: 400n } },
      { contract: 'token', name: 'Burned', args: { from: wallet.address, amount: 400n, withdrawalRef: ref } },
    ]);
    expect(await token.balanceOf(wallet.address)).toBe(600n);
    expect(await token.isWithdrawalRefUsed(ref)).toBe(true);
    expect(await revertOf(() => token.burn(wallet.address, 1n, ref))).toEqual({
      name: 'SettlementToken__WithdrawalRefUsed',
      args: { withdrawalRef: ref },
    });
    expect(await revertOf(() => token.burn(wallet.address, 601n, randomId()))).toEqual({
      name: 'ERC20InsufficientBalance',
      args: { sender: wallet.address, balance: 600n, needed: 601n },
    });

    await mined(identity.remove(wallet.address));
    await mined(token.burn(wallet.address, 600n, randomId()));
    expect(await token.balanceOf(wallet.address)).toBe(0n);
  });

  it('moves tokens only between verified wallets (transfer and transferFrom)', async () => {
    const alice = await fundedWallet();
    const bob = await fundedWallet();
    await verify(alice.address);
    await verify(bob.address);
    await mined(token.mint(alice.address, 1_000n, randomId()));
    await mined(token.connect(alice).transfer(bob.address, 100n));
    expect(await token.balanceOf(bob.address)).toBe(100n);

    const unverified = Wallet.createRandom().address;
    expect(await revertOf(() => token.connect(alice).transfer(unverified, 1n))).toEqual({
      name: 'SettlementToken__NotVerified',
      args: { wallet: unverified },
    });
    await mined(token.connect(alice).approve(bob.address, 500n));
    expect(await revertOf(() => token.connect(bob).transferFrom(alice.address, unverified, 1n))).toEqual({
      name: 'SettlementToken__NotVerified',
      args: { wallet: unverified },
    });
    await mined(token.connect(bob).transferFrom(alice.address, bob.address, 50n));

    await mined(identity.remove(alice.address));
    expect(await revertOf(() => token.connect(alice).transfer(bob.address, 1n))).toEqual({
      name: 'SettlementToken__NotVerified',
      args: { wallet: alice.address },
    });
    expect(await token.balanceOf(alice.address)).toBe(850n);
  });

  it('applies an EIP-2612 permit signed by a wallet that never sends a transaction', async () => {
    const owner = await custodial();
    const spender = await fundedWallet();
    await verify(spender.address);
    await mined(token.mint(owner.address, 1_000n, randomId()));
    const permit = await signPermit(owner, 700n, { spender: spender.address });
    await mined(token.permit(owner.address, spender.address, permit.value, permit.deadline, permit.v, permit.r, permit.s));
    expect(await token.allowance(owner.address, spender.address)).toBe(700n);
    expect(await token.nonces(owner.address)).toBe(1n);
    await mined(token.connect(spender).transferFrom(owner.address, spender.address, 700n));
    expect(await token.balanceOf(spender.address)).toBe(700n);

    // replayed: the nonce moved on, so the signature no longer recovers to the owner
    expect(
      (await revertOf(() => token.permit(owner.address, spender.address, permit.value, permit.deadline, permit.v, permit.r, permit.s)))
        ?.name,
    ).toBe('ERC2612InvalidSigner');
    const expired = await signPermit(owner, 1n, { spender: spender.address, deadline: (await chainNow()) - 1n });
    expect(
      (await revertOf(() => token.permit(owner.address, spender.address, 1n, expired.deadline, expired.v, expired.r, expired.s)))?.name,
    ).toBe('ERC2612ExpiredSignature');
  });
});

describe('SettlementToken.dvpTransfer', () => {
  it('moves tokens without an allowance for DVP_ROLE only, under the transfer rules', async () => {
    const [from, to] = [await custodial(), await custodial()];
    await mined(token.mint(from.address, 1_000n, randomId()));
    expect(await revertOf(() => token.dvpTransfer(from.address, to.address, 1n))).toEqual({
      name: 'AccessControlUnauthorizedAccount',
      args: { account: operator.address, neededRole: DVP_ROLE },
    });
    const dvpStandIn = await fundedWallet();
    await mined(token.grantRole(DVP_ROLE, dvpStandIn.address));
    try {
      const asDvp = token.connect(dvpStandIn);
      await mined(asDvp.dvpTransfer(from.address, to.address, 400n));
      expect([await token.balanceOf(from.address), await token.balanceOf(to.address)]).toEqual([600n, 400n]);
      expect(await revertOf(() => asDvp.dvpTransfer(from.address, to.address, 601n))).toEqual({
        name: 'ERC20InsufficientBalance',
        args: { sender: from.address, balance: 600n, needed: 601n },
      });
      const stranger = Wallet.createRandom();
      expect(await revertOf(() => asDvp.dvpTransfer(from.address, stranger.address, 1n))).toEqual({
        name: 'SettlementToken__NotVerified',
        args: { wallet: stranger.address },
      });
    } finally {
      await mined(token.revokeRole(DVP_ROLE, dvpStandIn.address));
    }
  });
});

describe('BillDvP', () => {
  it('is set up with the registry, roles, the EUR token, the consent domain and ERC-165', async () => {
    expect(await dvp.billRegistry()).toBe(billsAddress);
    expect(await dvp.AGENT_ROLE()).toBe(AGENT_ROLE);
    expect(await dvp.settlementTokenOf(EUR)).toBe(tokenAddress);
    expect(await dvp.settlementTokenOf(USD)).toBe(ZeroAddress);
    const domain = await dvp.eip712Domain();
    expect([domain.name, domain.version, domain.chainId, domain.verifyingContract]).toEqual(['Tally BillDvP', '1', BigInt(CHAIN_ID), dvpAddress]);
    const names = [
      'AGENT_ROLE',
      'billRegistry',
      'setSettlementToken',
      'settleFinancing',
      'settleRepayment',
      'settlementTokenOf',
      'isFinancingSettled',
      'isRepaymentSettled',
      'isConsentNonceUsed',
      'financingConsentDigest',
      'repaymentConsentDigest',
    ];
    const interfaceId = toBeHex(
      names.map((n) => BigInt(BillDvPInterface.getFunction(n)!.selector)).reduce((a, b) => a ^ b),
      4,
    );
    expect(await dvp.supportsInterface(interfaceId)).toBe(true);
    expect((await revertOf(() => deployBillDvP(operator, ZeroAddress, billsAddress)))?.name).toBe('BillDvP__ZeroAdmin');
    expect((await revertOf(() => deployBillDvP(operator, operator.address, ZeroAddress)))?.name).toBe('BillDvP__ZeroBillRegistry');
  });

  it('publishes the digest a payer signs (the same as ethers computes from the typed data)', async () => {
    const payer = Wallet.createRandom();
    const billId = randomId();
    const digest = await dvp.financingConsentDigest(billId, 5n, payer.address, outsider.address, 100n, 7n);
    const consent = await signConsent(payer, { billId, amount: 5n, payee: outsider.address }, { deadline: 100n, nonce: 7n });
    expect(recoverAddress(digest, consent.signature)).toBe(payer.address);
    const repayment = await signConsent(payer, { kind: 'repayment', billId, amount: 5n, payee: outsider.address }, { deadline: 100n, nonce: 7n });
    expect(recoverAddress(await dvp.repaymentConsentDigest(billId, 5n, payer.address, outsider.address, 100n, 7n), repayment.signature)).toBe(
      payer.address,
    );
    // a financing consent is no repayment consent for the same figures
    expect(consent.signature).not.toBe(repayment.signature);
  });

  it('registers settlement tokens per currency (admin only, currency must match, zero removes)', async () => {
    const usdToken = await deploy(
      SettlementTokenInterface,
      SettlementTokenBytecode,
      connectSettlementToken,
      'Tally USD Deposit',
      'tUSD',
      USD,
      operator.address,
      await identity.getAddress(),
    );
    const usdAddress = await usdToken.getAddress();
    expect(await revertOf(() => dvp.setSettlementToken(EUR, usdAddress))).toEqual({
      name: 'BillDvP__CurrencyMismatch',
      args: { currency: EUR, tokenCurrency: USD },
    });
    expect((await revertOf(() => dvp.connect(outsider).setSettlementToken(USD, usdAddress)))?.name).toBe(
      'AccessControlUnauthorizedAccount',
    );
    const set = await mined(dvp.setSettlementToken(USD, usdAddress));
    expect(eventsOf(set)).toEqual([{ contract: 'dvp', name: 'SettlementTokenSet', args: { currency: USD, token: usdAddress } }]);
    expect(await dvp.settlementTokenOf(USD)).toBe(usdAddress);
    await mined(dvp.setSettlementToken(USD, ZeroAddress));
    expect(await dvp.settlementTokenOf(USD)).toBe(ZeroAddress);
  });

  describe('settleFinancing', () => {
    it("swaps the financier's tokens for the bill atomically, in one transaction, on the financier's consent to that trade", async () => {
      const seller = await custodial();
      const financier = await custodial();
      const bill = await acceptedBill({ holder: seller.address, amount: 1_000_000n });
      await mined(token.mint(financier.address, 2_000_000n, randomId()));
      const financingId = randomId();
      const price = 975_000n;
      const consent = await signConsent(financier, { billId: bill.billId, amount: price, payee: seller.address });

      const receipt = await mined(dvp.settleFinancing(financingId, bill.billId, financier.address, price, consent));

      expect(await token.balanceOf(seller.address)).toBe(price);
      expect(await token.balanceOf(financier.address)).toBe(2_000_000n - price);
      // no allowance was ever given or used
      expect(await token.allowance(financier.address, dvpAddress)).toBe(0n);
      expect(await dvp.isConsentNonceUsed(financier.address, consent.nonce)).toBe(true);
      const [record, holder] = await bills.billOf(bill.billId);
      expect([holder, record.status, record.encumbrance]).toEqual([financier.address, Status.ACCEPTED, Enc.FINANCED]);
      expect(await dvp.isFinancingSettled(financingId)).toBe(true);
      // money and title moved in the same transaction
      expect(eventsOf(receipt)).toEqual([
        { contract: 'token', name: 'Transfer', args: { from: financier.address, to: seller.address, value: price } },
        { contract: 'bills', name: 'Transfer', args: { from: seller.address, to: financier.address, tokenId: BigInt(bill.billId) } },
        { contract: 'bills', name: 'EncumbranceChanged', args: { billId: bill.billId, previous: Enc.NONE, current: Enc.FINANCED } },
        {
          contract: 'dvp',
          name: 'FinancingSettled',
          args: { financingId, billId: bill.billId, seller: seller.address, financier: financier.address, price },
        },
      ]);
    });

    it('settles a financing id once; the financed bill cannot be financed again under another id', async () => {
      const financier = await custodial();
      const bill = await acceptedBill();
      await mined(token.mint(financier.address, 3_000_000n, randomId()));
      const financingId = randomId();
      const trade = { billId: bill.billId, amount: 900_000n, payee: bill.holder };
      await mined(dvp.settleFinancing(financingId, bill.billId, financier.address, 900_000n, await signConsent(financier, trade)));

      const before = await snapshot(bill.billId, [financier.address, bill.holder]);
      expect(
        await revertOf(async () => dvp.settleFinancing(financingId, bill.billId, financier.address, 900_000n, await signConsent(financier, trade))),
      ).toEqual({ name: 'BillDvP__FinancingAlreadySettled', args: { financingId } });
      const other = await custodial();
      await mined(token.mint(other.address, 1_000_000n, randomId()));
      expect(
        await revertOf(async () => dvp.settleFinancing(randomId(), bill.billId, other.address, 900_000n, await signConsent(other, trade))),
      ).toEqual({ name: 'BillDvP__BillEncumbered', args: { billId: bill.billId, encumbrance: Enc.FINANCED } });
      expect(await snapshot(bill.billId, [financier.address, bill.holder])).toEqual(before);
      expect(await token.balanceOf(other.address)).toBe(1_000_000n);
    });

    it('a financier without enough balance makes the whole DvP revert, mined or estimated, with nothing changed (the consent not spent)', async () => {
      const financier = await custodial();
      const bill = await acceptedBill({ amount: 1_000_000n });
      await mined(token.mint(financier.address, 500_000n, randomId()));
      const financingId = randomId();
      const consent = await signConsent(financier, { billId: bill.billId, amount: 900_000n, payee: bill.holder });
      const wallets = [financier.address, bill.holder];
      const ids = { financingId, consent: { payer: financier.address, nonce: consent.nonce } };
      const before = await snapshot(bill.billId, wallets, ids);

      expect(await revertOf(() => dvp.settleFinancing.staticCall(financingId, bill.billId, financier.address, 900_000n, consent))).toEqual({
        name: 'ERC20InsufficientBalance',
        args: { sender: financier.address, balance: 500_000n, needed: 900_000n },
      });
      // sent anyway (no estimate): the transaction is mined, reverts, and leaves no trace
      const tx = await dvp.settleFinancing(financingId, bill.billId, financier.address, 900_000n, consent, { gasLimit: 1_000_000n });
      const receipt = await receiptOf(tx.hash);
      expect(receipt?.status).toBe(0);
      expect(receipt?.logs).toEqual([]);
      expect(await snapshot(bill.billId, wallets, ids)).toEqual(before);
      expect(before).toMatchObject({ holder: bill.holder, encumbrance: Enc.NONE, financingSettled: false, consentNoncesUsed: false });

      // topped up, the very same consent and financing id settle
      await mined(token.mint(financier.address, 400_000n, randomId()));
      await mined(dvp.settleFinancing(financingId, bill.billId, financier.address, 900_000n, consent));
      expect(await bills.ownerOf(BigInt(bill.billId))).toBe(financier.address);
    });

    it('refuses unaccepted bills, bad prices, the holder as financier, a currency without token and non-agents', async () => {
      const financier = await custodial();
      await mined(token.mint(financier.address, 5_000_000n, randomId()));
      const issued = await acceptedBill({ accept: false });
      const bill = await acceptedBill({ amount: 1_000_000n });
      const usdBill = await acceptedBill({ currency: USD });
      // these are refused before the consent is looked at
      const consent = await signConsent(financier, { billId: bill.billId, amount: 1n, payee: bill.holder });
      const cases: Array<[() => Promise<unknown>, DecodedError]> = [
        [
          () => dvp.settleFinancing(randomId(), issued.billId, financier.address, 1n, consent),
          { name: 'BillDvP__BillNotAccepted', args: { billId: issued.billId, status: Status.ISSUED } },
        ],
        [
          () => dvp.settleFinancing(randomId(), randomId(), financier.address, 1n, consent),
          { name: 'BillDvP__BillNotAccepted', args: { billId: expect.any(String), status: Status.NONE } },
        ],
        [
          () => dvp.settleFinancing(randomId(), bill.billId, financier.address, 1_000_001n, consent),
          { name: 'BillDvP__InvalidPrice', args: { price: 1_000_001n, amount: 1_000_000n } },
        ],
        [
          () => dvp.settleFinancing(randomId(), bill.billId, financier.address, 0n, consent),
          { name: 'BillDvP__InvalidPrice', args: { price: 0n, amount: 1_000_000n } },
        ],
        [
          () => dvp.settleFinancing(randomId(), bill.billId, bill.holder, 1n, consent),
          { name: 'BillDvP__FinancierIsHolder', args: { financier: bill.holder } },
        ],
        [() => dvp.settleFinancing(randomId(), bill.billId, ZeroAddress, 1n, consent), { name: 'BillDvP__ZeroFinancier', args: {} }],
        [() => dvp.settleFinancing(ZeroHash, bill.billId, financier.address, 1n, consent), { name: 'BillDvP__ZeroId', args: {} }],
        [
          () => dvp.settleFinancing(randomId(), usdBill.billId, financier.address, 1n, consent),
          { name: 'BillDvP__NoSettlementToken', args: { currency: USD } },
        ],
        [
          () => dvp.connect(outsider).settleFinancing(randomId(), bill.billId, financier.address, 1n, consent),
          { name: 'AccessControlUnauthorizedAccount', args: { account: outsider.address, neededRole: AGENT_ROLE } },
        ],
      ];
      for (const [action, expected] of cases) expect(await revertOf(action)).toEqual(expected);
      expect(await token.balanceOf(financier.address)).toBe(5_000_000n);
      expect(await bills.ownerOf(BigInt(bill.billId))).toBe(bill.holder);
    });

    it('refuses a DvP without consent, with consent to another amount, bill or payee, signed by another key, replayed, or expired', async () => {
      const financier = await custodial();
      await mined(token.mint(financier.address, 5_000_000n, randomId()));
      const bill = await acceptedBill({ amount: 1_000_000n });
      const otherBill = await acceptedBill({ amount: 1_000_000n });
      const trade = { billId: bill.billId, amount: 500_000n, payee: bill.holder };
      const settle = (consent: DvpConsentArg, price = 500_000n, billId = bill.billId) => () =>
        dvp.settleFinancing(randomId(), billId, financier.address, price, consent);
      const wallets = [financier.address, bill.holder, otherBill.holder];
      const before = await snapshot(bill.billId, wallets);
      const invalid = { name: 'BillDvP__ConsentInvalid', args: { payer: financier.address } };

      // no consent at all: no signature, or a standing allowance instead of one
      const none = { deadline: (await chainNow()) + 3600n, nonce: 1n, signature: '0x' };
      expect(await revertOf(settle(none))).toEqual(invalid);
      // consent to another amount, another bill, another payee; a signature of another key
      expect(await revertOf(settle(await signConsent(financier, trade), 500_001n))).toEqual(invalid);
      expect(await revertOf(settle(await signConsent(financier, trade), 500_000n, otherBill.billId))).toEqual(invalid);
      expect(await revertOf(settle(await signConsent(financier, { ...trade, payee: outsider.address })))).toEqual(invalid);
      expect(await revertOf(settle(await signConsent(financier, trade, { signer: Wallet.createRandom() })))).toEqual(invalid);
      // expired: the deadline is before this block
      const expired = await signConsent(financier, trade, { deadline: (await chainNow()) - 1n });
      expect(await revertOf(settle(expired))).toEqual({ name: 'BillDvP__ConsentExpired', args: { payer: financier.address, deadline: expired.deadline } });
      expect(await snapshot(bill.billId, wallets)).toEqual(before);

      // replayed: the consent settles once; given again for the same bill, back with its seller, it is refused
      const consent = await signConsent(financier, trade);
      await mined(settle(consent)());
      await mined(bills.setEncumbrance(bill.billId, Enc.NONE));
      await mined(bills.agentTransfer(bill.billId, bill.holder));
      expect(await revertOf(settle(consent))).toEqual({ name: 'BillDvP__ConsentUsed', args: { payer: financier.address, nonce: consent.nonce } });
      // and its nonce cannot be reused for another trade either
      const reused = await signConsent(financier, { ...trade, billId: otherBill.billId, payee: otherBill.holder }, { nonce: consent.nonce });
      expect(await revertOf(settle(reused, 500_000n, otherBill.billId))).toEqual({
        name: 'BillDvP__ConsentUsed',
        args: { payer: financier.address, nonce: consent.nonce },
      });
      expect(await token.balanceOf(financier.address)).toBe(4_500_000n);
      expect(await bills.ownerOf(BigInt(otherBill.billId))).toBe(otherBill.holder);
    });

    it('refuses an unverified financier; a self-custody wallet needs a consent, not an allowance', async () => {
      const bill = await acceptedBill();
      // verified when funded, unverified at settlement
      const financier = await custodial();
      await mined(token.mint(financier.address, 1_000_000n, randomId()));
      await mined(identity.remove(financier.address));
      expect(
        await revertOf(async () =>
          dvp.settleFinancing(randomId(), bill.billId, financier.address, 500n, await signConsent(financier, { billId: bill.billId, amount: 500n, payee: bill.holder })),
        ),
      ).toEqual({ name: 'SettlementToken__NotVerified', args: { wallet: financier.address } });

      const selfCustody = await fundedWallet();
      await verify(selfCustody.address);
      await mined(token.mint(selfCustody.address, 1_000_000n, randomId()));
      // an allowance, even unlimited, is no consent to a trade
      await mined(token.connect(selfCustody).approve(dvpAddress, 2n ** 255n));
      const noConsent = { deadline: (await chainNow()) + 3600n, nonce: 1n, signature: '0x' };
      expect(await revertOf(() => dvp.settleFinancing(randomId(), bill.billId, selfCustody.address, 600_000n, noConsent))).toEqual({
        name: 'BillDvP__ConsentInvalid',
        args: { payer: selfCustody.address },
      });
      const consent = await signConsent(selfCustody, { billId: bill.billId, amount: 600_000n, payee: bill.holder });
      await mined(dvp.settleFinancing(randomId(), bill.billId, selfCustody.address, 600_000n, consent));
      expect(await bills.ownerOf(BigInt(bill.billId))).toBe(selfCustody.address);
      expect(await token.balanceOf(bill.holder)).toBe(600_000n);
      expect(await token.allowance(selfCustody.address, dvpAddress)).toBe(2n ** 255n); // untouched
    });
  });

  describe('settleRepayment', () => {
    it('pays the face amount from the obligor to the current holder and marks the bill PAID, after maturity too', async () => {
      const seller = await custodial();
      const financier = await custodial();
      const obligor = await custodial();
      const dueDate = (await chainNow()) + 3_600n;
      const bill = await acceptedBill({ holder: seller.address, obligor, amount: 1_000_000n, dueDate });
      await mined(token.mint(financier.address, 1_000_000n, randomId()));
      await mined(token.mint(obligor.address, 1_500_000n, randomId()));
      await mined(
        dvp.settleFinancing(randomId(), bill.billId, financier.address, 950_000n, await signConsent(financier, { billId: bill.billId, amount: 950_000n, payee: seller.address })),
      );

      await provider.send('evm_increaseTime', [7_200]); // past the due date
      await provider.send('evm_mine', []);
      const paymentId = randomId();
      const consent = await signConsent(obligor, { kind: 'repayment', billId: bill.billId, amount: 1_000_000n, payee: financier.address });
      const receipt = await mined(dvp.settleRepayment(paymentId, bill.billId, consent));

      expect(await token.balanceOf(obligor.address)).toBe(500_000n);
      expect(await token.balanceOf(financier.address)).toBe(50_000n + 1_000_000n);
      expect(await token.balanceOf(seller.address)).toBe(950_000n);
      const [record, holder] = await bills.billOf(bill.billId);
      expect([record.status, record.encumbrance, holder]).toEqual([Status.PAID, Enc.FINANCED, ZeroAddress]);
      expect(await dvp.isRepaymentSettled(paymentId)).toBe(true);
      expect(await dvp.isConsentNonceUsed(obligor.address, consent.nonce)).toBe(true);
      expect(eventsOf(receipt).map((e) => `${e.contract}.${e.name}`)).toEqual(['token.Transfer', 'bills.Transfer', 'bills.BillPaid', 'dvp.RepaymentSettled']);
      expect(eventsOf(receipt)[3]!.args).toEqual({
        paymentId,
        billId: bill.billId,
        obligor: obligor.address,
        holder: financier.address,
        amount: 1_000_000n,
      });
    });

    it("takes only the obligor's consent to this payment: another amount, payee, a financing consent or an expired one are refused", async () => {
      const obligor = await custodial();
      const bill = await acceptedBill({ obligor, amount: 1_000n });
      await mined(token.mint(obligor.address, 5_000n, randomId()));
      const payment = { kind: 'repayment' as const, billId: bill.billId, amount: 1_000n, payee: bill.holder };
      const invalid = { name: 'BillDvP__ConsentInvalid', args: { payer: obligor.address } };
      const before = await snapshot(bill.billId, [obligor.address, bill.holder]);
      expect(await revertOf(async () => dvp.settleRepayment(randomId(), bill.billId, await signConsent(obligor, { ...payment, amount: 999n })))).toEqual(invalid);
      expect(await revertOf(async () => dvp.settleRepayment(randomId(), bill.billId, await signConsent(obligor, { ...payment, payee: outsider.address })))).toEqual(
        invalid,
      );
      expect(await revertOf(async () => dvp.settleRepayment(randomId(), bill.billId, await signConsent(obligor, { ...payment, kind: 'financing' })))).toEqual(invalid);
      const expired = await signConsent(obligor, payment, { deadline: (await chainNow()) - 1n });
      expect(await revertOf(() => dvp.settleRepayment(randomId(), bill.billId, expired))).toEqual({
        name: 'BillDvP__ConsentExpired',
        args: { payer: obligor.address, deadline: expired.deadline },
      });
      expect(await snapshot(bill.billId, [obligor.address, bill.holder])).toEqual(before);
    });

    it('pays once: the same payment id and a second payment of a PAID bill are refused', async () => {
      const obligor = await custodial();
      const bill = await acceptedBill({ obligor, amount: 1_000n });
      await mined(token.mint(obligor.address, 5_000n, randomId()));
      const paymentId = randomId();
      const payment = { kind: 'repayment' as const, billId: bill.billId, amount: 1_000n, payee: bill.holder };
      await mined(dvp.settleRepayment(paymentId, bill.billId, await signConsent(obligor, payment)));
      expect(await revertOf(async () => dvp.settleRepayment(paymentId, bill.billId, await signConsent(obligor, payment)))).toEqual({
        name: 'BillDvP__RepaymentAlreadySettled',
        args: { paymentId },
      });
      expect(await revertOf(async () => dvp.settleRepayment(randomId(), bill.billId, await signConsent(obligor, payment)))).toEqual({
        name: 'BillDvP__BillNotAccepted',
        args: { billId: bill.billId, status: Status.PAID },
      });
      expect(await token.balanceOf(obligor.address)).toBe(4_000n);
      expect(await token.balanceOf(bill.holder)).toBe(1_000n);
    });

    it('an obligor without enough balance makes the repayment revert with nothing changed; an ISSUED bill cannot be paid', async () => {
      const obligor = await custodial();
      const bill = await acceptedBill({ obligor, amount: 1_000n });
      await mined(token.mint(obligor.address, 999n, randomId()));
      const paymentId = randomId();
      const wallets = [obligor.address, bill.holder];
      const consent = await signConsent(obligor, { kind: 'repayment', billId: bill.billId, amount: 1_000n, payee: bill.holder });
      const ids = { paymentId, consent: { payer: obligor.address, nonce: consent.nonce } };
      const before = await snapshot(bill.billId, wallets, ids);
      expect(await revertOf(() => dvp.settleRepayment(paymentId, bill.billId, consent))).toEqual({
        name: 'ERC20InsufficientBalance',
        args: { sender: obligor.address, balance: 999n, needed: 1_000n },
      });
      expect(await snapshot(bill.billId, wallets, ids)).toEqual(before);

      const issued = await acceptedBill({ obligor, accept: false });
      expect(await revertOf(() => dvp.settleRepayment(randomId(), issued.billId, consent))).toEqual({
        name: 'BillDvP__BillNotAccepted',
        args: { billId: issued.billId, status: Status.ISSUED },
      });
    });
  });

  describe('reentrancy through a malicious financier contract', () => {
    let receiver: ReentrantERC721Receiver;
    let receiverAddress: string;

    /** The contract wallet's consent: it approves the trade's digest (ERC-1271). */
    async function receiverConsent(billId: string, price: bigint, payee: string): Promise<DvpConsentArg> {
      const deadline = (await chainNow()) + 3600n;
      const nonce = BigInt(randomId());
      await mined(receiver.approveDigest(await dvp.financingConsentDigest(billId, price, receiverAddress, payee, deadline, nonce)));
      return { deadline, nonce, signature: '0x' };
    }

    beforeAll(async () => {
      receiver = await deploy(ReentrantERC721ReceiverInterface, ReentrantERC721ReceiverBytecode, connectReentrantERC721Receiver);
      receiverAddress = await receiver.getAddress();
      await verify(receiverAddress);
      await mined(token.mint(receiverAddress, 10_000_000n, randomId()));
    });

    it('an unarmed financier contract consents by ERC-1271 and receives the bill (control)', async () => {
      const bill = await acceptedBill();
      const unsigned = { deadline: (await chainNow()) + 3600n, nonce: 1n, signature: '0x' };
      expect(await revertOf(() => dvp.settleFinancing(randomId(), bill.billId, receiverAddress, 500_000n, unsigned))).toEqual({
        name: 'BillDvP__ConsentInvalid',
        args: { payer: receiverAddress },
      });
      await mined(dvp.settleFinancing(randomId(), bill.billId, receiverAddress, 500_000n, await receiverConsent(bill.billId, 500_000n, bill.holder)));
      expect(await bills.ownerOf(BigInt(bill.billId))).toBe(receiverAddress);
      expect(await receiver.reentries()).toBe(0n);
    });

    it('re-entering settleFinancing (even holding AGENT_ROLE) from onERC721Received reverts the whole settlement', async () => {
      await mined(dvp.grantRole(AGENT_ROLE, receiverAddress)); // without the guard the nested settlement would pass
      try {
        const bill = await acceptedBill();
        const other = await acceptedBill();
        const financingId = randomId();
        const nestedId = randomId();
        const nestedConsent = await receiverConsent(other.billId, 400_000n, other.holder);
        await mined(
          receiver.arm(
            dvpAddress,
            BillDvPInterface.encodeFunctionData('settleFinancing', [nestedId, other.billId, receiverAddress, 400_000n, nestedConsent]),
          ),
        );
        const consent = await receiverConsent(bill.billId, 500_000n, bill.holder);
        const wallets = [receiverAddress, bill.holder, other.holder];
        const before = await snapshot(bill.billId, wallets, { financingId });
        expect(await revertOf(() => dvp.settleFinancing(financingId, bill.billId, receiverAddress, 500_000n, consent))).toEqual({
          name: 'ReentrancyGuardReentrantCall',
          args: {},
        });
        expect(await snapshot(bill.billId, wallets, { financingId })).toEqual(before);
        expect(await dvp.isFinancingSettled(nestedId)).toBe(false);
        expect(await bills.ownerOf(BigInt(other.billId))).toBe(other.holder);
      } finally {
        await mined(dvp.revokeRole(AGENT_ROLE, receiverAddress));
        await mined(receiver.arm(ZeroAddress, '0x'));
      }
    });

    it('moving or splitting the bill from onERC721Received, before it is marked FINANCED, reverts the settlement', async () => {
      const accomplice = await custodial();
      for (const call of [
        (billId: string) => BillRegistryInterface.encodeFunctionData('transferFrom', [receiverAddress, accomplice.address, BigInt(billId)]),
        (billId: string) => BillRegistryInterface.encodeFunctionData('split', [billId, [1n, 999_999n], [randomId(), randomId()]]),
        (billId: string) => BillRegistryInterface.encodeFunctionData('setEncumbrance', [billId, Enc.NONE]),
      ]) {
        const bill = await acceptedBill({ amount: 1_000_000n });
        await mined(receiver.arm(billsAddress, call(bill.billId)));
        const financingId = randomId();
        const consent = await receiverConsent(bill.billId, 500_000n, bill.holder);
        const before = await snapshot(bill.billId, [receiverAddress, bill.holder], { financingId });
        expect(await revertOf(() => dvp.settleFinancing(financingId, bill.billId, receiverAddress, 500_000n, consent))).toEqual({
          name: 'ReentrancyGuardReentrantCall',
          args: {},
        });
        expect(await snapshot(bill.billId, [receiverAddress, bill.holder], { financingId })).toEqual(before);
      }
      await mined(receiver.arm(ZeroAddress, '0x'));
      expect(await receiver.reentries()).toBe(0n);
    });
  });
});
