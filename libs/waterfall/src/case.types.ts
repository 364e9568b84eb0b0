// The shapes of `tally-waterfall-case/1` (input half) and of its `expected` half (the output).
// Input objects are JSON as read from the file; numbers are converted to exact integers on entry.

export type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
export type JsonObject = { [key: string]: Json };

export interface BondLine {
  date: string;
  balanceAfter: number;
  interestPaid: number;
  principalPaid: number;
  rate: number;
  cashPaid: number;
  interestDueAfter: number;
  interestOnInterestDueAfter: number;
  factor: number;
  memo: string[];
}
export interface FeeLine {
  date: string;
  dueAfter: number;
  paid: number;
  arrearsAfter: number;
  memo: string[];
}
export interface AccountLine {
  date: string;
  balanceAfter: number;
  amount: number;
  memo: string[];
}
export interface TriggerHistoryEntry {
  date: string;
  status: boolean;
  memo: string;
}
export interface PeriodBond {
  interestPaid: number;
  principalPaid: number;
  cashPaid: number;
  balanceAfter: number;
  rate: number | null;
  interestDueAfter: number | null;
  interestOnInterestDueAfter: number | null;
}
export interface PeriodFee {
  paid: number;
  dueAfter: number;
  arrearsAfter: number;
  payments: number;
}
export interface Collected {
  principal: number;
  interest: number;
  prepayment: number;
  default: number;
  recovery: number;
  loss: number;
}
export interface Period {
  period: number;
  distributionDate: string;
  waterfallUsed: string;
  collectionsAfter: string | null;
  collectionsUpTo: string;
  collectionDates: string[];
  collected: Collected;
  poolBalanceAfterCollections: number;
  bonds: Record<string, PeriodBond>;
  fees: Record<string, PeriodFee>;
  accountsAfter: Record<string, number>;
}
export interface EndOfRun {
  date: string;
  reason: string;
  ranCleanUpWaterfall: boolean;
  bonds: Record<string, BondLine[]>;
  fees: Record<string, FeeLine[]>;
  accounts: Record<string, AccountLine[]>;
}
export interface FinalState {
  bonds: Record<
    string,
    {
      balance: number;
      rate: number;
      duePrincipal: number;
      dueInterest: number;
      dueInterestOnInterest: number;
      lastInterestAccrualDate: string | null;
      lastInterestPaidDate: string | null;
    }
  >;
  fees: Record<string, { due: number; arrears: number; lastAccrualDate: string | null; lastPaidDate: string | null }>;
  accounts: Record<string, number>;
  dealStatus: string;
  endRun: { date: string; reason: string };
  warnings: string[];
  bondSummary: Record<string, { outstandingBalance: number; originalBalance: number }>;
  bondInterestSummary: Record<string, { outstandingInterest: number }>;
  statusChanges: { date: string; from: Json; to: string; why: string }[];
  counters: { PoolCollectedPeriod: number; BondPaidPeriod: number };
  trailingCollectionsNotDistributed: string[];
}
export interface WaterfallResult {
  periods: Period[];
  endOfRun: EndOfRun;
  final: FinalState;
  bondTransactions: Record<string, BondLine[]>;
  feeTransactions: Record<string, FeeLine[]>;
  accountTransactions: Record<string, AccountLine[]>;
  triggerHistory: Record<string, { finalStatus: boolean; history: TriggerHistoryEntry[] }> | null;
  ledgerTransactions: Record<string, { finalBalance: number; transactions: [string, number, number, string][]; transactionFields: string[] }> | null;
  liquidityProviderTransactions: null;
}
