import { DataTable, List, SearchInput, SelectInput } from 'react-admin';
import { formatDate } from '../common/formatting';
import { KYC_STATES, type Organization } from '../api/identity-types';
import { ChipList } from '../common/chip-list';
import { NO_SORT } from '../common/list-defaults';
import { KycStateChip } from './kyc-state-chip';

const filters = [
  <SearchInput key="q" source="q" alwaysOn placeholder="Legal name" />,
  <SelectInput
    key="kycState"
    source="kycState"
    label="KYC state"
    choices={KYC_STATES.map((state) => ({ id: state, name: state }))}
    emptyText="Any"
    alwaysOn
    sx={{ minWidth: 180 }}
  />,
];

/** Organizations the caller may see: all for platform roles, its own otherwise. */
export const OrganizationList = () => (
  <List filters={filters} sort={NO_SORT} exporter={false} title="Organizations">
    <DataTable<Organization> rowClick="show" bulkActionButtons={false}>
      <DataTable.Col
        source="legalName"
        label="Legal name"
        disableSort
        render={(org) => <span data-testid={`org-row-${org.id}`}>{org.legalName}</span>}
      />
      <DataTable.Col source="lei" label="LEI" disableSort sx={{ fontFamily: 'monospace' }} />
      <DataTable.Col source="country" disableSort />
      <DataTable.Col label="Roles" render={(org) => <ChipList values={org.roles} />} />
      <DataTable.Col label="KYC" render={(org) => <KycStateChip state={org.kycState} />} />
      <DataTable.Col source="kycExpiresAt" label="KYC expires" disableSort render={(o: { kycExpiresAt?: string | null }) => formatDate(o.kycExpiresAt)} />
    </DataTable>
  </List>
);
