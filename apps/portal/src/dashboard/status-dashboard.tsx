import { useEffect, useState, type ReactNode } from 'react';
import {
  Alert,
  Box,
  Card,
  CardContent,
  CardHeader,
  Chip,
  Stack,
  Table,
  TableBody,
  TableCell,
  TableHead,
  TableRow,
  Typography,
} from '@mui/material';
import { useQuery } from '@tanstack/react-query';
import { Loading, Title, useDataProvider } from 'react-admin';
import type { ChainStatus, ServiceState, StatusResponse } from '../api/types';
import { formatTime } from '../common/formatting';
import type { TallyDataProvider } from '../providers/data-provider';

const POLL_INTERVAL_MS = 2_000;
const cardHeaderSlotProps = { title: { variant: 'h6', component: 'h2' } } as const;

/**
 * Health of the API and what it depends on, refreshed every 2 s.
 *
 * The `data-testid`s are used by the browser end-to-end tests; keep them stable. Elements that
 * carry a number (`block-number`, `chain-id`, `jobs-*`) hold the bare number as their text, and
 * are left out while the value is unknown.
 */
export const StatusDashboard = () => {
  const dataProvider = useDataProvider<TallyDataProvider>();
  const { data, error, dataUpdatedAt } = useQuery({
    queryKey: ['tally', 'status'],
    queryFn: ({ signal }) => dataProvider.getStatus({ signal }),
    refetchInterval: POLL_INTERVAL_MS,
    // The next poll is the retry.
    retry: false,
  });
  const now = useNow(1_000);

  return (
    <Box sx={{ py: 2 }}>
      <Title title="Status" />
      {error && (
        <Alert severity="warning" sx={{ mb: 2 }} data-testid="status-error">
          Cannot reach the API ({error.message}).
          {data && ` Showing the answer from ${formatTime(dataUpdatedAt)}.`}
        </Alert>
      )}
      {data ? <StatusCards status={data} now={now} /> : !error && <Loading />}
    </Box>
  );
};

const StatusCards = ({ status, now }: { status: StatusResponse; now: number }) => (
  <Stack spacing={2}>
    <Stack direction="row" spacing={1} sx={{ alignItems: 'center' }}>
      <Typography variant="h6" component="h1" sx={{ mr: 1 }}>
        System status
      </Typography>
      <Chip
        size="small"
        variant="outlined"
        label={`mode: ${status.mode}`}
        data-testid="status-mode"
      />
      <Chip
        size="small"
        variant="outlined"
        label={`version: ${status.version}`}
        data-testid="status-version"
      />
    </Stack>

    <Box
      sx={{
        display: 'grid',
        gap: 2,
        gridTemplateColumns: { xs: '1fr', md: 'repeat(3, minmax(0, 1fr))' },
      }}
    >
      <StatusCard title="Database" state={status.database.status} testId="status-database">
        <Fact label="Latency">{formatLatency(status.database.latencyMs)}</Fact>
        <Detail text={status.database.detail} />
      </StatusCard>

      <StatusCard title="Chain" state={status.chain.status} testId="status-chain">
        <ChainFacts chain={status.chain} now={now} />
      </StatusCard>

      <Card variant="outlined">
        <CardHeader title="Chain jobs" slotProps={cardHeaderSlotProps} />
        <CardContent sx={{ pt: 0 }}>
          {status.jobs ? (
            <>
              <Fact label="Pending" testId="jobs-pending">
                {status.jobs.pending}
              </Fact>
              <Fact label="Submitted" testId="jobs-submitted">
                {status.jobs.submitted}
              </Fact>
              <Fact label="Confirmed" testId="jobs-confirmed">
                {status.jobs.confirmed}
              </Fact>
              <Fact label="Failed" testId="jobs-failed" alert={status.jobs.failed > 0}>
                {status.jobs.failed}
              </Fact>
            </>
          ) : (
            <Typography variant="body2" color="text.secondary" data-testid="jobs-unknown">
              Unknown while the database is down.
            </Typography>
          )}
        </CardContent>
      </Card>
    </Box>

    <Card variant="outlined">
      <CardHeader title="Contracts" slotProps={cardHeaderSlotProps} />
      <CardContent sx={{ pt: 0, overflowX: 'auto' }}>
        <Table size="small" data-testid="contracts-table">
          <TableHead>
            <TableRow>
              <TableCell>Name</TableCell>
              <TableCell>Address</TableCell>
              <TableCell align="right">Deployment block</TableCell>
              <TableCell>Deployment tx</TableCell>
            </TableRow>
          </TableHead>
          <TableBody>
            {status.contracts.length === 0 ? (
              <TableRow>
                <TableCell colSpan={4}>No contracts deployed.</TableCell>
              </TableRow>
            ) : (
              status.contracts.map((contract) => (
                <TableRow key={contract.address} data-testid={`contract-${contract.name}`}>
                  <TableCell>{contract.name}</TableCell>
                  <TableCell sx={{ fontFamily: 'monospace' }}>{contract.address}</TableCell>
                  <TableCell align="right">{contract.deploymentBlock}</TableCell>
                  <TableCell sx={{ fontFamily: 'monospace' }} title={contract.txHash ?? undefined}>
                    {contract.txHash ? shortHash(contract.txHash) : '—'}
                  </TableCell>
                </TableRow>
              ))
            )}
          </TableBody>
        </Table>
      </CardContent>
    </Card>
  </Stack>
);

