import { BooleanInput, Edit, PasswordInput, SaveButton, SimpleForm, TextInput, Toolbar, maxLength, minLength, required } from 'react-admin';
import type { User } from '../api/identity-types';
import { UserRolesInput } from './user-roles';

/** Only what changed is sent (PATCH); an empty password field keeps the password. */
const withoutEmptyPassword = ({ password, ...rest }: Partial<User> & { password?: string | null }) =>
  password ? { ...rest, password } : rest;

export const UserEdit = () => (
  // Pessimistic: the API may refuse (a role it does not let the caller grant, deactivating
  // oneself), and the form must show that rather than an optimistic success.
  <Edit mutationMode="pessimistic" transform={withoutEmptyPassword} redirect="list">
    <SimpleForm
      sx={{ maxWidth: 640 }}
      toolbar={
        <Toolbar>
          <SaveButton />
        </Toolbar>
      }
    >
      <TextInput source="email" disabled />
      <TextInput source="name" validate={[required(), maxLength(200)]} />
      <UserRolesInput />
      <BooleanInput source="active" helperText="An inactive user cannot log in; deactivating ends every session." />
      <PasswordInput
        source="password"
        label="New password"
        autoComplete="new-password"
        validate={[minLength(12), maxLength(200)]}
        helperText="Leave empty to keep the current password"
      />
    </SimpleForm>
  </Edit>
);
