import { Card, CardContent, CardHeader, Stack } from '@mui/material';
import { Show, useRecordContext } from 'react-admin';
import { formatDateTime } from '../common/formatting';
import type { AnchorBatchRecord } from '../documents/document-types';
import { AnchorBatchStatusChip } from './anchor-batch-status-chip';
import { Fact } from '../common/fact';

const cardTitle = { title: { variant: 'h6', component: 'h2' } } as const;

/** One batch: its root, where it is on chain and how deep (refreshed while it confirms). */
export const AnchorBatchShow = () => (
  <Show
    component="div"
    actions={false}
    title="Anchor batch"
    queryOptions={{ refetchInterval: (q) => ((q.state.data as AnchorBatchRecord | undefined)?.status === 'SEALED' ? 2_000 : 10_000) }}
  >
    <BatchPage />
  </Show>
);

const BatchPage = () => {
  const b = useRecordContext<AnchorBatchRecord>();
  if (!b) return null;
  return (
    <Card variant="outlined" sx={{ mt: 2 }} data-testid="batch-page">
      <CardHeader title="Anchor batch" slotProps={cardTitle} action={<AnchorBatchStatusChip status={b.status} testId="batch-status" />} />
      <CardContent sx={{ pt: 0 }}>
        <Stack>
          <Fact label="Batch id (on chain)" mono>
            {b.chainBatchId}
          </Fact>
          <Fact label="Merkle root" mono testId="batch-root">
            {b.root}
          </Fact>
          <Fact label="Leaves" testId="batch-leaves">
            {b.leafCount.toLocaleString()}
          </Fact>
          <Fact label="Sealed">{formatDateTime(b.sealedAt)}</Fact>
          <Fact label="Transaction" mono testId="batch-tx">
            {b.txHash ?? '—'}
          </Fact>
          <Fact label="Block">{b.blockNumber ?? '—'}</Fact>
          <Fact label="Block time">{formatDateTime(b.blockTimestamp)}</Fact>
          <Fact label="Confirmations" testId="batch-confirmations">
            {b.confirmations ?? '—'}
          </Fact>
          <Fact label="Contract" mono>
            {b.contractAddress ?? '—'}
          </Fact>
          <Fact label="Chain id">{b.chainId}</Fact>
          {b.failureReason && <Fact label="Failure">{b.failureReason}</Fact>}
        </Stack>
      </CardContent>
    </Card>
  );
};

