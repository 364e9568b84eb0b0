import { useState } from 'react';
import { Button } from '@mui/material';
import DownloadIcon from '@mui/icons-material/Download';
import { useDataProvider, useListContext, useNotify } from 'react-admin';
import type { AuditEntry } from '../api/identity-types';
import { errorMessage } from '../common/formatting';
import { NO_SORT } from '../common/list-defaults';
import { saveBlob } from '../documents/document-files';

const PAGE = 200;
/** More than this is a job for the API's own export, not a browser download. */
const MAX_ROWS = 10_000;

/** RFC 4180 field; a leading =, +, - or @ is quoted with a tick so spreadsheets do not run it. */
function csvField(value: string): string {
  const safe = /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
  return /[",\r\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}

export function auditCsv(entries: AuditEntry[]): string {
  const header = ['seq', 'at', 'actor', 'organization_id', 'action', 'entity', 'entity_id', 'payload', 'prev_hash', 'hash'];
  const rows = entries.map((e) =>
    [e.seq, e.at, e.actor, e.organizationId ?? '', e.action, e.entity, e.entityId, JSON.stringify(e.payload), e.prevHash, e.hash].map(csvField).join(','),
  );
  return [header.join(','), ...rows].join('\r\n') + '\r\n';
}

/**
 * Every audit entry matching the list's filters (not only the page shown) as CSV, read page by
 * page through the data provider.
 */
export const ExportAuditCsvButton = () => {
  const dataProvider = useDataProvider();
  const { filterValues } = useListContext();
  const notify = useNotify();
  const [busy, setBusy] = useState(false);
  const exportCsv = async () => {
    setBusy(true);
    try {
      const entries: AuditEntry[] = [];
      for (let page = 1; ; page++) {
        const { data, total } = await dataProvider.getList('audit', { pagination: { page, perPage: PAGE }, sort: NO_SORT, filter: filterValues, meta: { idField: 'seq' } });
        entries.push(...(data as unknown as AuditEntry[]));
        if (data.length < PAGE || entries.length >= (total ?? 0) || entries.length >= MAX_ROWS) break;
      }
      saveBlob(new Blob([auditCsv(entries)], { type: 'text/csv' }), 'audit-log.csv');
    } catch (error) {
      const message = errorMessage(error);
      notify(message, { type: 'error', messageArgs: { _: message } });
    } finally {
      setBusy(false);
    }
  };
  return (
    <Button startIcon={<DownloadIcon />} onClick={() => void exportCsv()} disabled={busy} data-testid="audit-export-csv">
      Export CSV
    </Button>
  );
};
