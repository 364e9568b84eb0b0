import { Alert, Box, Button, Card, CardContent, Link as MuiLink, Stack, Table, TableBody, TableCell, TableHead, TableRow, TextField, Typography } from '@mui/material';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useState, type ReactNode } from 'react';
import { useParams } from 'react-router';
import { Link, Loading, Title, useDataProvider, useNotify } from 'react-admin';
import { useOrganizationDirectory } from '../bills/organization-directory';
import { formatMoney } from '../bills/money';
import { Fact, NotFoundCard } from '../common/fact';
import { errorMessage, formatDateTime, shortHash } from '../common/formatting';
import type { TallyDataProvider } from '../providers/data-provider';
import { VERIFY_PATH } from '../verify';
import { formatFactor, formatPct, reportTables, type ReportTables } from './report-lines.util';
import { RunStateChip } from './run-state-chip';
import type { InvestorReport, PeriodRun, ReportFile } from './servicing-api';
import { SERVICING_PATH } from './servicing-paths';

const num = { whiteSpace: 'nowrap', fontVariantNumeric: 'tabular-nums' } as const;
const POLL_MS = 3000;
const SETTLING = new Set(['APPROVED', 'DISTRIBUTING']);

const Section = ({ title, children, testId }: { title: string; children: ReactNode; testId?: string }) => (
  <Card variant="outlined" data-testid={testId}>
    <CardContent>
      <Typography variant="subtitle1" gutterBottom>
        {title}
      </Typography>
      {children}
    </CardContent>
  </Card>
);

/**
 * One period of a deal: state and dates, pool performance, the waterfall (fees, interest and
 * principal per tranche, accounts), tranche balances with factors and credit enhancement, the
 * triggers, the distribution the caller may see (an investor: its own lines) and the investor
 * report's files with their anchoring. A trustee approves or rejects a proposed run (the API
 * enforces maker-checker); the servicer or trustee publishes the report.
 *
 * Test ids: `run-page`, `run-title`, `run-state` (`data-state`), `run-total` (`data-minor`),
 * `run-waterfall`, `run-fee-<name>`, `run-tranche-<class>` (`data-interest-minor`, `data-principal-minor`),
 * `run-factor-<class>`, `run-ce-<class>`, `run-trigger-<name>` (`data-breached`),
 * `run-distribution`, `run-distribution-line` (`data-tranche`, `data-minor`), `run-approve`, `run-reject`,
 * `run-reject-reason`, `run-reject-confirm`, `run-publish`, `report-file-csv` / `report-file-pdf` (`data-state`, `data-sha256`),
 * `report-download-pdf`, `report-download-csv`, `report-tx-<csv|pdf>`.
 */
export const RunShow = () => {
  const { id = '' } = useParams();
  const dataProvider = useDataProvider<TallyDataProvider>();
  const run = useQuery({
    queryKey: ['servicing', 'run', id],
    queryFn: ({ signal }) => dataProvider.getPeriodRun(id, { signal }),
    refetchInterval: (q) => (q.state.data && SETTLING.has(q.state.data.state) ? POLL_MS : false),
  });
  const report = useQuery({
    queryKey: ['servicing', 'run', id, 'report'],
    queryFn: ({ signal }) => dataProvider.getRunReport(id, { signal }),
    refetchInterval: (q) => {
      const d = q.state.data;
      return d && ((d.csv && d.csv.state !== 'ANCHORED') || (d.pdf && d.pdf.state !== 'ANCHORED')) ? POLL_MS : false;
    },
  });
  // an unknown run and one the caller may not read are both 404
  if ((run.error as { status?: number } | null)?.status === 404)
    return <NotFoundCard title="Period not found" backTo="servicing" backLabel="All periods" testId="run-not-found" />;
  if (run.error) return <Alert severity="error">Cannot load the period: {errorMessage(run.error)}</Alert>;
  if (report.error) return <Alert severity="error">Cannot load the report: {errorMessage(report.error)}</Alert>;
  if (run.isPending || report.isPending) return <Loading />;
  const r = run.data;
  const rep = report.data;
  const tables = reportTables(rep.lines);
  return (
    <Stack spacing={2} sx={{ pb: 2, mt: 2 }} data-testid="run-page">
      <Title title={`${rep.dealName}, period ${r.period}`} />
      <RunHeader run={r} report={rep} />
      <Decision run={r} />
      <ReportFiles run={r} report={rep} />
      <Distribution run={r} report={rep} tables={tables} />
      <Waterfall tables={tables} currency={r.currency} />
      <Tranches tables={tables} currency={r.currency} />
      <Pool tables={tables} currency={r.currency} />
    </Stack>
  );
};

