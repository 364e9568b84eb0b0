import { AutocompleteInput, BooleanField, DataTable, List, ReferenceField, ReferenceInput } from 'react-admin';
import type { User } from '../api/identity-types';
import { access, useRoles } from '../auth/roles';
import { ChipList } from '../common/chip-list';
import { NO_SORT } from '../common/list-defaults';

const organizationFilter = [
  <ReferenceInput key="organizationId" source="organizationId" reference="organizations" alwaysOn>
    <AutocompleteInput label="Organization" optionText="legalName" filterToQuery={(q: string) => ({ q })} sx={{ minWidth: 280 }} />
  </ReferenceInput>,
];

/** Users the caller may see: everyone for platform admins and auditors, its own organization's for an ORG_ADMIN. */
export const UserList = () => {
  const roles = useRoles();
  return (
    <List sort={NO_SORT} exporter={false} title="Users" filters={access.allOrganizations(roles) ? organizationFilter : undefined}>
      <DataTable<User> bulkActionButtons={false} rowClick={access.manageUsers(roles) ? 'edit' : false}>
        <DataTable.Col source="name" disableSort />
        <DataTable.Col source="email" disableSort />
        <DataTable.Col source="organizationId" label="Organization" disableSort>
          <ReferenceField source="organizationId" reference="organizations" link="show" />
        </DataTable.Col>
        <DataTable.Col label="Roles" render={(user) => <ChipList values={user.roles} />} />
        <DataTable.Col source="active" disableSort field={BooleanField} />
      </DataTable>
    </List>
  );
};
