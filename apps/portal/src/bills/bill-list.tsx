import { useRef, useState } from 'react';
import { Box, Button, Stack } from '@mui/material';
import DownloadIcon from '@mui/icons-material/Download';
import UploadFileIcon from '@mui/icons-material/UploadFile';
import {
  AutocompleteInput,
  DataTable,
  DateInput,
  Link,
  List,
  SearchInput,
  SelectInput,
  TopToolbar,
  useDataProvider,
  useListContext,
  useNotify,
} from 'react-admin';
import { errorMessage, formatDate } from '../common/formatting';
import { UBL_IMPORT_PATH } from '../import';
import type { TallyDataProvider } from '../providers/data-provider';
import { isSettling } from './bill-settling.util';
import { BillStateChip, EncumbranceChip, SettlingChip } from './bill-chips';
import { BillListAside } from './bill-list-aside';
import { BILL_STATES, type Bill, type BillListFilter } from './bill-types';
import { formatMoney } from './money';
import { OrganizationName, useOrganizationDirectory, type OrganizationDirectory } from './organization-directory';

/** While a row settles on chain the list refreshes as often as the bill page does. */
const SETTLING_POLL_MS = 2_000;

/**
 * The bills the caller sees (as supplier, buyer, holder, or financier), filtered by state,
 * counterparty, holder and due date; the API orders them by due date. CSV export uses the same
 * filters on the server.
 */
export const BillList = () => {
  const directory = useOrganizationDirectory();
  return (
    <List
      title="Bills"
      perPage={25}
      sort={DEFAULT_SORT}
      exporter={false}
      actions={<BillListActions directory={directory} />}
      filters={billFilters}
      aside={<BillListAside />}
      queryOptions={{
        refetchInterval: (query) => (query.state.data?.data.some(isSettling) ? SETTLING_POLL_MS : false),
      }}
    >
      <DataTable<Bill>
        rowClick="show"
        bulkActionButtons={false}
        empty={
          <Box sx={{ p: 2 }} data-testid="bills-empty">
            No bills.
          </Box>
        }
      >
        <DataTable.Col
          source="invoiceNumber"
          label="Invoice"
          render={(bill) => <span data-testid={`bill-row-${bill.id}`}>{bill.invoiceNumber}</span>}
        />
        <DataTable.Col
          source="faceAmount"
          label="Amount"
          align="right"
          render={(bill) => (
            <Box component="span" sx={{ fontVariantNumeric: 'tabular-nums', whiteSpace: 'nowrap' }} data-testid={`bill-amount-${bill.id}`}>
              {formatMoney(bill.faceAmountMinor, bill.currency)}
            </Box>
          )}
        />
        <DataTable.Col
          source="state"
          disableSort
          render={(bill: Bill) => (
            <Stack direction="row" spacing={0.5} sx={{ alignItems: 'center' }}>
              <BillStateChip state={bill.state} testId={`bill-state-${bill.id}`} />
              {isSettling(bill) && <SettlingChip action={bill.pendingAction ?? 'issue'} testId={`bill-pending-${bill.id}`} />}
            </Stack>
          )}
        />
        <DataTable.Col
          source="encumbrance"
          disableSort
          render={(bill) => <EncumbranceChip encumbrance={bill.encumbrance} testId={`bill-encumbrance-${bill.id}`} />}
        />
        <DataTable.Col
          source="holderOrganizationId"
          label="Holder"
          disableSort
          render={(bill) => <OrganizationName id={bill.holderOrganizationId} name={bill.holderName} directory={directory} testId={`bill-holder-${bill.id}`} />}
        />
        <DataTable.Col
          source="buyerOrganizationId"
          label="Obligor"
          disableSort
          render={(bill) => <OrganizationName id={bill.buyerOrganizationId} name={bill.buyerName} directory={directory} />}
        />
        <DataTable.Col source="issueDate" label="Issued" render={(bill) => formatDate(bill.issueDate)} />
        <DataTable.Col source="dueDate" label="Due" render={(bill) => formatDate(bill.dueDate)} />
      </DataTable>
    </List>
  );
};

