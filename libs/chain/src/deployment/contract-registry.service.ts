import { Inject, Injectable, Logger, type OnModuleInit } from '@nestjs/common';
import { ContractFactory, getCreateAddress, keccak256, Transaction, ZeroAddress as ZERO_ADDRESS, type TransactionReceipt } from 'ethers';
import { readFileSync } from 'node:fs';
import { DataSource } from 'typeorm';
import {
  artifacts,
  BillDvPInterface,
  BillRegistryInterface,
  SettlementTokenInterface,
  type ContractName,
} from '#contracts';
import { CHAIN_CONTEXT, ChainRole, type ChainContext } from '../chain-context.js';
import { ChainErrorCode, ChainException } from '../chain.errors.js';
import { ChainJobStatus } from '../outbox/chain-job.entity.js';
import { NonceManager } from '../outbox/nonce-manager.js';
import { ChainDeploymentEntity } from './chain-deployment.entity.js';

export interface DeploymentFile {
  chainId: number;
  /** By deployment name (`DocumentAnchor`, `SettlementToken.EUR`, ...). */
  contracts: Record<string, { address: string; deploymentBlock: number; txHash?: string }>;
}

export const CONTRACT_OPTIONS = Symbol('CONTRACT_OPTIONS');

export interface ContractOptions {
  autoDeploy: boolean;
  deploymentFile?: string;
}

export interface DeployedContract {
  name: string;
  address: string;
  deploymentBlock: number;
  txHash: string | null;
}

interface PlanContext {
  /** The address of each role's key (`admin` becomes every contract's DEFAULT_ADMIN_ROLE). */
  keys: Record<ChainRole, string>;
  /** Address of an earlier deployment of the list. */
  address(name: string): string;
}

/** One deployment: which artifact, its constructor arguments, and the calls that set it up. */
export interface DeploymentPlan {
  name: string;
  artifact: ContractName;
  constructorArgs(ctx: PlanContext): unknown[];
  /** Calls sent after all deployments of a pipeline; each gets SETUP_GAS_LIMIT unless it names its own `gasLimit`. */
  setup(self: string, ctx: PlanContext): { to: string; data: string; gasLimit?: bigint }[];
}

/** Gas limit of a setup call (a role grant or a token registration costs about 50k). */
const SETUP_GAS_LIMIT = 200_000n;

const role = (name: string) => keccak256(Buffer.from(name));

/** One settlement token (tokenized deposit) per currency. */
export const SETTLEMENT_CURRENCIES = ['EUR', 'USD', 'GBP'] as const;
export const currencyBytes3 = (currency: string) => '0x' + Buffer.from(currency, 'ascii').toString('hex');

/** Contracts compiled only for tests, never deployed by the platform. */
const TEST_ONLY = new Set<string>(['BaselineERC721', 'ReentrantERC721Receiver', 'BaselineERC20', 'ReentrantERC20']);

/** Contracts deployed once per securitization deal (by the deal's closing), not at boot. */
const PER_DEAL = new Set<string>(['TrancheToken', 'SpvVault', 'TrancheDvP']);

/**
 * The operational role each platform contract grants, and the key that holds it: each role to
 * its own key only (the admin key keeps DEFAULT_ADMIN_ROLE and nothing else). Granted at
 * deployment and checked at every start (`ContractRegistry.ensureRoles`).
 */
export const OPERATIONAL_ROLES: { contract: string; role: string; holder: ChainRole }[] = [
  { contract: 'DocumentAnchor', role: 'ANCHORER_ROLE', holder: ChainRole.ANCHORER },
  { contract: 'IdentityRegistry', role: 'REGISTRAR_ROLE', holder: ChainRole.REGISTRAR },
  ...SETTLEMENT_CURRENCIES.map((c) => ({ contract: `SettlementToken.${c}`, role: 'SETTLEMENT_AGENT_ROLE', holder: ChainRole.SETTLEMENT_AGENT })),
  { contract: 'BillRegistry', role: 'AGENT_ROLE', holder: ChainRole.BILL_OPERATOR },
  { contract: 'BillDvP', role: 'AGENT_ROLE', holder: ChainRole.BILL_OPERATOR },
];

/** The grants of `OPERATIONAL_ROLES` for one contract (every AccessControl contract encodes grantRole alike). */
const roleGrants = (name: string, self: string, { keys }: PlanContext) =>
  OPERATIONAL_ROLES.filter((r) => r.contract === name).map((r) => ({
    to: self,
    data: BillRegistryInterface.encodeFunctionData('grantRole', [role(r.role), keys[r.holder]]),
  }));

