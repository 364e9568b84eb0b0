import { Inject, Injectable, Logger, type OnModuleInit } from '@nestjs/common';
import { ContractFactory, keccak256, Transaction, type TransactionReceipt } from 'ethers';
import { readFileSync } from 'node:fs';
import { DataSource } from 'typeorm';
import {
  artifacts,
  BillDvPInterface,
  BillRegistryInterface,
  DocumentAnchorInterface,
  IdentityRegistryInterface,
  SettlementTokenInterface,
  type ContractName,
} from '#contracts';
import { CHAIN_CONTEXT, type ChainContext } from '../chain-context.js';
import { ChainErrorCode, ChainException } from '../chain.errors.js';
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
  operator: string;
  /** Address of an earlier deployment of the list. */
  address(name: string): string;
}

/** One deployment: which artifact, its constructor arguments, and the calls that set it up. */
export interface DeploymentPlan {
  name: string;
  artifact: ContractName;
  constructorArgs(ctx: PlanContext): unknown[];
  setup(self: string, ctx: PlanContext): { to: string; data: string }[];
}

const role = (name: string) => keccak256(Buffer.from(name));

/** One settlement token (tokenized deposit) per currency. */
export const SETTLEMENT_CURRENCIES = ['EUR', 'USD', 'GBP'] as const;
export const currencyBytes3 = (currency: string) => '0x' + Buffer.from(currency, 'ascii').toString('hex');

/** Contracts compiled only for tests, never deployed by the platform. */
const TEST_ONLY = new Set<string>(['BaselineERC721', 'ReentrantERC721Receiver', 'BaselineERC20', 'ReentrantERC20']);

/** Contracts deployed once per securitization deal (by the deal's closing), not at boot. */
const PER_DEAL = new Set<string>(['TrancheToken', 'SpvVault', 'TrancheDvP']);

