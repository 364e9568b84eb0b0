import BusinessIcon from '@mui/icons-material/Business';
import { access } from '../auth/roles';
import { OrganizationCreate } from './organization-create';
import { OrganizationList } from './organization-list';
import { OrganizationShow } from './organization-show';

/** `<Resource name="organizations">` props for the signed-in user's roles. */
export const organizationResource = (permissions: unknown) => ({
  list: OrganizationList,
  show: OrganizationShow,
  create: access.createOrganization(permissions) ? OrganizationCreate : undefined,
  icon: BusinessIcon,
  recordRepresentation: 'legalName',
});
