import PeopleIcon from '@mui/icons-material/People';
import { access } from '../auth/roles';
import { UserCreate } from './user-create';
import { UserEdit } from './user-edit';
import { UserList } from './user-list';

/** `<Resource name="users">` props: auditors read, platform and organization admins manage. */
export const userResource = (permissions: unknown) => {
  const manage = access.manageUsers(permissions);
  return {
    list: UserList,
    create: manage ? UserCreate : undefined,
    edit: manage ? UserEdit : undefined,
    icon: PeopleIcon,
    recordRepresentation: 'name',
  };
};
