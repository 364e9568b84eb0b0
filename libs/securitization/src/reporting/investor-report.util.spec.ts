import { describe, expect, it } from '@jest/globals';
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import type { AnchorReceipt } from '#anchoring';
import type { JsonObject, Period } from '#waterfall';
import { computePeriod, rowsOfCase } from '../servicing/period-run.util.js';
import { buildInvestorReport, formatMinor, investorReportCsv, renderInvestorReportPdf } from './investor-report.util.js';

const c = JSON.parse(readFileSync(new URL('../../../../test/fixtures/waterfall/absbox-cn-test13.json', import.meta.url), 'utf8')) as JsonObject;
const periods = (c.expected as JsonObject).periods as unknown as Period[];
const k = 3;
const date = periods[k - 1].distributionDate;
const rows = rowsOfCase(c);
const holders = Object.fromEntries(((c.structure as JsonObject).bonds as JsonObject[]).map((b) => [b.name as string, [{ holder: '0x00000000000000000000000000000000000000a1', balanceMinor: 1000n }, { holder: '0x00000000000000000000000000000000000000b2', balanceMinor: 3000n }]]));
const result = computePeriod({ dealCase: c, priorRows: rows.filter((r) => r.date <= periods[k - 2].distributionDate), rows: rows.filter((r) => r.date > periods[k - 2].distributionDate && r.date <= date), period: k, distributionDate: date, finalPeriod: false, holders });
const meta = { dealId: '5e1a0c52-0000-4000-8000-000000000013', dealName: 'cn-test13', period: k, currency: 'EUR', recordDate: date, runId: '00000000-0000-4000-8000-000000000001' };
const receipt = {
  format: 'tally-anchor-receipt/1', documentHash: `0x${'ab'.repeat(32)}`, leafEncoding: ['bytes32'], leaf: `0x${'cd'.repeat(32)}`, leafIndex: 0, leafCount: 1, proof: [],
  root: `0x${'cd'.repeat(32)}`, batchId: `0x${'01'.repeat(32)}`, chainId: 31337, contract: '0x5FbDB2315678afecb367f032d93F642f64180aa3', txHash: `0x${'ef'.repeat(32)}`, blockNumber: 12, blockTimestamp: 1_700_000_000, blockTime: '2023-11-14T22:13:20Z',
} as unknown as AnchorReceipt;
const sha = (b: Buffer | string) => createHash('sha256').update(b).digest('hex');

describe('investor report', () => {
  it('holds every figure of the engine period, in the CSV', () => {
    const data = buildInvestorReport(meta, result);
    const csv = investorReportCsv(data);
    const p = periods[k - 1];
    for (const [bond, b] of Object.entries(p.bonds)) {
      expect(csv).toContain(`waterfall,tranche:${bond},interestPaidMinor,${Math.round(b.interestPaid * 100)}\n`);
      expect(csv).toContain(`waterfall,tranche:${bond},principalPaidMinor,${Math.round(b.principalPaid * 100)}\n`);
    }
    for (const [acc, bal] of Object.entries(p.accountsAfter)) expect(csv).toContain(`waterfall,account:${acc},balanceAfterMinor,${Math.round(bal * 100)}\n`);
    expect(csv).toContain(`pool,pool,balanceAfterCollectionsMinor,${Math.round(p.poolBalanceAfterCollections * 100)}\n`);
    expect(csv).toContain(`distribution,total,amountMinor,${result.totalDistributedMinor}\n`);
    expect(csv.split('\n')[0]).toBe('section,item,field,value');
  });

  it('renders the same PDF bytes on every run, with the CSV receipt printed', async () => {
    const data = buildInvestorReport(meta, result);
    const anchored = { sha256: `0x${sha(investorReportCsv(data))}`, receipt, verifyUrl: 'http://localhost:3000/#/verify?sha256=ab' };
    const a = await renderInvestorReportPdf(data, anchored);
    const b = await renderInvestorReportPdf(buildInvestorReport(meta, structuredClone(result)), anchored);
    expect(a.subarray(0, 5).toString()).toBe('%PDF-');
    expect(sha(a)).toBe(sha(b));
    const draft = await renderInvestorReportPdf(data, null);
    expect(sha(draft)).not.toBe(sha(a));
    expect(sha(await renderInvestorReportPdf(data, { ...anchored, receipt: { ...receipt, blockNumber: 13 } }))).not.toBe(sha(a));
  });

  it('formats minor units', () => {
    expect(formatMinor('0')).toBe('0.00');
    expect(formatMinor('123456789')).toBe('1,234,567.89');
    expect(formatMinor(-5n)).toBe('-0.05');
  });
});