/** Every contract Tally runs, in dependency order. */
export const DEPLOYMENT_PLANS: DeploymentPlan[] = [
  {
    name: 'DocumentAnchor',
    artifact: 'DocumentAnchor',
    constructorArgs: ({ keys }) => [keys.admin],
    setup: (self, ctx) => roleGrants('DocumentAnchor', self, ctx),
  },
  {
    name: 'IdentityRegistry',
    artifact: 'IdentityRegistry',
    constructorArgs: ({ keys }) => [keys.admin],
    setup: (self, ctx) => roleGrants('IdentityRegistry', self, ctx),
  },
  ...SETTLEMENT_CURRENCIES.map(
    (currency): DeploymentPlan => ({
      name: `SettlementToken.${currency}`,
      artifact: 'SettlementToken',
      constructorArgs: ({ keys, address }) => [`Tally ${currency} deposit token`, `t${currency}`, currencyBytes3(currency), keys.admin, address('IdentityRegistry')],
      setup: (self, ctx) => roleGrants(`SettlementToken.${currency}`, self, ctx),
    }),
  ),
  {
    name: 'BillRegistry',
    artifact: 'BillRegistry',
    constructorArgs: ({ keys, address }) => [keys.admin, address('IdentityRegistry')],
    setup: (self, ctx) => roleGrants('BillRegistry', self, ctx),
  },
  {
    name: 'BillDvP',
    artifact: 'BillDvP',
    constructorArgs: ({ keys, address }) => [keys.admin, address('BillRegistry')],
    setup: (self, ctx) => [
      // the DvP moves title and marks bills paid: it is an agent of the registry
      { to: ctx.address('BillRegistry'), data: BillRegistryInterface.encodeFunctionData('grantRole', [role('AGENT_ROLE'), self]) },
      ...roleGrants('BillDvP', self, ctx),
      ...SETTLEMENT_CURRENCIES.flatMap((c) => [
        {
          to: self,
          data: BillDvPInterface.encodeFunctionData('setSettlementToken', [currencyBytes3(c), ctx.address(`SettlementToken.${c}`)]),
        },
        // the DvP moves cash with `dvpTransfer` after checking the payer's consent to the trade
        { to: ctx.address(`SettlementToken.${c}`), data: SettlementTokenInterface.encodeFunctionData('grantRole', [role('DVP_ROLE'), self]) },
      ]),
    ],
  },
];

const planned = new Set(DEPLOYMENT_PLANS.map((p) => p.artifact));
const unplanned = (Object.keys(artifacts) as ContractName[]).filter((n) => !planned.has(n) && !TEST_ONLY.has(n) && !PER_DEAL.has(n));
if (unplanned.length) throw new Error(`contracts without a deployment plan: ${unplanned.join(', ')}`);

/**
 * Knows where Tally's contracts are on the current chain. At boot it either deploys what is
 * missing (embedded mode, `CHAIN_AUTO_DEPLOY`), takes the addresses of a deployment file
 * (server mode), or finds them in `chain_deployments`; it checks that code is there.
 */
@Injectable()
export class ContractRegistry implements OnModuleInit {
  private readonly logger = new Logger(ContractRegistry.name);
  private readonly byName = new Map<string, DeployedContract>();
  private readonly nonces = new NonceManager();

  constructor(
    private readonly dataSource: DataSource,
    @Inject(CHAIN_CONTEXT) private readonly chain: ChainContext,
    @Inject(CONTRACT_OPTIONS) private readonly options: ContractOptions,
  ) {}

  /** Runs before the application serves or the outbox works: handlers need the addresses. */
  async onModuleInit(): Promise<void> {
    await this.initialise(this.options);
  }

