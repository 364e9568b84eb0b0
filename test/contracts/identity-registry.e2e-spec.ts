// IdentityRegistry against a real anvil node, through the generated bindings.
import {
  JsonRpcProvider,
  Wallet,
  ZeroAddress,
  ZeroHash,
  getBytes,
  hexlify,
  id,
  isCallException,
  keccak256,
  parseEther,
  toBeHex,
  toUtf8Bytes,
  type ContractTransactionResponse,
  type HDNodeWallet,
  type TransactionReceipt,
} from 'ethers';
import { AnvilProcess } from '../../libs/chain/src/embedded/anvil.process.js';
import {
  IdentityRegistryInterface,
  artifacts,
  connectIdentityRegistry,
  decodeIdentityRegistryError,
  decodeIdentityRegistryEvent,
  deployIdentityRegistry,
  type IdentityRegistry,
  type IdentityRegistryError,
} from '../../contracts/generated/index.js';

const CHAIN_ID = 31337;
const REGISTRAR_ROLE = id('REGISTRAR_ROLE');
const DEFAULT_ADMIN_ROLE = ZeroHash;
const ONE_YEAR_SEC = 365n * 24n * 3600n;
const REGISTER_GAS_CEILING = 60_000n;
const IS_VERIFIED_EXECUTION_GAS_CEILING = 5_000n;

/** ISO 3166-1 alpha-2 code as the contract's bytes2, e.g. 'DE' -> '0x4445'. */
const country = (code: string): string => hexlify(toUtf8Bytes(code));
const DE = country('DE');
const FR = country('FR');
const SG = country('SG');

// ---- chain helpers ----

let anvil: AnvilProcess;
let provider: JsonRpcProvider;
let admin: HDNodeWallet;
let registrar: HDNodeWallet;
let outsider: HDNodeWallet;
let registryAsAdmin: IdentityRegistry;
let registryAsRegistrar: IdentityRegistry;
let registryAsOutsider: IdentityRegistry;

async function fundedWallet(): Promise<HDNodeWallet> {
  const wallet = Wallet.createRandom(provider);
  await provider.send('anvil_setBalance', [wallet.address, toBeHex(parseEther('100'))]);
  return wallet;
}

/** A fresh address that is never used to sign. */
const newAddress = (): string => Wallet.createRandom().address;

/** Timestamp of the latest block: tests below move chain time, so wall-clock time is no reference. */
async function chainNow(): Promise<bigint> {
  const block = await provider.getBlock('latest');
  if (!block) throw new Error('no latest block');
  return BigInt(block.timestamp);
}

async function mined(tx: Promise<ContractTransactionResponse>): Promise<TransactionReceipt> {
  const receipt = await (await tx).wait();
  if (!receipt || receipt.status !== 1) throw new Error('transaction failed');
  return receipt;
}

/** Runs `action`, expects a revert, and decodes the revert data with the contract's ABI. */
async function revertOf(action: () => Promise<unknown>): Promise<IdentityRegistryError | null> {
  try {
    await action();
  } catch (err) {
    if (isCallException(err) && err.data) return decodeIdentityRegistryError(err.data);
    throw err;
  }
  throw new Error('expected a revert, but the call succeeded');
}

/** Intrinsic gas of a plain call with `data` (21000 + 16 per non-zero, 4 per zero calldata byte). */
function intrinsicGas(data: string): bigint {
  return getBytes(data).reduce((sum, byte) => sum + (byte === 0 ? 4n : 16n), 21_000n);
}

beforeAll(async () => {
  anvil = new AnvilProcess({ port: 0, chainId: CHAIN_ID, blockTimeSec: 0 });
  await anvil.start();
  // cacheTimeout -1: ethers otherwise reuses an eth_getTransactionCount answer for 250 ms, so a
  // second transaction sent right after a mined one gets the same nonce ("nonce too low").
  provider = new JsonRpcProvider(anvil.url, CHAIN_ID, { staticNetwork: true, batchMaxCount: 1, cacheTimeout: -1 });
  [admin, registrar, outsider] = [await fundedWallet(), await fundedWallet(), await fundedWallet()];

  registryAsAdmin = await deployIdentityRegistry(admin, admin.address);
  const address = await registryAsAdmin.getAddress();
  registryAsRegistrar = connectIdentityRegistry(address, registrar);
  registryAsOutsider = registryAsAdmin.connect(outsider);
  await mined(registryAsAdmin.grantRole(REGISTRAR_ROLE, registrar.address));
});

afterAll(async () => {
  provider?.destroy();
  await anvil?.stop();
});

