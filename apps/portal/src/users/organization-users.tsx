import { Card, CardContent, CardHeader } from '@mui/material';
import { BooleanField, DataTable, Pagination, ReferenceManyField } from 'react-admin';
import type { User } from '../api/identity-types';
import { access, useRoles } from '../auth/roles';
import { ChipList } from '../common/chip-list';
import { NO_SORT } from '../common/list-defaults';

/** The users of one organization (`GET /users?organizationId=`), for those who see users. */
export const OrganizationUsers = ({ organizationId }: { organizationId: string }) => {
  const roles = useRoles();
  return (
    <Card variant="outlined" data-testid="org-users">
      <CardHeader title="Users" slotProps={{ title: { variant: 'h6', component: 'h2' } }} />
      <CardContent sx={{ pt: 0 }}>
        <ReferenceManyField<{ id: string }, User>
          reference="users"
          target="organizationId"
          record={{ id: organizationId }}
          source="id"
          sort={NO_SORT}
          perPage={10}
          pagination={<Pagination rowsPerPageOptions={[10, 25, 50]} />}
        >
          <DataTable<User>
            bulkActionButtons={false}
            rowClick={access.manageUsers(roles) ? 'edit' : false}
            empty={<span data-testid="org-users-empty">No users.</span>}
          >
            <DataTable.Col source="name" disableSort />
            <DataTable.Col source="email" disableSort />
            <DataTable.Col label="Roles" render={(user) => <ChipList values={user.roles} />} />
            <DataTable.Col source="active" disableSort field={BooleanField} />
          </DataTable>
        </ReferenceManyField>
      </CardContent>
    </Card>
  );
};
