// CSV views of a waterfall result (pure: returns file name -> content; the caller writes them).
import type { WaterfallResult } from './case.types.js';

const cell = (v: unknown): string => {
  const s = v === null || v === undefined ? '' : Array.isArray(v) ? v.join(' ') : String(v);
  return /[",\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
};
const table = (header: string[], rows: unknown[][]): string => [header, ...rows].map((r) => r.map(cell).join(',')).join('\n') + '\n';

export function resultToCsv(r: WaterfallResult): Record<string, string> {
  const bonds = Object.keys(r.final.bonds);
  const fees = Object.keys(r.final.fees);
  const accounts = Object.keys(r.final.accounts);
  const periods = table(
    ['period', 'distributionDate', 'waterfallUsed', 'principal', 'interest', 'prepayment', 'default', 'recovery', 'loss', 'poolBalance',
      ...bonds.flatMap((b) => [`${b}.interestPaid`, `${b}.principalPaid`, `${b}.balanceAfter`]),
      ...fees.map((f) => `${f}.paid`),
      ...accounts.map((a) => `${a}.balance`)],
    r.periods.map((p) => [
      p.period, p.distributionDate, p.waterfallUsed, p.collected.principal, p.collected.interest, p.collected.prepayment, p.collected.default, p.collected.recovery, p.collected.loss, p.poolBalanceAfterCollections,
      ...bonds.flatMap((b) => [p.bonds[b].interestPaid, p.bonds[b].principalPaid, p.bonds[b].balanceAfter]),
      ...fees.map((f) => p.fees[f]?.paid ?? 0),
      ...accounts.map((a) => p.accountsAfter[a]),
    ]),
  );
  const bondTx = table(
    ['bond', 'date', 'balanceAfter', 'interestPaid', 'principalPaid', 'cashPaid', 'rate', 'interestDueAfter', 'interestOnInterestDueAfter', 'factor', 'memo'],
    Object.entries(r.bondTransactions).flatMap(([n, ls]) => ls.map((l) => [n, l.date, l.balanceAfter, l.interestPaid, l.principalPaid, l.cashPaid, l.rate, l.interestDueAfter, l.interestOnInterestDueAfter, l.factor, l.memo])),
  );
  const feeTx = table(['fee', 'date', 'paid', 'dueAfter', 'arrearsAfter', 'memo'], Object.entries(r.feeTransactions).flatMap(([n, ls]) => ls.map((l) => [n, l.date, l.paid, l.dueAfter, l.arrearsAfter, l.memo])));
  const accTx = table(['account', 'date', 'amount', 'balanceAfter', 'memo'], Object.entries(r.accountTransactions).flatMap(([n, ls]) => ls.map((l) => [n, l.date, l.amount, l.balanceAfter, l.memo])));
  return { 'periods.csv': periods, 'bond-transactions.csv': bondTx, 'fee-transactions.csv': feeTx, 'account-transactions.csv': accTx };
}
