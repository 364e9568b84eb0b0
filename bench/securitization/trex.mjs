// T-REX (ERC-3643 reference implementation, @tokenysolutions/t-rex 4.1.6) as a gas BASELINE of
// bench/securitization only: never part of the product, of libs/ or of the test suite.
//
// The package ships compiled hardhat artifacts (abi + bytecode, built by its authors with solc 0.8.17);
// we deploy those bytes as they are. No T-REX Solidity is copied or compiled here (its licence is
// restrictive). Two deployments of the same minimal suite are measured on the caller's anvil:
//
//   - "plain": the implementation contracts deployed directly and initialised with their own
//     `init(...)` (T-REX 4 allows it: the implementations do not disable their initializers);
//   - "proxied": what T-REX's own factory deploys — the six implementations registered as a version in
//     a TREXImplementationAuthority, and one T-REX proxy per contract in front of them (every call
//     to a proxy asks the authority for its implementation, then DELEGATECALLs it).
//
// The suite: Token + IdentityRegistry + IdentityRegistryStorage (bound to the registry) +
// ClaimTopicsRegistry (no claim topic required, so no claim and no trusted issuer is needed) +
// TrustedIssuersRegistry (empty) + ModularCompliance (no module). Every investor wallet gets its own
// OnchainID `Identity` contract, registered in the identity registry (country 276). The token is
// unpaused by its agent (T-REX tokens start paused) and minted to a sender and an existing holder.
import { createRequire } from 'node:module';
import { Contract, ContractFactory, Wallet, ZeroAddress } from 'ethers';

const require = createRequire(import.meta.url);
const PACKAGE = '@tokenysolutions/t-rex';
const artifact = (path) => require(`${PACKAGE}/artifacts/${path}.json`);

const A = {
  Token: artifact('contracts/token/Token.sol/Token'),
  IdentityRegistry: artifact('contracts/registry/implementation/IdentityRegistry.sol/IdentityRegistry'),
  IdentityRegistryStorage: artifact('contracts/registry/implementation/IdentityRegistryStorage.sol/IdentityRegistryStorage'),
  ClaimTopicsRegistry: artifact('contracts/registry/implementation/ClaimTopicsRegistry.sol/ClaimTopicsRegistry'),
  TrustedIssuersRegistry: artifact('contracts/registry/implementation/TrustedIssuersRegistry.sol/TrustedIssuersRegistry'),
  ModularCompliance: artifact('contracts/compliance/modular/ModularCompliance.sol/ModularCompliance'),
  TREXImplementationAuthority: artifact('contracts/proxy/authority/TREXImplementationAuthority.sol/TREXImplementationAuthority'),
  TokenProxy: artifact('contracts/proxy/TokenProxy.sol/TokenProxy'),
  IdentityRegistryProxy: artifact('contracts/proxy/IdentityRegistryProxy.sol/IdentityRegistryProxy'),
  IdentityRegistryStorageProxy: artifact('contracts/proxy/IdentityRegistryStorageProxy.sol/IdentityRegistryStorageProxy'),
  ClaimTopicsRegistryProxy: artifact('contracts/proxy/ClaimTopicsRegistryProxy.sol/ClaimTopicsRegistryProxy'),
  TrustedIssuersRegistryProxy: artifact('contracts/proxy/TrustedIssuersRegistryProxy.sol/TrustedIssuersRegistryProxy'),
  ModularComplianceProxy: artifact('contracts/proxy/ModularComplianceProxy.sol/ModularComplianceProxy'),
  Identity: artifact('@onchain-id/solidity/contracts/Identity.sol/Identity'),
};

const COUNTRY = 276; // ISO 3166-1 numeric, Germany (no compliance module reads it)

/** The package version and the solc version written in the Token bytecode's CBOR metadata. */
export function trexToolchain() {
  const { version } = require(`${PACKAGE}/package.json`);
  const bytecode = A.Token.deployedBytecode.slice(2);
  const metadataLength = parseInt(bytecode.slice(-4), 16);
  const metadata = bytecode.slice(-4 - metadataLength * 2, -4);
  // CBOR: ... 0x64 "solc" 0x43 <major> <minor> <patch>
  const at = metadata.indexOf('64736f6c6343');
  const solc = at < 0 ? 'unknown' : [0, 1, 2].map((i) => parseInt(metadata.slice(at + 12 + i * 2, at + 14 + i * 2), 16)).join('.');
  return { package: `${PACKAGE}@${version}`, solc };
}

const median = (xs) => {
  const s = [...xs].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
  return s[Math.floor(s.length / 2)];
};

/**
 * Deploys one T-REX suite and measures `transfer` to a new holder (a registered, verified wallet
 * holding nothing) and to an existing holder: `samples` of each, medians, like the OZ measure.
 *
 * @param {object} o
 * @param {Wallet} o.operator  owner and agent of every contract
 * @param {(tx: Promise<import('ethers').TransactionResponse>) => Promise<import('ethers').TransactionReceipt>} o.send
 * @param {(hash: string) => Promise<import('ethers').TransactionReceipt>} o.receiptOf
 * @param {() => Promise<Wallet>} o.fundedWallet
 * @param {number} o.samples
 * @param {boolean} o.proxied  behind T-REX proxies and an implementation authority, or plain implementations
 */