describe('IdentityRegistry', () => {
  it('deploys the compiled runtime code and sets up roles', async () => {
    const code = await provider.getCode(await registryAsAdmin.getAddress());
    expect(keccak256(code)).toBe(artifacts.IdentityRegistry.deployedBytecodeHash);
    expect(await registryAsAdmin.REGISTRAR_ROLE()).toBe(REGISTRAR_ROLE);
    expect(await registryAsAdmin.hasRole(DEFAULT_ADMIN_ROLE, admin.address)).toBe(true);
    expect(await registryAsAdmin.hasRole(REGISTRAR_ROLE, admin.address)).toBe(false);
    expect(await registryAsAdmin.hasRole(REGISTRAR_ROLE, registrar.address)).toBe(true);
    expect(await registryAsAdmin.getRoleAdmin(REGISTRAR_ROLE)).toBe(DEFAULT_ADMIN_ROLE);
  });

  it('refuses the zero address as admin', async () => {
    expect(await revertOf(() => deployIdentityRegistry(admin, ZeroAddress))).toEqual({
      name: 'IdentityRegistry__ZeroAdmin',
      args: {},
    });
  });

  it('answers ERC-165 for IIdentityRegistry and IAccessControl', async () => {
    const selectors = ['REGISTRAR_ROLE', 'register', 'registerBatch', 'remove', 'isVerified', 'isRegistered', 'identityOf'].map((name) =>
      BigInt(IdentityRegistryInterface.getFunction(name)!.selector),
    );
    const iIdentityRegistryId = toBeHex(
      selectors.reduce((a, b) => a ^ b),
      4,
    );
    expect(await registryAsAdmin.supportsInterface(iIdentityRegistryId)).toBe(true);
    expect(await registryAsAdmin.supportsInterface('0x7965db0b')).toBe(true); // IAccessControl
    expect(await registryAsAdmin.supportsInterface('0x01ffc9a7')).toBe(true); // IERC165
    expect(await registryAsAdmin.supportsInterface('0xffffffff')).toBe(false);
  });

  it('registers a wallet: verified, stored, emits IdentityRegistered, costs < 60k gas', async () => {
    const wallet = newAddress();
    const expiresAt = (await chainNow()) + ONE_YEAR_SEC;

    const receipt = await mined(registryAsRegistrar.register(wallet, DE, expiresAt));

    expect(await registryAsAdmin.isVerified(wallet)).toBe(true);
    expect(await registryAsAdmin.isRegistered(wallet)).toBe(true);
    const [storedCountry, storedExpiresAt] = await registryAsAdmin.identityOf(wallet);
    expect([storedCountry, storedExpiresAt]).toEqual(['0x4445', expiresAt]);
    expect((await registryAsAdmin.identityOf(wallet)).country).toBe(DE); // named access too
    expect(receipt.logs.map(decodeIdentityRegistryEvent)).toEqual([
      { name: 'IdentityRegistered', args: { wallet, country: DE, expiresAt } },
    ]);

    console.log(`IdentityRegistry.register gas used (new wallet): ${receipt.gasUsed}`);
    expect(receipt.gasUsed).toBeLessThan(REGISTER_GAS_CEILING);
  });

  it('reports an unknown wallet as unverified, unregistered and all zeros', async () => {
    const wallet = newAddress();
    expect(await registryAsAdmin.isVerified(wallet)).toBe(false);
    expect(await registryAsAdmin.isRegistered(wallet)).toBe(false);
    expect([...(await registryAsAdmin.identityOf(wallet))]).toEqual(['0x0000', 0n]);
    expect(await registryAsAdmin.isVerified(ZeroAddress)).toBe(false);
  });

  it('updates country and expiry when a registered wallet is registered again', async () => {
    const wallet = newAddress();
    const now = await chainNow();
    await mined(registryAsRegistrar.register(wallet, DE, now + ONE_YEAR_SEC));

    const renewedUntil = now + 2n * ONE_YEAR_SEC;
    const receipt = await mined(registryAsRegistrar.register(wallet, FR, renewedUntil));

    expect([...(await registryAsAdmin.identityOf(wallet))]).toEqual([FR, renewedUntil]);
    expect(await registryAsAdmin.isVerified(wallet)).toBe(true);
    expect(receipt.logs.map(decodeIdentityRegistryEvent)).toEqual([
      { name: 'IdentityUpdated', args: { wallet, country: FR, expiresAt: renewedUntil } },
    ]);
    console.log(`IdentityRegistry.register gas used (update): ${receipt.gasUsed}`);
    expect(receipt.gasUsed).toBeLessThan(REGISTER_GAS_CEILING);
  });

  it('stops verifying a wallet once its expiry has passed, keeps it registered, and renews it', async () => {
    const wallet = newAddress();
    const expiresAt = (await chainNow()) + 60n;
    await mined(registryAsRegistrar.register(wallet, SG, expiresAt));
    expect(await registryAsAdmin.isVerified(wallet)).toBe(true);

    await provider.send('evm_increaseTime', [61]);
    await provider.send('evm_mine', []);
    expect(await chainNow()).toBeGreaterThanOrEqual(expiresAt);

    expect(await registryAsAdmin.isVerified(wallet)).toBe(false);
    expect(await registryAsAdmin.isRegistered(wallet)).toBe(true);
    expect([...(await registryAsAdmin.identityOf(wallet))]).toEqual([SG, expiresAt]);

    // renewal is a re-registration, hence an update
    const renewedUntil = (await chainNow()) + ONE_YEAR_SEC;
    const receipt = await mined(registryAsRegistrar.register(wallet, SG, renewedUntil));
    expect(receipt.logs.map(decodeIdentityRegistryEvent)).toEqual([
      { name: 'IdentityUpdated', args: { wallet, country: SG, expiresAt: renewedUntil } },
    ]);
    expect(await registryAsAdmin.isVerified(wallet)).toBe(true);
  });

  it('removes a wallet: unverified, unregistered, emits IdentityRemoved; a second removal reverts', async () => {
    const wallet = newAddress();
    await mined(registryAsRegistrar.register(wallet, DE, (await chainNow()) + ONE_YEAR_SEC));

    const receipt = await mined(registryAsRegistrar.remove(wallet));

    expect(receipt.logs.map(decodeIdentityRegistryEvent)).toEqual([{ name: 'IdentityRemoved', args: { wallet } }]);
    expect(await registryAsAdmin.isVerified(wallet)).toBe(false);
    expect(await registryAsAdmin.isRegistered(wallet)).toBe(false);
    expect([...(await registryAsAdmin.identityOf(wallet))]).toEqual(['0x0000', 0n]);
    console.log(`IdentityRegistry.remove gas used: ${receipt.gasUsed}`);

    expect(await revertOf(() => registryAsRegistrar.remove(wallet))).toEqual({
      name: 'IdentityRegistry__NotRegistered',
      args: { wallet },
    });

    // registering it again starts afresh
    const again = await mined(registryAsRegistrar.register(wallet, FR, (await chainNow()) + ONE_YEAR_SEC));
    expect(again.logs.map(decodeIdentityRegistryEvent)[0]?.name).toBe('IdentityRegistered');
  });

  it('removes an expired wallet and refuses to remove an unknown one', async () => {
    const expired = newAddress();
    await mined(registryAsRegistrar.register(expired, DE, (await chainNow()) + 10n));
    await provider.send('evm_increaseTime', [11]);
    await provider.send('evm_mine', []);
    expect(await registryAsAdmin.isVerified(expired)).toBe(false);
    await mined(registryAsRegistrar.remove(expired));
    expect(await registryAsAdmin.isRegistered(expired)).toBe(false);

    const unknown = newAddress();
    expect(await revertOf(() => registryAsRegistrar.remove(unknown))).toEqual({
      name: 'IdentityRegistry__NotRegistered',
      args: { wallet: unknown },
    });
  });

  describe('registerBatch', () => {
    it('registers new wallets and updates known ones, one event each, in order', async () => {
      const known = newAddress();
      const now = await chainNow();
      await mined(registryAsRegistrar.register(known, DE, now + ONE_YEAR_SEC));
      const [first, last] = [newAddress(), newAddress()];
      const expiries = [now + 100n, now + 200n, now + 300n];

      const receipt = await mined(registryAsRegistrar.registerBatch([first, known, last], [FR, SG, DE], expiries));

      expect(receipt.logs.map(decodeIdentityRegistryEvent)).toEqual([
        { name: 'IdentityRegistered', args: { wallet: first, country: FR, expiresAt: expiries[0] } },
        { name: 'IdentityUpdated', args: { wallet: known, country: SG, expiresAt: expiries[1] } },
        { name: 'IdentityRegistered', args: { wallet: last, country: DE, expiresAt: expiries[2] } },
      ]);
      expect([...(await registryAsAdmin.identityOf(first))]).toEqual([FR, expiries[0]]);
      expect([...(await registryAsAdmin.identityOf(known))]).toEqual([SG, expiries[1]]);
      expect([...(await registryAsAdmin.identityOf(last))]).toEqual([DE, expiries[2]]);
      for (const wallet of [first, known, last]) expect(await registryAsAdmin.isVerified(wallet)).toBe(true);
      console.log(`IdentityRegistry.registerBatch gas used (2 new + 1 update): ${receipt.gasUsed}`);
    });

    it('keeps the last entry of a wallet listed twice, and accepts an empty batch', async () => {
      const wallet = newAddress();
      const now = await chainNow();
      const receipt = await mined(registryAsRegistrar.registerBatch([wallet, wallet], [DE, FR], [now + 100n, now + 200n]));
      expect(receipt.logs.map(decodeIdentityRegistryEvent).map((e) => e?.name)).toEqual(['IdentityRegistered', 'IdentityUpdated']);
      expect([...(await registryAsAdmin.identityOf(wallet))]).toEqual([FR, now + 200n]);

      const empty = await mined(registryAsRegistrar.registerBatch([], [], []));
      expect(empty.logs).toEqual([]);
    });

    it('rejects arrays of different lengths', async () => {
      const now = await chainNow();
      const [a, b] = [newAddress(), newAddress()];
      expect(await revertOf(() => registryAsRegistrar.registerBatch([a, b], [DE], [now + 100n, now + 100n]))).toEqual({
        name: 'IdentityRegistry__LengthMismatch',
        args: { wallets: 2n, countries: 1n, expiries: 2n },
      });
      expect(await revertOf(() => registryAsRegistrar.registerBatch([a], [DE], [now + 100n, now + 100n]))).toEqual({
        name: 'IdentityRegistry__LengthMismatch',
        args: { wallets: 1n, countries: 1n, expiries: 2n },
      });
      expect(await registryAsAdmin.isRegistered(a)).toBe(false);
    });

    it('writes nothing when one entry is invalid', async () => {
      const now = await chainNow();
      const [good, bad] = [newAddress(), newAddress()];
      expect(await revertOf(() => registryAsRegistrar.registerBatch([good, bad], [DE, '0x0000'], [now + 100n, now + 100n]))).toEqual({
        name: 'IdentityRegistry__InvalidCountry',
        args: { country: '0x0000' },
      });
      expect(await revertOf(() => registryAsRegistrar.registerBatch([good, ZeroAddress], [DE, FR], [now + 100n, now + 100n]))).toEqual({
        name: 'IdentityRegistry__ZeroAddress',
        args: {},
      });
      expect(await registryAsAdmin.isRegistered(good)).toBe(false);
    });
  });

  describe('register input checks', () => {
    it('rejects the zero address', async () => {
      expect(await revertOf(async () => registryAsRegistrar.register(ZeroAddress, DE, (await chainNow()) + ONE_YEAR_SEC))).toEqual({
        name: 'IdentityRegistry__ZeroAddress',
        args: {},
      });
    });

    it.each([
      ['zero', '0x0000'],
      ['lowercase', country('de')],
      ['a digit', country('D1')],
      ['half zero', '0x4400'],
      ['a letter after Z', country('D[')],
      ['a letter before A', country('@E')],
    ])('rejects a country code with %s', async (_label, code) => {
      const wallet = newAddress();
      expect(await revertOf(async () => registryAsRegistrar.register(wallet, code, (await chainNow()) + ONE_YEAR_SEC))).toEqual({
        name: 'IdentityRegistry__InvalidCountry',
        args: { country: code },
      });
      expect(await registryAsAdmin.isRegistered(wallet)).toBe(false);
    });

    it('accepts the boundary letters A and Z', async () => {
      const wallet = newAddress();
      await mined(registryAsRegistrar.register(wallet, country('AZ'), (await chainNow()) + ONE_YEAR_SEC));
      expect((await registryAsAdmin.identityOf(wallet)).country).toBe('0x415a');
    });

    it('rejects an expiry that is zero, past or the current block time', async () => {
      const now = await chainNow();
      for (const expiresAt of [0n, now - 1n, now]) {
        expect(await revertOf(() => registryAsRegistrar.register(newAddress(), DE, expiresAt))).toEqual({
          name: 'IdentityRegistry__ExpiryNotInFuture',
          args: { expiresAt },
        });
      }
    });
  });

  describe('access control', () => {
    it('lets only REGISTRAR_ROLE register, register in batch and remove', async () => {
      const wallet = newAddress();
      const expiresAt = (await chainNow()) + ONE_YEAR_SEC;
      await mined(registryAsRegistrar.register(wallet, DE, expiresAt));
      const unauthorized = { name: 'AccessControlUnauthorizedAccount', args: { account: outsider.address, neededRole: REGISTRAR_ROLE } };

      expect(await revertOf(() => registryAsOutsider.register(newAddress(), DE, expiresAt))).toEqual(unauthorized);
      expect(await revertOf(() => registryAsOutsider.registerBatch([newAddress()], [DE], [expiresAt]))).toEqual(unauthorized);
      expect(await revertOf(() => registryAsOutsider.remove(wallet))).toEqual(unauthorized);
      // the role check comes first: an outsider learns nothing from the argument checks
      expect(await revertOf(() => registryAsOutsider.remove(newAddress()))).toEqual(unauthorized);
      expect(await revertOf(() => registryAsOutsider.registerBatch([wallet], [], []))).toEqual(unauthorized);

      // the admin role alone does not allow registering either
      const byAdmin = await revertOf(() => registryAsAdmin.register(newAddress(), DE, expiresAt));
      expect(byAdmin).toEqual({ name: 'AccessControlUnauthorizedAccount', args: { account: admin.address, neededRole: REGISTRAR_ROLE } });

      expect([...(await registryAsAdmin.identityOf(wallet))]).toEqual([DE, expiresAt]); // nothing changed
    });

    it('grants and revokes REGISTRAR_ROLE (admin only)', async () => {
      const newcomer = await fundedWallet();
      const asNewcomer = connectIdentityRegistry(await registryAsAdmin.getAddress(), newcomer);
      const expiresAt = (await chainNow()) + ONE_YEAR_SEC;

      expect(await revertOf(() => registryAsOutsider.grantRole(REGISTRAR_ROLE, newcomer.address))).toEqual({
        name: 'AccessControlUnauthorizedAccount',
        args: { account: outsider.address, neededRole: DEFAULT_ADMIN_ROLE },
      });

      const granted = await mined(registryAsAdmin.grantRole(REGISTRAR_ROLE, newcomer.address));
      expect(granted.logs.map(decodeIdentityRegistryEvent)).toEqual([
        { name: 'RoleGranted', args: { role: REGISTRAR_ROLE, account: newcomer.address, sender: admin.address } },
      ]);
      const wallet = newAddress();
      await mined(asNewcomer.register(wallet, DE, expiresAt));
      expect(await registryAsAdmin.isVerified(wallet)).toBe(true);

      expect(await revertOf(() => registryAsOutsider.revokeRole(REGISTRAR_ROLE, newcomer.address))).toEqual({
        name: 'AccessControlUnauthorizedAccount',
        args: { account: outsider.address, neededRole: DEFAULT_ADMIN_ROLE },
      });
      const revoked = await mined(registryAsAdmin.revokeRole(REGISTRAR_ROLE, newcomer.address));
      expect(revoked.logs.map(decodeIdentityRegistryEvent)).toEqual([
        { name: 'RoleRevoked', args: { role: REGISTRAR_ROLE, account: newcomer.address, sender: admin.address } },
      ]);
      expect(await registryAsAdmin.hasRole(REGISTRAR_ROLE, newcomer.address)).toBe(false);
      expect((await revertOf(() => asNewcomer.remove(wallet)))?.name).toBe('AccessControlUnauthorizedAccount');
      expect(await registryAsAdmin.isVerified(wallet)).toBe(true); // registrations outlive their registrar
    });
  });

  it('answers isVerified with a single storage read (gas printed)', async () => {
    const verified = newAddress();
    await mined(registryAsRegistrar.register(verified, DE, (await chainNow()) + ONE_YEAR_SEC));
    const to = await registryAsAdmin.getAddress();

    for (const [label, wallet] of [
      ['verified', verified],
      ['unknown', newAddress()],
    ] as const) {
      const data = IdentityRegistryInterface.encodeFunctionData('isVerified', [wallet]);
      // sent as a transaction to get an exact gasUsed; minus the intrinsic cost, what remains is
      // the execution: dispatch plus one cold SLOAD (2,100) of the packed slot
      const receipt = await (await outsider.sendTransaction({ to, data })).wait();
      if (!receipt || receipt.status !== 1) throw new Error('isVerified transaction failed');
      const execution = receipt.gasUsed - intrinsicGas(data);
      const estimate = await provider.estimateGas({ to, data });
      console.log(
        `IdentityRegistry.isVerified gas (${label}): ${receipt.gasUsed} as a transaction, ` +
          `${execution} execution (cold slot), estimateGas ${estimate}`,
      );
      expect(execution).toBeLessThan(IS_VERIFIED_EXECUTION_GAS_CEILING);
    }
  });
});
