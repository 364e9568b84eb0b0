import { Box, Typography } from '@mui/material';
import { DataTable, DateInput, List, TextInput, TopToolbar, useRecordContext } from 'react-admin';
import type { AuditEntry } from '../api/identity-types';
import { access, useRoles } from '../auth/roles';
import { formatDateTime, shortHash } from '../common/formatting';
import { NO_SORT } from '../common/list-defaults';
import { ExportAuditCsvButton } from './audit-export';
import { VerifyChain } from './verify-chain';

type AuditRecord = AuditEntry & { id: string };

// The API matches these exactly; the suggestions are the values known today, any other value
// (from a capability added later) can still be typed.
const ENTITIES = ['organization', 'user', 'wallet', 'document'];
const ACTIONS = [
  'auth.login',
  'organization.created',
  'organization.updated',
  'kyc.submit',
  'kyc.screened',
  'kyc.screening_false_positive',
  'kyc.approve',
  'kyc.reject',
  'kyc.suspend',
  'kyc.expire',
  'user.created',
  'user.updated',
  'wallet.bound',
  'wallet.registered',
  'wallet.registration_failed',
  'wallet.removed',
  'wallet.removal_failed',
  'document.uploaded',
];

const filters = [
  <TextInput
    key="entity"
    source="entity"
    label="Entity"
    alwaysOn
    resettable
    helperText={false}
    slotProps={{ htmlInput: { list: 'audit-entities', 'data-testid': 'audit-filter-entity' } }}
  />,
  <TextInput
    key="action"
    source="action"
    label="Action"
    alwaysOn
    resettable
    helperText={false}
    slotProps={{ htmlInput: { list: 'audit-actions', 'data-testid': 'audit-filter-action' } }}
  />,
  <TextInput
    key="actor"
    source="actor"
    label="Actor"
    alwaysOn
    resettable
    helperText={false}
    slotProps={{ htmlInput: { 'data-testid': 'audit-filter-actor' } }}
  />,
  <DateInput key="from" source="from" label="From" alwaysOn helperText={false} slotProps={{ htmlInput: { 'data-testid': 'audit-filter-from' } }} />,
  <DateInput key="to" source="to" label="Before" alwaysOn helperText={false} slotProps={{ htmlInput: { 'data-testid': 'audit-filter-to' } }} />,
];

const Suggestions = () => (
  <>
    <datalist id="audit-entities">
      {ENTITIES.map((value) => (
        <option key={value} value={value} />
      ))}
    </datalist>
    <datalist id="audit-actions">
      {ACTIONS.map((value) => (
        <option key={value} value={value} />
      ))}
    </datalist>
  </>
);

/**
 * The hash-chained audit log: everything for auditors and platform admins, the caller's own
 * organization otherwise. Entries are keyed by `seq`; a row expands to its payload and hashes.
 */
export const AuditList = () => {
  const roles = useRoles();
  return (
    <List
      filters={filters}
      sort={NO_SORT}
      exporter={false}
      title="Audit log"
      queryOptions={{ meta: { idField: 'seq' } }}
      actions={
        <TopToolbar>
          <ExportAuditCsvButton />
        </TopToolbar>
      }
    >
      <Suggestions />
      {access.verifyAuditChain(roles) && <VerifyChain />}
      <DataTable<AuditRecord> bulkActionButtons={false} rowClick="expand" expand={<AuditDetails />}>
        <DataTable.Col source="seq" label="#" disableSort />
        <DataTable.Col source="at" label="At" disableSort render={(entry) => formatDateTime(entry.at)} />
        <DataTable.Col source="actor" disableSort />
        <DataTable.Col source="action" disableSort />
        <DataTable.Col source="entity" disableSort />
        <DataTable.Col
          source="entityId"
          label="Entity id"
          disableSort
          render={(entry) => <span title={entry.entityId}>{shortHash(entry.entityId, 8, 4)}</span>}
        />
        <DataTable.Col
          source="hash"
          disableSort
          render={(entry) => (
            <Box component="span" sx={{ fontFamily: 'monospace' }} title={entry.hash}>
              {shortHash(entry.hash)}
            </Box>
          )}
        />
      </DataTable>
    </List>
  );
};

const AuditDetails = () => {
  const entry = useRecordContext<AuditRecord>();
  if (!entry) return null;
  return (
    <Box sx={{ py: 1 }} data-testid={`audit-details-${entry.seq}`}>
      <Typography variant="caption" color="text.secondary" component="div">
        entity id <code>{entry.entityId}</code> · organization <code>{entry.organizationId ?? '—'}</code>
      </Typography>
      <Typography variant="caption" color="text.secondary" component="div">
        prev <code>{entry.prevHash}</code>
      </Typography>
      <Typography variant="caption" color="text.secondary" component="div">
        hash <code>{entry.hash}</code>
      </Typography>
      <Box component="pre" sx={{ m: 0, mt: 1, p: 1, bgcolor: 'action.hover', borderRadius: 1, overflowX: 'auto', fontSize: 12 }}>
        {JSON.stringify(entry.payload, null, 2)}
      </Box>
    </Box>
  );
};