const RunHeader = ({ run, report }: { run: PeriodRun; report: InvestorReport }) => {
  const rows: [string, ReactNode][] = [
    ['State', <RunStateChip key="s" state={run.state} />],
    ['Distribution date', run.distributionDate],
    ['Record date', run.recordDate],
    [
      'Total distributed',
      <span key="t" data-testid="run-total" data-minor={run.totalDistributedMinor}>
        {formatMoney(run.totalDistributedMinor, run.currency)}
      </span>,
    ],
    ['Deal status', report.dealStatus.toLowerCase()],
    // the engine names the waterfall by its path in the deal (`distributionByStatus.amortizing`): the status is the name
    ['Waterfall', (report.waterfallUsed.split('.').at(-1) ?? report.waterfallUsed).toLowerCase()],
  ];
  if (run.rejectReason) rows.push(['Rejected', run.rejectReason]);
  return (
    <Card variant="outlined">
      <CardContent>
        <Typography variant="h6" data-testid="run-title">
          {report.dealName}, period {run.period}
        </Typography>
        {rows.map(([label, value]) => (
          <Fact key={label} label={label}>
            {value}
          </Fact>
        ))}
        <MuiLink component={Link} to={`${SERVICING_PATH}?deal=${run.dealId}`} variant="body2">
          All periods of {report.dealName}
        </MuiLink>
      </CardContent>
    </Card>
  );
};

/** Trustee: approve or reject a proposed period (the API refuses the organization that proposed it). */
const Decision = ({ run }: { run: PeriodRun }) => {
  const dataProvider = useDataProvider<TallyDataProvider>();
  const queryClient = useQueryClient();
  const notify = useNotify();
  const { ownRoles } = useOrganizationDirectory();
  const [busy, setBusy] = useState(false);
  const [rejecting, setRejecting] = useState(false);
  const [reason, setReason] = useState('');
  const [failure, setFailure] = useState<string | null>(null);
  if (run.state !== 'PROPOSED' || !ownRoles.includes('TRUSTEE')) return null;
  const act = async (work: () => Promise<unknown>, done: string) => {
    setBusy(true);
    setFailure(null);
    try {
      await work();
      notify(done, { type: 'success' });
      await queryClient.invalidateQueries({ queryKey: ['servicing'] });
    } catch (error) {
      setFailure(errorMessage(error));
    } finally {
      setBusy(false);
    }
  };
  return (
    <Section title="Trustee decision" testId="run-decision">
      <Typography variant="body2" sx={{ mb: 1 }}>
        Approving pays {formatMoney(run.totalDistributedMinor, run.currency)} from the deal's vault to the holders at the record date.
      </Typography>
      <Stack direction={{ xs: 'column', sm: 'row' }} spacing={1}>
        <Button variant="contained" disabled={busy} data-testid="run-approve" onClick={() => act(() => dataProvider.approveRun(run.id), `Period ${run.period} approved`)}>
          Approve
        </Button>
        <Button variant="outlined" color="error" disabled={busy} data-testid="run-reject" onClick={() => setRejecting(true)}>
          Reject
        </Button>
      </Stack>
      {rejecting && (
        <Stack direction={{ xs: 'column', sm: 'row' }} spacing={1} sx={{ mt: 1 }}>
          <TextField
            size="small"
            label="Reason"
            value={reason}
            onChange={(e) => setReason(e.target.value)}
            sx={{ flex: 1 }}
            slotProps={{ htmlInput: { 'data-testid': 'run-reject-reason', maxLength: 2000 } }}
          />
          <Button
            color="error"
            variant="contained"
            disabled={busy || reason.trim().length === 0}
            data-testid="run-reject-confirm"
            onClick={() => act(() => dataProvider.rejectRun(run.id, reason.trim()), `Period ${run.period} rejected`)}
          >
            Reject period
          </Button>
        </Stack>
      )}
      {failure && (
        <Alert severity="error" sx={{ mt: 1 }} data-testid="run-decision-error">
          {failure}
        </Alert>
      )}
    </Section>
  );
};

