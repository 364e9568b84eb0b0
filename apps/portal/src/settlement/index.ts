export { BalancesPage } from './balances-page';
export { SettlementAgentPage } from './settlement-agent-page';

/** Route of the settlement balances page (with the organization's statement). */
export const BALANCES_PATH = '/settlement/balances';
/** Route of the settlement agent's deposits and withdrawals (platform admins). */
export const SETTLEMENT_AGENT_PATH = '/settlement/agent';