/** The API sorts bills by `dueDate` (default), `issueDate`, `faceAmount`, `invoiceNumber` or `createdAt`. */
const DEFAULT_SORT = { field: 'dueDate', order: 'ASC' } as const;

const billFilters = [
  <SearchInput key="q" source="q" placeholder="Invoice number" alwaysOn slotProps={{ htmlInput: { 'data-testid': 'bills-search' } } as object} />,
  <SelectInput
    key="state"
    source="state"
    choices={BILL_STATES.map((state) => ({ id: state, name: state }))}
    emptyText="Any"
    alwaysOn
    sx={{ minWidth: 160 }}
    slotProps={{ htmlInput: { 'data-testid': 'bills-filter-state' } }}
  />,
  <OrganizationFilterInput key="counterpartyId" source="counterpartyId" label="Counterparty" alwaysOn />,
  <OrganizationFilterInput key="holderId" source="holderId" label="Holder" alwaysOn />,
  <DateInput
    key="dueFrom"
    source="dueFrom"
    label="Due from"
    alwaysOn
    slotProps={{ htmlInput: { 'data-testid': 'bills-filter-due-from' } }}
  />,
  <DateInput key="dueTo" source="dueTo" label="Due to" alwaysOn slotProps={{ htmlInput: { 'data-testid': 'bills-filter-due-to' } }} />,
];

/**
 * An organization to filter by: every organization whose name the caller may read, plus the
 * counterparties of the bills it has been shown (by short id when their name is not visible).
 * The choices only grow, so narrowing the list does not take the selected one away.
 */
// `alwaysOn` is read by the list's filter form from the element's props.
function OrganizationFilterInput({ source, label }: { source: string; label: string; alwaysOn?: boolean }) {
  const directory = useOrganizationDirectory();
  const { data } = useListContext<Bill>();
  const seen = useRef(new Set<string>());
  for (const bill of data ?? []) {
    seen.current.add(bill.supplierOrganizationId).add(bill.buyerOrganizationId).add(bill.holderOrganizationId);
  }
  for (const entry of [...directory.entries, ...directory.counterparties]) seen.current.add(entry.id);
  const choices = [...seen.current]
    .map((id) => ({ id, name: organizationLabel(id, directory) }))
    .sort((a, b) => a.name.localeCompare(b.name));
  return <AutocompleteInput source={source} label={label} choices={choices} alwaysOn sx={{ minWidth: 240 }} />;
}

function organizationLabel(id: string, directory: OrganizationDirectory): string {
  return directory.nameOf(id) ?? 'another organization';
}

const BillListActions = ({ directory }: { directory: OrganizationDirectory }) => (
  <TopToolbar>
    {directory.ownRoles.includes('SUPPLIER') && (
      <Button component={Link} to={UBL_IMPORT_PATH} startIcon={<UploadFileIcon />} data-testid="bills-import-link">
        Import UBL
      </Button>
    )}
    <ExportCsvButton />
  </TopToolbar>
);

/** The server's CSV of the bills matching the current filters (not only the page shown). */
const ExportCsvButton = () => {
  const dataProvider = useDataProvider<TallyDataProvider>();
  const { filterValues } = useListContext<Bill>();
  const notify = useNotify();
  const [busy, setBusy] = useState(false);
  const exportCsv = async () => {
    setBusy(true);
    try {
      await dataProvider.exportBillsCsv(filterValues as BillListFilter);
    } catch (error) {
      const message = errorMessage(error);
      notify(message, { type: 'error', messageArgs: { _: message } });
    } finally {
      setBusy(false);
    }
  };
  return (
    <Button startIcon={<DownloadIcon />} onClick={() => void exportCsv()} disabled={busy} data-testid="bills-export-csv">
      Export CSV
    </Button>
  );
};