const FileRow = ({ label, format, file, runId }: { label: string; format: 'csv' | 'pdf'; file: ReportFile | null; runId: string }) => {
  const dataProvider = useDataProvider<TallyDataProvider>();
  const [failure, setFailure] = useState<string | null>(null);
  return (
    <Box data-testid={`report-file-${format}`} data-state={file?.state ?? 'UNPUBLISHED'} data-sha256={file?.sha256 ?? ''} sx={{ borderTop: 1, borderColor: 'divider', py: 1 }}>
      <Stack direction="row" spacing={1} useFlexGap sx={{ flexWrap: 'wrap', alignItems: 'center' }}>
        <Typography variant="subtitle2">{label}</Typography>
        <Typography variant="body2">{!file ? 'not published yet' : file.state === 'ANCHORED' ? 'anchored on chain' : `anchoring ${file.state.toLowerCase()}`}</Typography>
        {file && (
          <Button
            size="small"
            variant="outlined"
            data-testid={`report-download-${format}`}
            onClick={() => {
              setFailure(null);
              dataProvider.downloadReport(runId, format).catch((e: unknown) => setFailure(errorMessage(e)));
            }}
          >
            Download {format.toUpperCase()}
          </Button>
        )}
      </Stack>
      {file && (
        <Box sx={{ mt: 0.5, display: 'grid', gridTemplateColumns: 'max-content minmax(0, 1fr)', columnGap: 2, rowGap: 0.25 }}>
          <Typography variant="caption" color="text.secondary">
            SHA-256
          </Typography>
          <Typography variant="caption" sx={{ overflowWrap: 'anywhere', fontFamily: 'monospace' }} data-testid={`report-sha256-${format}`}>
            {file.sha256}
          </Typography>
          {file.txHash && (
            <>
              <Typography variant="caption" color="text.secondary">
                Anchoring transaction
              </Typography>
              <Typography variant="caption" sx={{ overflowWrap: 'anywhere', fontFamily: 'monospace' }} data-testid={`report-tx-${format}`} title={file.txHash}>
                {shortHash(file.txHash)}, block {file.blockNumber}, {formatDateTime(file.anchoredAt)}
              </Typography>
              <Typography variant="caption" color="text.secondary">
                Batch root
              </Typography>
              <Typography variant="caption" sx={{ overflowWrap: 'anywhere', fontFamily: 'monospace' }} title={file.root ?? ''}>
                {file.root ? shortHash(file.root) : '—'}
              </Typography>
            </>
          )}
        </Box>
      )}
      {file?.state === 'ANCHORED' && (
        <MuiLink component={Link} to={`${VERIFY_PATH}?sha256=${file.sha256}`} variant="caption" data-testid={`report-verify-${format}`}>
          Verify the receipt
        </MuiLink>
      )}
      {failure && (
        <Alert severity="error" sx={{ mt: 1 }}>
          {failure}
        </Alert>
      )}
    </Box>
  );
};

/** The investor report's files; the servicer or trustee publishes them (CSV first, the PDF once the CSV is anchored). */
const ReportFiles = ({ run, report }: { run: PeriodRun; report: InvestorReport }) => {
  const dataProvider = useDataProvider<TallyDataProvider>();
  const queryClient = useQueryClient();
  const notify = useNotify();
  const { ownRoles } = useOrganizationDirectory();
  const [busy, setBusy] = useState(false);
  const [failure, setFailure] = useState<string | null>(null);
  const approved = ['APPROVED', 'DISTRIBUTING', 'DISTRIBUTED'].includes(run.state);
  const publisher = ownRoles.includes('SERVICER') || ownRoles.includes('TRUSTEE');
  const publish = async () => {
    setBusy(true);
    setFailure(null);
    try {
      if (!report.csv) {
        await dataProvider.publishReportCsv(run.id);
        notify('Report CSV published: the PDF follows once it is anchored', { type: 'info' });
      } else {
        await dataProvider.publishReportPdf(run.id);
        notify('Report PDF published', { type: 'success' });
      }
      await queryClient.invalidateQueries({ queryKey: ['servicing', 'run', run.id, 'report'] });
    } catch (error) {
      setFailure(errorMessage(error));
    } finally {
      setBusy(false);
    }
  };
  return (
    <Section title="Investor report" testId="run-report">
      {!approved ? (
        <Typography variant="body2" color="text.secondary">
          The report is published once the trustee approved the period.
        </Typography>
      ) : (
        <>
          <FileRow label="PDF" format="pdf" file={report.pdf} runId={run.id} />
          <FileRow label="CSV (every figure)" format="csv" file={report.csv} runId={run.id} />
          {publisher && !report.pdf && (
            <Button variant="contained" size="small" sx={{ mt: 1 }} disabled={busy || (!!report.csv && report.csv.state !== 'ANCHORED')} onClick={publish} data-testid="run-publish">
              {!report.csv ? 'Publish the report CSV' : report.csv.state === 'ANCHORED' ? 'Publish the report PDF' : 'Waiting for the CSV anchoring…'}
            </Button>
          )}
          <Typography variant="caption" color="text.secondary" component="div" sx={{ mt: 1 }}>
            The PDF carries the CSV's anchoring receipt; both files' hashes are anchored on chain.
          </Typography>
        </>
      )}
      {failure && (
        <Alert severity="error" sx={{ mt: 1 }}>
          {failure}
        </Alert>
      )}
    </Section>
  );
};

