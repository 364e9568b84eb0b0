import { Money } from '#core';
import { drawFooter, drawHeader, drawSection, drawTable, openPdf } from '#documents';
import type { PoolAnalyticsDto } from '../dto/pool-analytics.dto.js';
import { LEAF_ENCODING, LEAF_FIELDS } from './loan-tape.util.js';

export interface TapeSummaryInput {
  poolId: string;
  poolName: string;
  /** The pool's cut-off date; the figures are as of it. */
  cutOffDate: string;
  /** The lock's instant: the PDF's CreationDate (so the same tape always gives the same bytes). */
  lockedAt: Date;
  analytics: PoolAnalyticsDto;
  root: string;
  csvSha256: string;
  anchorBatchId: string;
}

const money = (minor: string, currency: string) => `${Money.of(BigInt(minor), currency).toMajorString()} ${currency}`;
const pct = (bps: number) => `${Math.trunc(bps / 100)}.${String(bps % 100).padStart(2, '0')} %`;

/**
 * The loan tape's PDF summary (the shared certificate layout): the pool, its cut-off figures
 * (count, balance, WA remaining term, WA discount yield, top obligors, maturity buckets) and the
 * tape's Merkle root and CSV hash. Deterministic: nothing of the clock, dated by the lock.
 */
export async function renderTapeSummaryPdf(t: TapeSummaryInput): Promise<Buffer> {
  const a = t.analytics;
  const { pdf, done } = await openPdf({ Title: `Loan tape summary: ${t.poolName}`, Subject: `pool ${t.poolId}`, date: t.lockedAt });
  let y = drawHeader(pdf, {
    title: 'Loan tape summary',
    subtitle: t.poolName,
    lead:
      `The pool's assets as frozen at its cut-off lock. The full tape (one row per asset) is the CSV whose SHA-256 is below; ` +
      `each asset is a leaf of the Merkle tree whose root is anchored on chain (DocumentAnchor), and this PDF's own SHA-256 is anchored too. ` +
      `Figures as of the cut-off date, in minor-unit exact amounts.`,
  });
  y = drawSection(
    pdf,
    'Pool',
    y,
    [
      ['Pool id', t.poolId, true],
      ['Currency', a.currency],
      ['Cut-off date', t.cutOffDate],
      ['Locked at', t.lockedAt.toISOString()],
    ],
    110,
  );
  y = drawSection(
    pdf,
    'Figures at cut-off',
    y + 8,
    [
      ['Assets', String(a.count)],
      ['Balance', money(a.balanceMinor, a.currency)],
      ['WA remaining term', a.waRemainingTermDays === null ? '-' : `${a.waRemainingTermDays} days`],
      [
        'WA discount yield',
        a.waDiscountYieldBps === null
          ? 'not priced: the purchase price comes with the deal, after the cut-off'
          : `${a.waDiscountYieldBps} bps p.a. (ACT/365, at ${money(a.discountYieldPriceMinor!, a.currency)})`,
      ],
      ['Top-5 obligors', pct(a.top5ObligorsShareBps)],
      ['Obligor HHI', String(a.obligorHhi)],
    ],
    110,
  );
  y = drawTable(
    pdf,
    'Largest obligors',
    y + 8,
    [
      { title: 'Obligor', x: 0, width: 250 },
      { title: 'Assets', x: 255, width: 50, align: 'right' },
      { title: 'Balance', x: 310, width: 115, align: 'right' },
      { title: 'Share', x: 430, width: 65, align: 'right' },
    ],
    a.topObligors.map((o) => [o.legalName ?? 'another organization', String(o.count), money(o.balanceMinor, a.currency), pct(o.shareBps)]),
    'No obligor.',
  );
  y = drawTable(
    pdf,
    'Maturity (days from the cut-off date to the due date)',
    y + 8,
    [
      { title: 'Bucket', x: 0, width: 120 },
      { title: 'Assets', x: 255, width: 50, align: 'right' },
      { title: 'Balance', x: 310, width: 115, align: 'right' },
    ],
    a.maturityBuckets.map((b) => [b.bucket, String(b.count), money(b.balanceMinor, a.currency)]),
    'No asset.',
  );
  if (y > 640) {
    pdf.addPage();
    y = 50;
  }
  drawSection(
    pdf,
    'Tape',
    y + 8,
    [
      ['Merkle root', t.root, true],
      ['Leaf', `[${LEAF_FIELDS.join(', ')}] as (${LEAF_ENCODING.join(', ')}), OpenZeppelin StandardMerkleTree`],
      ['Anchor batch id', t.anchorBatchId, true],
      ['CSV SHA-256', t.csvSha256, true],
    ],
    110,
  );
  drawFooter(pdf, `Tally loan tape summary, pool ${t.poolId}, locked ${t.lockedAt.toISOString()}`);
  pdf.end();
  return done;
}
