import { DataTable, List, SelectInput } from 'react-admin';
import { NO_SORT } from '../common/list-defaults';
import { formatDateTime, shortHash } from '../common/formatting';
import type { AnchorBatchRecord } from '../documents/document-types';
import { AnchorBatchStatusChip } from './anchor-batch-status-chip';

const filters = [
  <SelectInput
    key="status"
    source="status"
    choices={['SEALED', 'ANCHORED', 'FAILED'].map((s) => ({ id: s, name: s }))}
    emptyText="Any"
    alwaysOn
    sx={{ minWidth: 160 }}
  />,
];

/** Merkle batches, newest first: root, leaf count, transaction, confirmations. */
export const AnchorBatchList = () => (
  <List filters={filters} sort={NO_SORT} exporter={false} title="Anchor batches" queryOptions={{ refetchInterval: 5_000 }}>
    <DataTable<AnchorBatchRecord> rowClick="show" bulkActionButtons={false}>
      <DataTable.Col label="Sealed" render={(b) => <span data-testid={`batch-row-${b.id}`}>{formatDateTime(b.sealedAt)}</span>} />
      <DataTable.Col label="Status" render={(b) => <AnchorBatchStatusChip status={b.status} />} />
      <DataTable.Col label="Leaves" render={(b) => b.leafCount.toLocaleString()} />
      <DataTable.Col
        label="Root"
        render={(b) => (
          <span title={b.root} style={{ fontFamily: 'monospace' }}>
            {shortHash(b.root)}
          </span>
        )}
      />
      <DataTable.Col
        label="Transaction"
        render={(b) =>
          b.txHash ? (
            <span title={b.txHash} style={{ fontFamily: 'monospace' }}>
              {shortHash(b.txHash)}
            </span>
          ) : (
            '—'
          )
        }
      />
      <DataTable.Col label="Block" render={(b) => b.blockNumber ?? '—'} />
      <DataTable.Col label="Confirmations" render={(b) => b.confirmations ?? '—'} />
    </DataTable>
  </List>
);