  async initialise(options: ContractOptions): Promise<void> {
    if (options.deploymentFile) await this.importDeploymentFile(options.deploymentFile);
    const repo = this.dataSource.getRepository(ChainDeploymentEntity);
    // one read of the rows and one getCode per contract, all at once (a warm start waits for none in turn)
    const rows = new Map((await repo.findBy({ chainId: this.chain.chainId })).map((r) => [r.name, r]));
    const codes = await Promise.all(
      DEPLOYMENT_PLANS.map((plan) => {
        const row = rows.get(plan.name);
        return row ? this.chain.provider.getCode(row.address) : Promise.resolve('0x');
      }),
    );
    const missing: { plan: DeploymentPlan; existing: ChainDeploymentEntity | null }[] = [];
    DEPLOYMENT_PLANS.forEach((plan, i) => {
      const name = plan.name;
      const row = rows.get(name) ?? null;
      const code = codes[i]!;
      if (!row || code === '0x') {
        if (!options.autoDeploy) {
          throw new Error(
            row
              ? `no code at ${row.address} for ${name} on chain ${this.chain.chainId}`
              : `${name} is not deployed on chain ${this.chain.chainId}: give DEPLOYMENT_FILE or set CHAIN_AUTO_DEPLOY=true`,
          );
        }
        if (row) this.logger.warn(`${name} at ${row.address} has no code (chain reset?): deploying again`);
        missing.push({ plan, existing: row });
        return;
      }
      if (keccak256(code) !== artifacts[plan.artifact].deployedBytecodeHash) {
        // contracts with immutables (EIP-712 domain, registry addresses) never hash equal: informational only
        this.logger.debug(`${name} at ${row.address}: deployed code differs from the artifact's (immutables or an older build)`);
      }
      this.byName.set(name, { name, address: row.address, deploymentBlock: Number(row.deploymentBlock), txHash: row.txHash });
    });
    if (missing.length) await this.deployAll(missing);
    await this.ensureRoles();
  }

  /**
   * Each operational role on its own key, and the admin key without any: what a deployment grants,
   * checked at every start. A contract deployed when one key held every role (an earlier
   * `TALLY_HOME`, whose operator key is now the admin key) gets the grants to the role keys and the
   * revocations from the admin key here, signed by the admin. A revocation waits while a job the
   * admin key signed for that contract is still in flight (it would revert once mined). Nothing is
   * sent when all is in place (one `hasRole` read per role and key).
   */
  async ensureRoles(): Promise<void> {
    const { provider, addresses } = this.chain;
    const admin = addresses[ChainRole.ADMIN];
    const hasRole = async (contract: string, roleName: string, account: string): Promise<boolean> => {
      const out = await provider.call({ to: contract, data: BillRegistryInterface.encodeFunctionData('hasRole', [role(roleName), account]) });
      return BillRegistryInterface.decodeFunctionResult('hasRole', out)[0] as boolean;
    };
    const wanted = OPERATIONAL_ROLES.filter((r) => this.byName.has(r.contract));
    const held = await Promise.all(
      wanted.map(async (r) => {
        const at = this.address(r.contract);
        const [granted, byAdmin] = await Promise.all([hasRole(at, r.role, addresses[r.holder]), hasRole(at, r.role, admin)]);
        return { ...r, at, granted, byAdmin };
      }),
    );
    const revocable = async (at: string): Promise<boolean> => {
      const rows: unknown[] = await this.dataSource.query(
        `SELECT 1 FROM chain_jobs WHERE chain_id = $1 AND status = $2 AND lower(from_address) = lower($3) AND lower(to_address) = lower($4) LIMIT 1`,
        [this.chain.chainId, ChainJobStatus.SUBMITTED, admin, at],
      );
      return rows.length === 0;
    };
    const calls: { to: string; data: string; what: string }[] = [];
    for (const r of held) {
      if (!r.granted) {
        calls.push({ to: r.at, data: BillRegistryInterface.encodeFunctionData('grantRole', [role(r.role), addresses[r.holder]]), what: `grant ${r.role} of ${r.contract} to the ${r.holder} key` });
      }
      if (r.byAdmin) {
        if (await revocable(r.at)) {
          calls.push({ to: r.at, data: BillRegistryInterface.encodeFunctionData('revokeRole', [role(r.role), admin]), what: `revoke ${r.role} of ${r.contract} from the admin key` });
        } else this.logger.warn(`${r.contract}: the admin key keeps ${r.role} until its jobs in flight there are final (revoked at a later start)`);
      }
    }
    if (calls.length === 0) return;
    for (const c of new Set(calls.map((c) => c.to))) {
      const out = await provider.call({ to: c, data: BillRegistryInterface.encodeFunctionData('defaultAdmin', []) });
      const current = BillRegistryInterface.decodeFunctionResult('defaultAdmin', out)[0] as string;
      if (current.toLowerCase() !== admin.toLowerCase()) {
        const name = held.find((h) => h.at === c)!.contract;
        throw new Error(
          `${name} at ${c}: roles are not on their keys (${calls.filter((x) => x.to === c).map((x) => x.what).join('; ')}) and the admin key ${admin} is not its admin (${current}): ` +
            'grant them with the contract admin, or give KEYSTORE_FILE the admin key',
        );
      }
    }
    await this.sendAsAdmin(calls);
    for (const c of calls) this.logger.log(`roles: ${c.what}`);
  }

