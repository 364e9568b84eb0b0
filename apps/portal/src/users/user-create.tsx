import {
  AutocompleteInput,
  Create,
  PasswordInput,
  ReferenceInput,
  SimpleForm,
  TextInput,
  email,
  maxLength,
  minLength,
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
        <PasswordInput
          source="password"
          autoComplete="new-password"
          validate={[required(), minLength(12), maxLength(200)]}
          helperText="12 to 200 characters"
        />
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
