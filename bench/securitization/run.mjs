// Securitization gas, against baselines deployed in the same run on the same anvil:
//
//   1. tranche note transfer (TrancheToken) to a new holder — a verified wallet the agent has made
//      eligible, holding no notes yet — against an OpenZeppelin 5.7 ERC-20 transfer to a new holder
//      (BaselineERC20, test-only contract, same compiler settings); also to an existing holder, and
//      the one-off onboarding transaction (setEligible) that the tranche's receiver needed first;
//   2. T-REX (ERC-3643 reference, @tokenysolutions/t-rex 4.1.6): the same two transfers with its
//      Token, identity registry (+ storage, claim topics and trusted issuers registries, no claim
//      topic required) and ModularCompliance (no module), deployed from the package's compiled
//      artifacts (solc 0.8.17 by its authors; see trex.mjs) on the same anvil, twice: plain
//      implementations and behind T-REX's proxies and implementation authority (baseline only);
//   3. true sale into the SPV vault (SpvVault.trueSaleBatch): gas per bill for batches of 1, 10, 50
//      and 100 accepted bills, not encumbered, and for a batch of 50 bills POOLED before the sale
//      (the vault lifts and re-sets the encumbrance), against the bill registry's own agentTransfer of
//      one bill to a verified wallet;
//   4. subscription DvP (TrancheDvP.settleSubscription with an EIP-2612 permit) per investor.
//
//   npm run build && node bench/securitization/run.mjs
//
// Env (optional): BENCH_SAMPLES transfers per kind (default 21, 5..200, the median is reported).
// Everything runs on one anvil on 127.0.0.1 (automine), stopped at the end, also on error. The
// report is printed and written to bench/securitization/out/last-run.json (git-ignored).
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { ContractFactory, Signature, Wallet, hexlify, id, parseEther, randomBytes, toBeHex, toUtf8Bytes } from 'ethers';
import { AnvilProcess, createProvider } from '#chain';
import * as C from '#contracts';
import { measureTrexTransfers, trexToolchain } from './trex.mjs';

const HERE = dirname(fileURLToPath(import.meta.url));
const OZ_ERC20_REFERENCE = 52_155n; // TOOLCHAIN.md: OpenZeppelin ERC-20 transfer to a new holder
const GOAL_RATIO_VS_OZ = 1.15;
const TREX_REFERENCE = { newHolder: 91_282n, existingHolder: 74_182n }; // TOOLCHAIN.md: T-REX transfer, no claims required
const GOAL_RATIO_VS_TREX = 0.65;

function intEnv(name, fallback, lo, hi) {
  const raw = process.env[name];
  if (raw === undefined || raw === '') return fallback;
  const n = Number(raw);
  if (!Number.isInteger(n) || n < lo || n > hi) throw new Error(`${name} must be an integer in ${lo}..${hi}, got ${raw}`);
  return n;
}
const SAMPLES = intEnv('BENCH_SAMPLES', 21, 5, 200);

const median = (xs) => {
  const s = [...xs].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
  return s[Math.floor(s.length / 2)];
};
const fmt = (n) => Number(n).toLocaleString('en-US', { maximumFractionDigits: 1 });
const ratio = (a, b) => Math.round((Number(a) / Number(b)) * 1000) / 1000;
const randomId = () => hexlify(randomBytes(32));
const code = (text) => hexlify(toUtf8Bytes(text));