export async function measureTrexTransfers({ operator, send, receiptOf, fundedWallet, samples, proxied }) {
  async function deploy(a, ...args) {
    const contract = await new ContractFactory(a.abi, a.bytecode, operator).deploy(...args);
    const receipt = await receiptOf(contract.deploymentTransaction().hash);
    return receipt.contractAddress;
  }
  const at = (address, a) => new Contract(address, a.abi, operator);

  let token, registry, storage, topics, issuers, compliance;
  if (!proxied) {
    storage = at(await deploy(A.IdentityRegistryStorage), A.IdentityRegistryStorage);
    topics = at(await deploy(A.ClaimTopicsRegistry), A.ClaimTopicsRegistry);
    issuers = at(await deploy(A.TrustedIssuersRegistry), A.TrustedIssuersRegistry);
    compliance = at(await deploy(A.ModularCompliance), A.ModularCompliance);
    registry = at(await deploy(A.IdentityRegistry), A.IdentityRegistry);
    token = at(await deploy(A.Token), A.Token);
    for (const c of [storage, topics, issuers, compliance]) await send(c.init());
    await send(registry.init(await issuers.getAddress(), await topics.getAddress(), await storage.getAddress()));
    await send(token.init(await registry.getAddress(), await compliance.getAddress(), 'T-REX Bench A', 'TBA', 0, ZeroAddress));
  } else {
    const implementations = {
      tokenImplementation: await deploy(A.Token),
      ctrImplementation: await deploy(A.ClaimTopicsRegistry),
      irImplementation: await deploy(A.IdentityRegistry),
      irsImplementation: await deploy(A.IdentityRegistryStorage),
      tirImplementation: await deploy(A.TrustedIssuersRegistry),
      mcImplementation: await deploy(A.ModularCompliance),
    };
    const authorityAddress = await deploy(A.TREXImplementationAuthority, true, ZeroAddress, ZeroAddress);
    const authority = at(authorityAddress, A.TREXImplementationAuthority);
    await send(authority.addAndUseTREXVersion({ major: 4, minor: 1, patch: 6 }, implementations));
    // Each proxy's constructor DELEGATECALLs its implementation's init(...).
    storage = at(await deploy(A.IdentityRegistryStorageProxy, authorityAddress), A.IdentityRegistryStorage);
    topics = at(await deploy(A.ClaimTopicsRegistryProxy, authorityAddress), A.ClaimTopicsRegistry);
    issuers = at(await deploy(A.TrustedIssuersRegistryProxy, authorityAddress), A.TrustedIssuersRegistry);
    compliance = at(await deploy(A.ModularComplianceProxy, authorityAddress), A.ModularCompliance);
    registry = at(
      await deploy(
        A.IdentityRegistryProxy,
        authorityAddress,
        await issuers.getAddress(),
        await topics.getAddress(),
        await storage.getAddress(),
      ),
      A.IdentityRegistry,
    );
    token = at(
      await deploy(
        A.TokenProxy,
        authorityAddress,
        await registry.getAddress(),
        await compliance.getAddress(),
        'T-REX Bench A',
        'TBA',
        0,
        ZeroAddress,
      ),
      A.Token,
    );
    if ((await token.owner()) !== operator.address) throw new Error('the T-REX token proxy was not initialised');
  }
  await send(storage.bindIdentityRegistry(await registry.getAddress()));
  await send(registry.addAgent(operator.address));
  await send(token.addAgent(operator.address));
  await send(token.unpause());
  if ((await topics.getClaimTopics()).length !== 0) throw new Error('the T-REX suite requires claim topics');
  if ((await compliance.getModules()).length !== 0) throw new Error('the T-REX compliance has modules');
  if ((await compliance.getTokenBound()) !== (await token.getAddress())) throw new Error('the T-REX compliance is not bound to the token');

  /** An OnchainID Identity for the wallet (its management key), registered; returns the registration gas. */
  async function register(wallet) {
    const identity = await deploy(A.Identity, wallet, false);
    const receipt = await send(registry.registerIdentity(wallet, identity, COUNTRY));
    if (!(await registry.isVerified(wallet))) throw new Error(`T-REX: ${wallet} is not verified after registration`);
    return receipt.gasUsed;
  }

  const sender = await fundedWallet();
  await register(sender.address);
  await send(token.mint(sender.address, 10n ** 15n));
  const existing = Wallet.createRandom().address;
  await register(existing);
  await send(token.mint(existing, 1n));

  // The rule is live: a wallet that is not registered cannot receive (the estimate reverts).
  const stranger = Wallet.createRandom().address;
  let refused = false;
  try {
    await token.connect(sender).transfer.staticCall(stranger, 1_000n);
  } catch {
    refused = true;
  }
  if (!refused) throw new Error('T-REX accepted a transfer to an unregistered wallet: the suite is not permissioned');

  const senderToken = token.connect(sender);
  const gas = { newHolder: [], existingHolder: [], registerIdentity: [] };
  for (let i = 0; i < samples; i++) {
    const receiver = Wallet.createRandom().address;
    gas.registerIdentity.push(await register(receiver));
    if ((await token.balanceOf(receiver)) !== 0n) throw new Error('T-REX receiver is not a new holder');
    gas.newHolder.push((await send(senderToken.transfer(receiver, 1_000n))).gasUsed);
    if ((await token.balanceOf(receiver)) !== 1_000n) throw new Error('T-REX transfer did not credit the receiver');
    gas.existingHolder.push((await send(senderToken.transfer(existing, 1_000n))).gasUsed);
  }
  if ((await token.balanceOf(existing)) !== 1n + 1_000n * BigInt(samples))
    throw new Error('T-REX transfers to the existing holder did not all land');
  return {
    deployment: proxied
      ? 'proxied (TREXImplementationAuthority + T-REX proxies, as its factory deploys)'
      : 'plain implementations, init() called directly',
    samples,
    toNewHolder: median(gas.newHolder),
    toExistingHolder: median(gas.existingHolder),
    onboardingRegisterIdentity: median(gas.registerIdentity),
  };
}