  /** Signs calls with the admin key (consecutive nonces from `chain_nonces`), broadcasts them in order, and waits for every receipt. */
  private async sendAsAdmin(calls: { to: string; data: string }[]): Promise<void> {
    const { provider, chainId } = this.chain;
    const admin = this.chain.addresses[ChainRole.ADMIN];
    const [fees, pending] = await Promise.all([provider.getFeeData(), provider.getTransactionCount(admin, 'pending')]);
    const raws = await this.dataSource.transaction(async (manager) => {
      const first = await this.nonces.reserve(manager, chainId, admin, calls.length, BigInt(pending));
      return Promise.all(
        calls.map((c, i) =>
          this.chain.signers[ChainRole.ADMIN].signTransaction({
            type: 2,
            chainId,
            to: c.to,
            data: c.data,
            nonce: Number(first + BigInt(i)),
            gasLimit: SETUP_GAS_LIMIT,
            maxFeePerGas: fees.maxFeePerGas ?? 2_000_000_000n,
            maxPriorityFeePerGas: fees.maxPriorityFeePerGas ?? 1_000_000_000n,
          }),
        ),
      );
    });
    for (const raw of raws) await provider.broadcastTransaction(raw);
    await Promise.all(raws.map((raw) => this.receiptOf(Transaction.from(raw).hash!)));
  }

  address(name: string): string {
    const c = this.byName.get(name);
    if (!c) throw new ChainException(ChainErrorCode.CONTRACT_NOT_DEPLOYED, `${name} is not deployed`);
    return c.address;
  }

  list(): DeployedContract[] {
    return [...this.byName.values()];
  }

  private async importDeploymentFile(file: string): Promise<void> {
    const parsed = JSON.parse(readFileSync(file, 'utf8')) as DeploymentFile;
    if (parsed.chainId !== this.chain.chainId) {
      throw new Error(`deployment file ${file} is for chain ${parsed.chainId}, the node is chain ${this.chain.chainId}`);
    }
    for (const [name, c] of Object.entries(parsed.contracts)) {
      if (!c) continue;
      const code = await this.chain.provider.getCode(c.address);
      if (code === '0x') throw new Error(`deployment file: no code at ${c.address} for ${name}`);
      await this.dataSource.query(
        `INSERT INTO chain_deployments (chain_id, name, address, deployment_block, tx_hash, code_hash, version)
         VALUES ($1, $2, $3, $4, $5, $6, 1)
         ON CONFLICT (chain_id, name) DO UPDATE SET address = EXCLUDED.address, deployment_block = EXCLUDED.deployment_block,
           tx_hash = EXCLUDED.tx_hash, code_hash = EXCLUDED.code_hash, updated_at = now(), version = chain_deployments.version + 1`,
        [this.chain.chainId, name, c.address, c.deploymentBlock, c.txHash ?? null, keccak256(code)],
      );
    }
  }