const anvil = new AnvilProcess({ port: 0, chainId: 31337, blockTimeSec: 0 });
let provider;
try {
  await anvil.start();
  provider = createProvider(anvil.url, 31337);
  const fund = (address) => provider.send('anvil_setBalance', [address, toBeHex(parseEther('1000'))]);
  const operator = new Wallet(Wallet.createRandom().privateKey, provider);
  await fund(operator.address);

  /** Polls the receipt (anvil's automine can answer before the receipt is stored; see the contract tests). */
  async function receiptOf(hash) {
    const deadline = Date.now() + 60_000;
    for (;;) {
      const receipt = await provider.getTransactionReceipt(hash);
      if (receipt) {
        if (receipt.status !== 1) throw new Error(`transaction ${hash} failed`);
        return receipt;
      }
      if (Date.now() > deadline) throw new Error(`transaction ${hash} not mined within 60 s`);
      await new Promise((r) => setTimeout(r, 10));
    }
  }
  const send = async (txPromise) => receiptOf((await txPromise).hash);
  async function deploy(name, runner, ...args) {
    const contract = await new ContractFactory(C[`${name}Interface`], C[`${name}Bytecode`], runner).deploy(...args);
    const receipt = await receiptOf(contract.deploymentTransaction().hash);
    return C[`connect${name}`](receipt.contractAddress, runner);
  }
  async function fundedWallet() {
    const w = new Wallet(Wallet.createRandom().privateKey, provider);
    await fund(w.address);
    return w;
  }

  const identity = await deploy('IdentityRegistry', operator, operator.address);
  const identityAddress = await identity.getAddress();
  await send(identity.grantRole(id('REGISTRAR_ROLE'), operator.address));
  const expiry = BigInt((await provider.getBlock('latest')).timestamp) + 10n * 365n * 86400n;
  const verify = (address) => send(identity.register(address, code('DE'), expiry));

  // ---- 1. transfers -----------------------------------------------------------------------------
  const oz = await deploy('BaselineERC20', operator);
  const notes = await deploy('TrancheToken', operator, 'Bench Class A', 'BA', id('bench/A'), operator.address, identityAddress);
  await send(notes.grantRole(id('AGENT_ROLE'), operator.address));

  const sender = await fundedWallet();
  await verify(sender.address);
  await send(notes.setEligible(sender.address, true));
  await send(notes.mint(sender.address, 10n ** 15n));
  await send(oz.mint(sender.address, 10n ** 15n));
  const existing = await fundedWallet();
  await verify(existing.address);
  await send(notes.setEligible(existing.address, true));
  await send(notes.mint(existing.address, 1n));
  await send(oz.mint(existing.address, 1n));

  const gas = { ozNew: [], ozExisting: [], trancheNew: [], trancheExisting: [], onboarding: [] };
  for (let i = 0; i < SAMPLES; i++) {
    const ozReceiver = Wallet.createRandom().address;
    gas.ozNew.push((await send(oz.connect(sender).transfer(ozReceiver, 1_000n))).gasUsed);
    gas.ozExisting.push((await send(oz.connect(sender).transfer(existing.address, 1_000n))).gasUsed);

    const receiver = Wallet.createRandom().address;
    await verify(receiver);
    gas.onboarding.push((await send(notes.setEligible(receiver, true))).gasUsed);
    if ((await notes.balanceOf(receiver)) !== 0n) throw new Error('receiver is not a new holder');
    gas.trancheNew.push((await send(notes.connect(sender).transfer(receiver, 1_000n))).gasUsed);
    gas.trancheExisting.push((await send(notes.connect(sender).transfer(existing.address, 1_000n))).gasUsed);
  }
  const transfer = {
    samples: SAMPLES,
    ozErc20ToNewHolder: median(gas.ozNew),
    ozErc20ToExistingHolder: median(gas.ozExisting),
    trancheToNewHolder: median(gas.trancheNew),
    trancheToExistingHolder: median(gas.trancheExisting),
    trancheOnboardingSetEligible: median(gas.onboarding),
  };
  transfer.ratioNewHolderVsOz = ratio(transfer.trancheToNewHolder, transfer.ozErc20ToNewHolder);
  transfer.ratioExistingHolderVsOz = ratio(transfer.trancheToExistingHolder, transfer.ozErc20ToExistingHolder);
  transfer.ratioNewHolderVsOzIncludingOnboarding = ratio(transfer.trancheToNewHolder + transfer.trancheOnboardingSetEligible, transfer.ozErc20ToNewHolder);
  transfer.goalMet = transfer.ratioNewHolderVsOz <= GOAL_RATIO_VS_OZ;

  // ---- 2. T-REX baseline ---------------------------------------------------------------------------
  const trexRuns = [];
  for (const proxied of [false, true]) trexRuns.push(await measureTrexTransfers({ operator, send, receiptOf, fundedWallet, samples: SAMPLES, proxied }));
  // The goal is checked against the cheaper T-REX deployment (the stricter bound).
  const trexBaseline = trexRuns.reduce((a, b) => (b.toNewHolder < a.toNewHolder ? b : a));
  const trex = {
    measured: true,
    ...trexToolchain(),
    runs: trexRuns.map((r) => ({
      ...r,
      ratioTrancheNewHolderVsTrex: ratio(transfer.trancheToNewHolder, r.toNewHolder),
      ratioTrancheExistingHolderVsTrex: ratio(transfer.trancheToExistingHolder, r.toExistingHolder),
    })),
    goalBaseline: trexBaseline.deployment,
    ratioNewHolderVsTrex: ratio(transfer.trancheToNewHolder, trexBaseline.toNewHolder),
  };
  trex.goalMet = trex.ratioNewHolderVsTrex <= GOAL_RATIO_VS_TREX;

  // ---- 3. true sale -------------------------------------------------------------------------------
  const bills = await deploy('BillRegistry', operator, operator.address, identityAddress);
  const billsAddress = await bills.getAddress();
  await send(bills.grantRole(id('AGENT_ROLE'), operator.address));
  const vault = await deploy('SpvVault', operator, operator.address, billsAddress);
  const vaultAddress = await vault.getAddress();
  await send(vault.grantRole(id('AGENT_ROLE'), operator.address));
  await send(bills.grantRole(id('AGENT_ROLE'), vaultAddress));
  await verify(vaultAddress);
  const originator = Wallet.createRandom();
  await verify(originator.address);
  const obligor = Wallet.createRandom();
  await verify(obligor.address);
  const acceptanceTypes = { Acceptance: [{ name: 'billId', type: 'bytes32' }, { name: 'commitment', type: 'bytes32' }, { name: 'deadline', type: 'uint256' }] };
  const due = BigInt((await provider.getBlock('latest')).timestamp) + 90n * 86400n;
  async function acceptedBills(n, holder = originator.address) {
    const ids = [];
    for (let i = 0; i < n; i++) {
      const billId = randomId();
      await send(bills.issue(billId, holder, obligor.address, 1_000_000n, code('EUR'), due, randomId()));
      const deadline = due;
      const signature = await obligor.signTypedData(
        { name: 'Tally BillRegistry', version: '1', chainId: 31337, verifyingContract: billsAddress },
        acceptanceTypes,
        { billId, commitment: await bills.commitmentOf(billId), deadline },
      );
      await send(bills.accept(billId, deadline, signature));
      ids.push(billId);
    }
    return ids.sort((a, b) => (BigInt(a) < BigInt(b) ? -1 : 1));
  }
  const trueSale = [];
  for (const [n, pooledBefore] of [[1, false], [10, false], [50, false], [100, false], [50, true]]) {
    const ids = await acceptedBills(n);
    if (pooledBefore) for (const billId of ids) await send(bills.setEncumbrance(billId, 3)); // POOLED
    const receipt = await send(vault.trueSaleBatch(randomId(), originator.address, ids));
    for (const billId of [ids[0], ids[ids.length - 1]]) {
      const [bill, holder] = await bills.billOf(billId);
      if (holder !== vaultAddress || bill.encumbrance !== 3n) throw new Error('a sold bill is not POOLED in the vault');
    }
    trueSale.push({ bills: n, pooledBefore, gasTotal: receipt.gasUsed, gasPerBill: Math.round(Number(receipt.gasUsed) / n) });
  }
  const [single] = await acceptedBills(1);
  const plainReceiver = Wallet.createRandom().address;
  await verify(plainReceiver);
  const agentTransferOneBill = (await send(bills.agentTransfer(single, plainReceiver))).gasUsed;

  // ---- 4. subscription DvP ------------------------------------------------------------------------
  const cash = await deploy('SettlementToken', operator, 'Tally EUR Deposit', 'tEUR', code('EUR'), operator.address, identityAddress);
  const cashAddress = await cash.getAddress();
  await send(cash.grantRole(id('SETTLEMENT_AGENT_ROLE'), operator.address));
  const dvp = await deploy('TrancheDvP', operator, operator.address, vaultAddress, cashAddress);
  const dvpAddress = await dvp.getAddress();
  await send(dvp.grantRole(id('AGENT_ROLE'), operator.address));
  await send(dvp.setTranche(await notes.getAddress(), true));
  await send(notes.grantRole(id('MINTER_ROLE'), dvpAddress));
  const permitTypes = { Permit: ['owner:address', 'spender:address', 'value:uint256', 'nonce:uint256', 'deadline:uint256'].map((f) => ({ name: f.split(':')[0], type: f.split(':')[1] })) };
  const dvpGas = [];
  for (let i = 0; i < Math.min(SAMPLES, 11); i++) {
    const investor = Wallet.createRandom();
    await verify(investor.address);
    await send(notes.setEligible(investor.address, true));
    await send(cash.mint(investor.address, 10_000_000n, randomId()));
    const deadline = due;
    const sig = Signature.from(
      await investor.signTypedData({ name: 'Tally EUR Deposit', version: '1', chainId: 31337, verifyingContract: cashAddress }, permitTypes, {
        owner: investor.address,
        spender: dvpAddress,
        value: 9_900_000n,
        nonce: 0n,
        deadline,
      }),
    );
    const receipt = await send(dvp.settleSubscription(randomId(), await notes.getAddress(), investor.address, 10_000_000n, 9_900_000n, { value: 9_900_000n, deadline, v: sig.v, r: sig.r, s: sig.s }));
    dvpGas.push(receipt.gasUsed);
  }

  const report = {
    date: new Date().toISOString(),
    chain: 'anvil 1.7.1, automine; solc 0.8.37 (optimizer 200 runs, evmVersion cancun) for the Tally contracts and BaselineERC20; T-REX as compiled by its package',
    transfer,
    trex,
    trueSale: { batches: trueSale, registryAgentTransferOneBill: agentTransferOneBill },
    subscriptionDvpPerInvestor: { samples: dvpGas.length, median: median(dvpGas) },
  };

  console.log('\nSecuritization gas (gasUsed, incl. 21,000 intrinsic; medians)\n');
  console.log(`  tranche transfer to a new holder          ${fmt(transfer.trancheToNewHolder)}   OZ ERC-20 ${fmt(transfer.ozErc20ToNewHolder)} (reference ${fmt(OZ_ERC20_REFERENCE)})   ratio ${transfer.ratioNewHolderVsOz} (goal <= ${GOAL_RATIO_VS_OZ}: ${transfer.goalMet ? 'met' : 'NOT met'})`);
  console.log(`  tranche transfer to an existing holder    ${fmt(transfer.trancheToExistingHolder)}   OZ ERC-20 ${fmt(transfer.ozErc20ToExistingHolder)}   ratio ${transfer.ratioExistingHolderVsOz}`);
  console.log(`  onboarding of the new holder (setEligible, once per wallet and tranche)  ${fmt(transfer.trancheOnboardingSetEligible)}; transfer + onboarding vs OZ: ${transfer.ratioNewHolderVsOzIncludingOnboarding}`);
  console.log(`\n  T-REX (${trex.package}, its compiled artifacts: solc ${trex.solc}; no claim topic, no compliance module)`);
  for (const r of trex.runs) {
    console.log(`    ${r.deployment}`);
    console.log(`      transfer to a new holder        ${fmt(r.toNewHolder)} (reference ${fmt(TREX_REFERENCE.newHolder)})   tranche/T-REX ${r.ratioTrancheNewHolderVsTrex}`);
    console.log(`      transfer to an existing holder  ${fmt(r.toExistingHolder)} (reference ${fmt(TREX_REFERENCE.existingHolder)})   tranche/T-REX ${r.ratioTrancheExistingHolderVsTrex}`);
    console.log(`      onboarding (registerIdentity, besides deploying the holder's OnchainID)  ${fmt(r.onboardingRegisterIdentity)}`);
  }
  console.log(`    goal: tranche to a new holder <= ${GOAL_RATIO_VS_TREX} x T-REX (${trex.goalBaseline}): ${trex.ratioNewHolderVsTrex}, ${trex.goalMet ? 'met' : 'NOT met'}`);
  console.log('\n  true sale into the SPV vault');
  for (const b of trueSale) console.log(`    batch of ${String(b.bills).padStart(3)}${b.pooledBefore ? ' (POOLED before)' : '                '}  ${fmt(b.gasTotal).padStart(10)} gas   ${fmt(b.gasPerBill).padStart(7)} per bill`);
  console.log(`    (registry agentTransfer of one bill alone: ${fmt(agentTransferOneBill)})`);
  console.log(`\n  subscription DvP per investor (permit + pull + mint)  ${fmt(report.subscriptionDvpPerInvestor.median)}\n`);

  mkdirSync(join(HERE, 'out'), { recursive: true });
  writeFileSync(join(HERE, 'out', 'last-run.json'), JSON.stringify(report, (_, v) => (typeof v === 'bigint' ? Number(v) : v), 2) + '\n');
} finally {
  provider?.destroy();
  await anvil.stop();
}