const ChainFacts = ({ chain, now }: { chain: ChainStatus; now: number }) => {
  const blockTimeMs = chain.blockTime ? Date.parse(chain.blockTime) : Number.NaN;
  return (
    <>
      <Fact label="Chain id" testId={chain.chainId === undefined ? undefined : 'chain-id'}>
        {chain.chainId ?? '—'}
      </Fact>
      <Fact
        label="Block height"
        testId={chain.blockNumber === undefined ? undefined : 'block-number'}
      >
        {chain.blockNumber ?? '—'}
      </Fact>
      <Fact label="Last block">
        {Number.isNaN(blockTimeMs) ? (
          (chain.blockTime ?? '—')
        ) : (
          <span title={chain.blockTime}>
            {formatTime(blockTimeMs)} ({formatAge(now - blockTimeMs)})
          </span>
        )}
      </Fact>
      <Fact label="Latency">{formatLatency(chain.latencyMs)}</Fact>
      <Detail text={chain.detail} />
    </>
  );
};

const StatusCard = ({
  title,
  state,
  testId,
  children,
}: {
  title: string;
  state: ServiceState;
  testId: string;
  children: ReactNode;
}) => (
  <Card variant="outlined">
    <CardHeader
      title={title}
      slotProps={cardHeaderSlotProps}
      action={
        <Chip
          size="small"
          label={state}
          color={state === 'up' ? 'success' : 'error'}
          data-testid={testId}
        />
      }
    />
    <CardContent sx={{ pt: 0 }}>{children}</CardContent>
  </Card>
);

const Fact = ({
  label,
  testId,
  alert = false,
  children,
}: {
  label: string;
  testId?: string;
  alert?: boolean;
  children: ReactNode;
}) => (
  <Box sx={{ display: 'flex', justifyContent: 'space-between', gap: 2, py: 0.5 }}>
    <Typography variant="body2" color="text.secondary">
      {label}
    </Typography>
    <Typography
      variant="body2"
      data-testid={testId}
      color={alert ? 'error' : undefined}
      sx={{ fontVariantNumeric: 'tabular-nums', fontWeight: 500 }}
    >
      {children}
    </Typography>
  </Box>
);

const Detail = ({ text }: { text?: string }) =>
  text ? (
    <Typography variant="caption" color="text.secondary" component="p" sx={{ mt: 1 }}>
      {text}
    </Typography>
  ) : null;

/** Re-renders every `intervalMs` so ages ("12 s ago") move between polls too. */
function useNow(intervalMs: number): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const timer = window.setInterval(() => setNow(Date.now()), intervalMs);
    return () => window.clearInterval(timer);
  }, [intervalMs]);
  return now;
}

function formatLatency(latencyMs: number | undefined): string {
  return latencyMs === undefined ? '—' : `${latencyMs} ms`;
}

function formatAge(ageMs: number): string {
  const seconds = Math.round(ageMs / 1000);
  if (seconds < 1) return 'just now';
  if (seconds < 120) return `${seconds} s ago`;
  const minutes = Math.round(seconds / 60);
  if (minutes < 120) return `${minutes} min ago`;
  return `${Math.round(minutes / 60)} h ago`;
}

function shortHash(hash: string): string {
  return hash.length > 14 ? `${hash.slice(0, 8)}…${hash.slice(-6)}` : hash;
}
