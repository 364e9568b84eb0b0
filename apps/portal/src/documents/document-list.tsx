import { CreateButton, DataTable, List, SelectInput, TopToolbar } from 'react-admin';
import { NO_SORT } from '../common/list-defaults';
import { formatDateTime, shortHash } from '../common/formatting';
import { AnchoringChip } from './anchoring-chip';
import { DOCUMENT_KINDS, type DocumentRecord } from './document-types';

const filters = [
  <SelectInput
    key="kind"
    source="kind"
    choices={DOCUMENT_KINDS.map((k) => ({ id: k, name: k }))}
    emptyText="Any"
    alwaysOn
    sx={{ minWidth: 160 }}
  />,
];

export function formatSize(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1_048_576) return `${(bytes / 1024).toFixed(1)} KiB`;
  return `${(bytes / 1_048_576).toFixed(1)} MiB`;
}

/** The organization's documents (every organization's for platform roles), newest first, with their anchoring state. */
export const DocumentList = () => (
  <List
    filters={filters}
    sort={NO_SORT}
    exporter={false}
    title="Documents"
    actions={
      <TopToolbar>
        <CreateButton label="Upload" />
      </TopToolbar>
    }
    queryOptions={{ refetchInterval: 5_000 }}
  >
    <DataTable<DocumentRecord> rowClick="show" bulkActionButtons={false}>
      <DataTable.Col source="name" disableSort render={(d) => <span data-testid={`document-row-${d.id}`}>{d.name}</span>} />
      <DataTable.Col source="kind" disableSort />
      <DataTable.Col label="Type" source="mediaType" disableSort />
      <DataTable.Col label="Size" render={(d) => formatSize(d.sizeBytes)} />
      <DataTable.Col
        label="SHA-256"
        render={(d) => (
          <span title={d.sha256} style={{ fontFamily: 'monospace' }}>
            {shortHash(d.sha256)}
          </span>
        )}
      />
      <DataTable.Col label="Anchoring" render={(d) => <AnchoringChip state={d.anchoring.state} testId={`document-state-${d.id}`} />} />
      <DataTable.Col label="Anchored at" render={(d) => formatDateTime(d.anchoring.anchoredAt)} />
      <DataTable.Col label="Uploaded" render={(d) => formatDateTime(d.createdAt)} />
    </DataTable>
  </List>
);
