import AccountBalanceIcon from '@mui/icons-material/AccountBalance';
import AccountBalanceWalletIcon from '@mui/icons-material/AccountBalanceWallet';
import StorefrontIcon from '@mui/icons-material/Storefront';
import UploadFileIcon from '@mui/icons-material/UploadFile';
import { Menu } from 'react-admin';
import { MARKETPLACE_PATH } from '../financing';
import { UBL_IMPORT_PATH } from '../import';
import { hasRole, useRoles } from '../auth/roles';
import { BALANCES_PATH, SETTLEMENT_AGENT_PATH } from '../settlement';
import { useOrganizationDirectory } from './organization-directory';

/**
 * Menu entries of the trade pages that are not resources, by the business roles of the user's
 * organization: the marketplace for financiers, the UBL import for suppliers, balances for all, the settlement agent's page for platform admins.
 */
export const TradeMenuItems = () => {
  const { ownRoles } = useOrganizationDirectory();
  const settlementAgent = hasRole(useRoles(), 'PLATFORM_ADMIN');
  return (
    <>
      {ownRoles.includes('SUPPLIER') && <Menu.Item to={UBL_IMPORT_PATH} primaryText="Import UBL" leftIcon={<UploadFileIcon />} />}
      {ownRoles.includes('FINANCIER') && <Menu.Item to={MARKETPLACE_PATH} primaryText="Marketplace" leftIcon={<StorefrontIcon />} />}
      <Menu.Item to={BALANCES_PATH} primaryText="Balances" leftIcon={<AccountBalanceWalletIcon />} />
      {settlementAgent && <Menu.Item to={SETTLEMENT_AGENT_PATH} primaryText="Settlement agent" leftIcon={<AccountBalanceIcon />} />}
    </>
  );
};
