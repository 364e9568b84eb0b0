import type { Balance } from '../bills/bill-types';
import { assertOk, rawFetch, saveResponseAs } from '../bills/raw-transport';
import { httpClient } from '../providers/http-client';
import { idempotencyHeader } from '../providers/idempotency-key';
import type { Movement, MovementKind, RecordMovementRequest, Statement } from './settlement-types';

const SETTLEMENT = '/api/v1/settlement';

/** Settlement accounts: balances, movements, and the settlement agent's deposits and withdrawals. Part of the one data provider. */
export interface SettlementMethods {
  /** `GET /settlement/organizations/:id/balances`: the on-chain balance per currency. */
  getBalances(organizationId: string, options?: { signal?: AbortSignal }): Promise<Balance[]>;
  /** `GET /settlement/organizations/:id/movements`: deposits and withdrawals, newest first. */
  getMovements(organizationId: string, options?: { signal?: AbortSignal }): Promise<Movement[]>;
  /** `GET /settlement/organizations/:id/statement`: deposits, withdrawals, financing prices, repayments, bill payments, distributions. */
  getStatement(organizationId: string, options?: { signal?: AbortSignal }): Promise<Statement>;
  /** Downloads `statement.pdf`; resolves to the file name offered. */
  downloadStatementPdf(organizationId: string): Promise<string>;
  /**
   * `POST /settlement/deposits` or `/withdrawals` (platform admins, acting as settlement agent).
   * One idempotency key per submitted form: a retry of the same form records the movement once.
   */
  recordMovement(kind: MovementKind, request: RecordMovementRequest, options?: { idempotencyKey?: string }): Promise<Movement>;
}

const organizationPath = (organizationId: string, rest: string) => `${SETTLEMENT}/organizations/${encodeURIComponent(organizationId)}${rest}`;

export const settlementMethods: SettlementMethods = {
  async getBalances(organizationId, options = {}) {
    return (await httpClient<Balance[]>(organizationPath(organizationId, '/balances'), { signal: options.signal })).body;
  },
  async getMovements(organizationId, options = {}) {
    return (await httpClient<Movement[]>(organizationPath(organizationId, '/movements'), { signal: options.signal })).body;
  },
  async getStatement(organizationId, options = {}) {
    return (await httpClient<Statement>(organizationPath(organizationId, '/statement'), { signal: options.signal })).body;
  },
  async downloadStatementPdf(organizationId) {
    const response = await assertOk(await rawFetch(organizationPath(organizationId, '/statement.pdf'), { headers: { Accept: 'application/pdf' } }));
    return saveResponseAs(response, 'statement.pdf');
  },
  async recordMovement(kind, request, options = {}) {
    const path = `${SETTLEMENT}/${kind === 'DEPOSIT' ? 'deposits' : 'withdrawals'}`;
    return (await httpClient<Movement>(path, { method: 'POST', body: request, headers: idempotencyHeader(options) })).body;
  },
};
