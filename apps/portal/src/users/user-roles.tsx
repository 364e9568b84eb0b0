import { CheckboxGroupInput, required } from 'react-admin';
import { ORG_ROLES, PLATFORM_ROLES } from '../api/identity-types';
import { access, useRoles } from '../auth/roles';

/** The user roles the caller may grant: platform roles only by a platform admin. */
export const UserRolesInput = () => {
  const roles = useRoles();
  const grantable = access.grantPlatformRoles(roles) ? [...PLATFORM_ROLES, ...ORG_ROLES] : [...ORG_ROLES];
  return (
    <CheckboxGroupInput source="roles" label="Roles" choices={grantable.map((role) => ({ id: role, name: role }))} validate={required()} />
  );
};