const Distribution = ({ run, report, tables }: { run: PeriodRun; report: InvestorReport; tables: ReportTables }) => {
  const { ownRoles } = useOrganizationDirectory();
  const holderView = !ownRoles.includes('SERVICER') && !ownRoles.includes('TRUSTEE');
  const payoutState = new Map(run.payouts.map((x) => [`${x.tranche}:${x.holder.toLowerCase()}`, x.state]));
  return (
    <Section title={holderView ? 'Your distribution' : 'Distribution per holder'} testId="run-distribution">
      {tables.distribution.length === 0 ? (
        <Typography variant="body2" color="text.secondary">
          Nothing paid to {holderView ? 'you' : 'holders'} this period.
        </Typography>
      ) : (
        <Box sx={{ overflowX: 'auto' }}>
          <Table size="small">
            <TableHead>
              <TableRow>
                <TableCell>Tranche</TableCell>
                {!holderView && <TableCell>Holder</TableCell>}
                <TableCell align="right" sx={{ display: { xs: 'none', sm: 'table-cell' } }}>
                  Interest
                </TableCell>
                <TableCell align="right" sx={{ display: { xs: 'none', sm: 'table-cell' } }}>
                  Principal
                </TableCell>
                <TableCell align="right">Amount</TableCell>
                <TableCell sx={{ display: { xs: 'none', sm: 'table-cell' } }}>Paid</TableCell>
              </TableRow>
            </TableHead>
            <TableBody>
              {tables.distribution.map((d) => {
                const state = payoutState.get(`${d.tranche}:${d.holder.toLowerCase()}`);
                return (
                  <TableRow key={`${d.tranche}:${d.holder}`} data-testid="run-distribution-line" data-tranche={d.tranche} data-minor={d.amountMinor}>
                    <TableCell>{d.tranche}</TableCell>
                    {!holderView && <TableCell>{report.holderNames[d.holder.toLowerCase()] ?? shortHash(d.holder)}</TableCell>}
                    <TableCell align="right" sx={{ ...num, display: { xs: 'none', sm: 'table-cell' } }}>
                      {formatMoney(d.interestMinor, run.currency)}
                    </TableCell>
                    <TableCell align="right" sx={{ ...num, display: { xs: 'none', sm: 'table-cell' } }}>
                      {formatMoney(d.principalMinor, run.currency)}
                    </TableCell>
                    <TableCell align="right" sx={num} data-testid="run-distribution-amount">
                      {formatMoney(d.amountMinor, run.currency)}
                    </TableCell>
                    <TableCell sx={{ display: { xs: 'none', sm: 'table-cell' } }} data-testid="run-distribution-state">
                      {state ? state.toLowerCase() : 'not yet'}
                    </TableCell>
                  </TableRow>
                );
              })}
            </TableBody>
          </Table>
        </Box>
      )}
    </Section>
  );
};

const Waterfall = ({ tables, currency }: { tables: ReportTables; currency: string }) => {
  const m = (v: string | undefined) => (v === undefined ? '—' : formatMoney(v, currency));
  return (
    <Section title="Waterfall" testId="run-waterfall">
      <Box sx={{ overflowX: 'auto' }}>
        <Table size="small">
          <TableHead>
            <TableRow>
              <TableCell>Item</TableCell>
              <TableCell align="right">Interest / paid</TableCell>
              <TableCell align="right">Principal</TableCell>
            </TableRow>
          </TableHead>
          <TableBody>
            {tables.waterfall
              .filter((w) => w.kind === 'fee')
              .map((w) => (
                <TableRow key={`fee:${w.name}`} data-testid={`run-fee-${w.name}`} data-paid-minor={w.values.paidMinor}>
                  <TableCell>Fee {w.name}</TableCell>
                  <TableCell align="right" sx={num}>
                    {m(w.values.paidMinor)}
                  </TableCell>
                  <TableCell align="right">—</TableCell>
                </TableRow>
              ))}
            {tables.waterfall
              .filter((w) => w.kind === 'tranche')
              .map((w) => (
                <TableRow
                  key={`tranche:${w.name}`}
                  data-testid={`run-tranche-${w.name}`}
                  data-interest-minor={w.values.interestPaidMinor}
                  data-principal-minor={w.values.principalPaidMinor}
                >
                  <TableCell>Class {w.name}</TableCell>
                  <TableCell align="right" sx={num}>
                    {m(w.values.interestPaidMinor)}
                  </TableCell>
                  <TableCell align="right" sx={num}>
                    {m(w.values.principalPaidMinor)}
                  </TableCell>
                </TableRow>
              ))}
            {tables.waterfall
              .filter((w) => w.kind === 'account')
              .map((w) => (
                <TableRow key={`account:${w.name}`}>
                  <TableCell>Account {w.name} (balance after)</TableCell>
                  <TableCell align="right" sx={num}>
                    {m(w.values.balanceAfterMinor)}
                  </TableCell>
                  <TableCell align="right">—</TableCell>
                </TableRow>
              ))}
          </TableBody>
        </Table>
      </Box>
      {tables.totalDistributedMinor !== null && (
        <Typography variant="body2" sx={{ mt: 1 }}>
          Paid to note holders: {formatMoney(tables.totalDistributedMinor, currency)}
        </Typography>
      )}
    </Section>
  );
};

