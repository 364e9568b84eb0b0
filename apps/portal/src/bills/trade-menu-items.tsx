import AccountBalanceWalletIcon from '@mui/icons-material/AccountBalanceWallet';
import StorefrontIcon from '@mui/icons-material/Storefront';
import UploadFileIcon from '@mui/icons-material/UploadFile';
import { Menu } from 'react-admin';
import { MARKETPLACE_PATH } from '../financing';
import { UBL_IMPORT_PATH } from '../import';
import { BALANCES_PATH } from '../settlement';
import { useOrganizationDirectory } from './organization-directory';

/**
 * Menu entries of the trade pages that are not resources, by the business roles of the user's
 * organization: the marketplace for financiers, the UBL import for suppliers, balances for all.
 */
export const TradeMenuItems = () => {
  const { ownRoles } = useOrganizationDirectory();
  return (
    <>
      {ownRoles.includes('SUPPLIER') && <Menu.Item to={UBL_IMPORT_PATH} primaryText="Import UBL" leftIcon={<UploadFileIcon />} />}
      {ownRoles.includes('FINANCIER') && <Menu.Item to={MARKETPLACE_PATH} primaryText="Marketplace" leftIcon={<StorefrontIcon />} />}
      <Menu.Item to={BALANCES_PATH} primaryText="Balances" leftIcon={<AccountBalanceWalletIcon />} />
    </>
  );
};