/** Every contract Tally runs, in dependency order. */
export const DEPLOYMENT_PLANS: DeploymentPlan[] = [
  {
    name: 'DocumentAnchor',
    artifact: 'DocumentAnchor',
    constructorArgs: ({ operator }) => [operator],
    setup: (self, { operator }) => [{ to: self, data: DocumentAnchorInterface.encodeFunctionData('grantRole', [role('ANCHORER_ROLE'), operator]) }],
  },
  {
    name: 'IdentityRegistry',
    artifact: 'IdentityRegistry',
    constructorArgs: ({ operator }) => [operator],
    setup: (self, { operator }) => [{ to: self, data: IdentityRegistryInterface.encodeFunctionData('grantRole', [role('REGISTRAR_ROLE'), operator]) }],
  },
  ...SETTLEMENT_CURRENCIES.map(
    (currency): DeploymentPlan => ({
      name: `SettlementToken.${currency}`,
      artifact: 'SettlementToken',
      constructorArgs: ({ operator, address }) => [`Tally ${currency} deposit token`, `t${currency}`, currencyBytes3(currency), operator, address('IdentityRegistry')],
      setup: (self, { operator }) => [
        { to: self, data: SettlementTokenInterface.encodeFunctionData('grantRole', [role('SETTLEMENT_AGENT_ROLE'), operator]) },
      ],
    }),
  ),
  {
    name: 'BillRegistry',
    artifact: 'BillRegistry',
    constructorArgs: ({ operator, address }) => [operator, address('IdentityRegistry')],
    setup: (self, { operator }) => [{ to: self, data: BillRegistryInterface.encodeFunctionData('grantRole', [role('AGENT_ROLE'), operator]) }],
  },
  {
    name: 'BillDvP',
    artifact: 'BillDvP',
    constructorArgs: ({ operator, address }) => [operator, address('BillRegistry')],
    setup: (self, { operator, address }) => [
      // the DvP moves title and marks bills paid: it is an agent of the registry
      { to: address('BillRegistry'), data: BillRegistryInterface.encodeFunctionData('grantRole', [role('AGENT_ROLE'), self]) },
      { to: self, data: BillDvPInterface.encodeFunctionData('grantRole', [role('AGENT_ROLE'), operator]) },
      ...SETTLEMENT_CURRENCIES.map((c) => ({
        to: self,
        data: BillDvPInterface.encodeFunctionData('setSettlementToken', [currencyBytes3(c), address(`SettlementToken.${c}`)]),
      })),
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
    for (const plan of DEPLOYMENT_PLANS) {
      const name = plan.name;
      let row = await repo.findOneBy({ chainId: this.chain.chainId, name });
      const code = row ? await this.chain.provider.getCode(row.address) : '0x';
      if (!row || code === '0x') {
        if (!options.autoDeploy) {
          throw new Error(
            row
              ? `no code at ${row.address} for ${name} on chain ${this.chain.chainId}`
              : `${name} is not deployed on chain ${this.chain.chainId}: give DEPLOYMENT_FILE or set CHAIN_AUTO_DEPLOY=true`,
          );
        }
        if (row) this.logger.warn(`${name} at ${row.address} has no code (chain reset?): deploying again`);
        row = await this.deploy(plan, row);
      } else if (keccak256(code) !== artifacts[plan.artifact].deployedBytecodeHash) {
        // contracts with immutables (EIP-712 domain, registry addresses) never hash equal: informational only
        this.logger.debug(`${name} at ${row.address}: deployed code differs from the artifact's (immutables or an older build)`);
      }
      this.byName.set(name, { name, address: row.address, deploymentBlock: Number(row.deploymentBlock), txHash: row.txHash });
    }
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

  private async deploy(plan: DeploymentPlan, existing: ChainDeploymentEntity | null): Promise<ChainDeploymentEntity> {
    const name = plan.name;
    const ctx: PlanContext = { operator: this.chain.operatorAddress, address: (n) => this.address(n) };
    const factory = new ContractFactory(artifacts[plan.artifact].abi, artifacts[plan.artifact].bytecode);
    const deployTx = await factory.getDeployTransaction(...plan.constructorArgs(ctx));
    const receipt = await this.send(undefined, deployTx.data);
    const address = receipt.contractAddress!;
    for (const call of plan.setup(address, ctx)) await this.send(call.to, call.data);
    const repo = this.dataSource.getRepository(ChainDeploymentEntity);
    const values = {
      chainId: this.chain.chainId,
      name,
      address,
      deploymentBlock: BigInt(receipt.blockNumber),
      txHash: receipt.hash,
      codeHash: keccak256(await this.chain.provider.getCode(address)),
    };
    this.logger.log(`${name} deployed at ${address} in block ${receipt.blockNumber}`);
    return existing ? repo.save(repo.merge(existing, values)) : repo.save(repo.create(values));
  }

  /** A direct transaction at boot (before the outbox runs), with a nonce from the shared counter. */
  private async send(to: string | undefined, data: string): Promise<TransactionReceipt> {
    const { provider, signer, chainId, operatorAddress } = this.chain;
    const [gasLimit, fees, pending] = await Promise.all([
      provider.estimateGas({ from: operatorAddress, to, data }),
      provider.getFeeData(),
      provider.getTransactionCount(operatorAddress, 'pending'),
    ]);
    const raw = await this.dataSource.transaction(async (manager) => {
      const nonce = await this.nonces.reserve(manager, chainId, operatorAddress, 1, BigInt(pending));
      return signer.signTransaction({
        type: 2,
        chainId,
        to: to ?? null,
        data,
        nonce: Number(nonce),
        gasLimit: (gasLimit * 125n) / 100n,
        maxFeePerGas: fees.maxFeePerGas ?? 2_000_000_000n,
        maxPriorityFeePerGas: fees.maxPriorityFeePerGas ?? 1_000_000_000n,
      });
    });
    await provider.broadcastTransaction(raw);
    const hash = Transaction.from(raw).hash!;
    const deadline = Date.now() + 120_000;
    for (;;) {
      const receipt = await provider.getTransactionReceipt(hash);
      if (receipt) {
        if (receipt.status !== 1) throw new Error(`deployment transaction ${hash} reverted`);
        return receipt;
      }
      if (Date.now() > deadline) throw new Error(`deployment transaction ${hash} not mined within 120 s`);
      await new Promise((r) => setTimeout(r, 100));
    }
  }
}