const Tranches = ({ tables, currency }: { tables: ReportTables; currency: string }) => (
  <Section title="Tranches, factors and credit enhancement" testId="run-tranches">
    <Box sx={{ overflowX: 'auto' }}>
      <Table size="small">
        <TableHead>
          <TableRow>
            <TableCell>Class</TableCell>
            <TableCell align="right">Outstanding</TableCell>
            <TableCell align="right">Factor</TableCell>
            <TableCell align="right" title="Credit enhancement: (pool balance − balances senior to and including the tranche) / pool balance">
              CE
            </TableCell>
            <TableCell align="right" sx={{ display: { xs: 'none', sm: 'table-cell' } }}>
              Original
            </TableCell>
          </TableRow>
        </TableHead>
        <TableBody>
          {tables.tranches.map((t) => (
            <TableRow key={t.name}>
              <TableCell>{t.name}</TableCell>
              <TableCell align="right" sx={num}>
                {t.outstandingMinor === null ? '—' : formatMoney(t.outstandingMinor, currency)}
              </TableCell>
              <TableCell align="right" sx={num} data-testid={`run-factor-${t.name}`} data-factor={t.factor ?? ''}>
                {formatFactor(t.factor)}
              </TableCell>
              <TableCell align="right" sx={num} data-testid={`run-ce-${t.name}`}>
                {formatPct(t.creditEnhancementPct)}
              </TableCell>
              <TableCell align="right" sx={{ ...num, display: { xs: 'none', sm: 'table-cell' } }}>
                {t.originalMinor === null ? '—' : formatMoney(t.originalMinor, currency)}
              </TableCell>
            </TableRow>
          ))}
        </TableBody>
      </Table>
    </Box>
    <Typography variant="caption" color="text.secondary" component="div" sx={{ mt: 0.5 }}>
      CE: credit enhancement, the pool balance not needed by the tranche and those senior to it, in % of the pool balance.
    </Typography>
    <Typography variant="body2" sx={{ mt: 1 }} component="div">
      Triggers:{' '}
      {tables.triggers.length === 0
        ? 'none defined'
        : tables.triggers.map((t, i) => (
            <span key={t.name} data-testid={`run-trigger-${t.name}`} data-breached={String(t.breached)}>
              {i > 0 ? '; ' : ''}
              {t.name} {t.breached ? 'breached' : 'not breached'}
            </span>
          ))}
    </Typography>
  </Section>
);

const POOL_LABELS: [string, string][] = [
  ['principalMinor', 'Principal collected'],
  ['interestMinor', 'Interest collected'],
  ['prepaymentMinor', 'Prepayments'],
  ['recoveryMinor', 'Recoveries'],
  ['defaultMinor', 'Defaults'],
  ['lossMinor', 'Losses'],
];

const Pool = ({ tables, currency }: { tables: ReportTables; currency: string }) => {
  const rows: [string, string | undefined][] = [
    ...POOL_LABELS.map(([k, label]): [string, string | undefined] => [label, tables.collections[k]]),
    ['Pool balance after collections', tables.pool.balanceAfterCollectionsMinor],
    ['Delinquent', tables.pool.delinquentMinor],
    ['Cumulative defaults', tables.pool.cumulativeDefaultMinor],
  ];
  return (
    <Section title="Pool performance" testId="run-pool">
      {rows.map(([label, v]) => (
        <Fact key={label} label={label}>
          {v === undefined ? '—' : formatMoney(v, currency)}
        </Fact>
      ))}
    </Section>
  );
};