  /**
   * Deploys the missing contracts and their setup calls as one pipeline: every transaction is
   * signed up front with consecutive nonces (a contract's address follows from the admin key and
   * the nonce, so later constructors and setup calls can name it before it exists), all are
   * broadcast at once, then the receipts are awaited together. On a chain that mines a block per
   * second the whole deployment takes a block or two instead of two blocks per contract.
   */
  private async deployAll(missing: { plan: DeploymentPlan; existing: ChainDeploymentEntity | null }[]): Promise<void> {
    const { provider, chainId } = this.chain;
    // the admin key deploys and sets up (grants are DEFAULT_ADMIN_ROLE's); it keeps no operational role
    const signer = this.chain.signers[ChainRole.ADMIN];
    const adminAddress = this.chain.addresses[ChainRole.ADMIN];
    const [fees, pending] = await Promise.all([provider.getFeeData(), provider.getTransactionCount(adminAddress, 'pending')]);
    // the deploy transactions first, then the setup calls (they need the code in place, so they
    // cannot be estimated before it is mined: they get a fixed gas limit)
    const deployData = missing.map(({ plan }) => ({ plan, factory: new ContractFactory(artifacts[plan.artifact].abi, artifacts[plan.artifact].bytecode) }));
    // how many setup calls there are does not depend on the addresses
    const counting: PlanContext = { keys: this.chain.addresses, address: () => ZERO_ADDRESS };
    const txCount = missing.length + missing.reduce((n, m) => n + m.plan.setup(ZERO_ADDRESS, counting).length, 0);
    const raws = await this.dataSource.transaction(async (manager) => {
      const first = await this.nonces.reserve(manager, chainId, adminAddress, txCount, BigInt(pending));
      const predicted = new Map<string, string>();
      let nonce = first;
      const unsigned: { to: string | null; data: string; nonce: bigint; plan?: DeploymentPlan; gasLimit?: bigint }[] = [];
      for (const { plan, factory } of deployData) {
        const ctx = this.planContext(predicted);
        const tx = await factory.getDeployTransaction(...plan.constructorArgs(ctx));
        predicted.set(plan.name, getCreateAddress({ from: adminAddress, nonce }));
        unsigned.push({ to: null, data: tx.data, nonce: nonce++, plan });
      }
      for (const { plan } of deployData) {
        const ctx = this.planContext(predicted);
        for (const call of plan.setup(predicted.get(plan.name)!, ctx)) unsigned.push({ to: call.to, data: call.data, nonce: nonce++, gasLimit: call.gasLimit });
      }
      if (nonce - first !== BigInt(txCount)) throw new Error('deployment plan changed its setup calls between two reads');
      // constructors only store the addresses they get: each deploy transaction estimates on its own
      const gasLimits = await Promise.all(
        unsigned.map(async (u) => (u.to === null ? ((await provider.estimateGas({ from: adminAddress, data: u.data })) * 125n) / 100n : (u.gasLimit ?? SETUP_GAS_LIMIT))),
      );
      const signed = await Promise.all(
        unsigned.map((u, i) =>
          signer.signTransaction({
            type: 2,
            chainId,
            to: u.to,
            data: u.data,
            nonce: Number(u.nonce),
            gasLimit: gasLimits[i]!,
            maxFeePerGas: fees.maxFeePerGas ?? 2_000_000_000n,
            maxPriorityFeePerGas: fees.maxPriorityFeePerGas ?? 1_000_000_000n,
          }),
        ),
      );
      return unsigned.map((u, i) => ({ ...u, raw: signed[i]! }));
    });
    // broadcast in nonce order (a node may refuse a nonce gap), then wait for all receipts at once
    for (const r of raws) await provider.broadcastTransaction(r.raw);
    const receipts = await Promise.all(raws.map((r) => this.receiptOf(Transaction.from(r.raw).hash!)));
    const repo = this.dataSource.getRepository(ChainDeploymentEntity);
    for (const { plan, existing } of missing) {
      const i = raws.findIndex((r) => r.plan === plan);
      const receipt = receipts[i]!;
      const address = receipt.contractAddress!;
      const values = {
        chainId,
        name: plan.name,
        address,
        deploymentBlock: BigInt(receipt.blockNumber),
        txHash: receipt.hash,
        codeHash: keccak256(await provider.getCode(address)),
      };
      const row = await (existing ? repo.save(repo.merge(existing, values)) : repo.save(repo.create(values)));
      this.byName.set(plan.name, { name: plan.name, address: row.address, deploymentBlock: Number(row.deploymentBlock), txHash: row.txHash });
      this.logger.log(`${plan.name} deployed at ${address} in block ${receipt.blockNumber}`);
    }
  }

  /** Addresses of contracts already known, or predicted for those deployed in the same pipeline. */
  private planContext(predicted: Map<string, string>): PlanContext {
    return { keys: this.chain.addresses, address: (n) => predicted.get(n) ?? this.address(n) };
  }

  private async receiptOf(hash: string): Promise<TransactionReceipt> {
    const deadline = Date.now() + 120_000;
    for (;;) {
      const receipt = await this.chain.provider.getTransactionReceipt(hash);
      if (receipt) {
        if (receipt.status !== 1) throw new Error(`deployment transaction ${hash} reverted`);
        return receipt;
      }
      if (Date.now() > deadline) throw new Error(`deployment transaction ${hash} not mined within 120 s`);
      await new Promise((r) => setTimeout(r, 100));
    }
  }
}
