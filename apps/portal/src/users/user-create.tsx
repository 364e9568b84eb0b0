import {
  AutocompleteInput,
  Create,
  ReferenceInput,
  SimpleForm,
  TextInput,
  email,
  maxLength,
  required,
} from 'react-admin';
import { access, useRoles } from '../auth/roles';
import { UserRolesInput } from './user-roles';

/**
 * A new user: an ORG_ADMIN adds users to its own organization; a platform admin to any
 * (default: its own). Field errors from the API show under their inputs.
 */
export const UserCreate = () => {
  const roles = useRoles();
  return (
    <Create redirect="list" title="New user">
      <SimpleForm defaultValues={{ roles: ['ORG_MEMBER'] }} sx={{ maxWidth: 640 }}>
        <TextInput source="email" type="email" validate={[required(), email(), maxLength(320)]} />
        <TextInput source="name" validate={[required(), maxLength(200)]} />
        {/* no password: the user sets it from the one-time invite link mailed to them */}
        <UserRolesInput />
        {access.allOrganizations(roles) && access.grantPlatformRoles(roles) && (
          <ReferenceInput source="organizationId" reference="organizations">
            <AutocompleteInput
              label="Organization"
              optionText="legalName"
              filterToQuery={(q: string) => ({ q })}
              helperText="Empty: your own organization"
            />
          </ReferenceInput>
        )}
      </SimpleForm>
    </Create>
  );
};
