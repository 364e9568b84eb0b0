import AccountTreeIcon from '@mui/icons-material/AccountTree';
import InventoryIcon from '@mui/icons-material/Inventory2';
import RequestQuoteIcon from '@mui/icons-material/RequestQuote';
import SellIcon from '@mui/icons-material/Sell';
import SummarizeIcon from '@mui/icons-material/Summarize';
import { Menu } from 'react-admin';
import { useOrganizationDirectory } from '../bills/organization-directory';
import { DEALS_PATH } from '../deals/deal-paths';
import { MY_ORDERS_PATH, OFFERINGS_PATH } from '../offerings';
import { SERVICING_PATH } from '../servicing/servicing-paths';
import { POOLS_PATH } from './pool-paths';

/**
 * Securitization entries by the business roles of the user's organization: originators and
 * financiers build pools and deals; investors see the offerings and their orders; servicers,
 * trustees and investors the period runs and investor reports.
 */
export const SecuritizationMenuItems = () => {
  const { ownRoles } = useOrganizationDirectory();
  const originator = ownRoles.includes('ORIGINATOR') || ownRoles.includes('FINANCIER');
  const investor = ownRoles.includes('INVESTOR');
  const servicing = investor || ownRoles.includes('SERVICER') || ownRoles.includes('TRUSTEE');
  return (
    <>
      {originator && <Menu.Item to={POOLS_PATH} primaryText="Pools" leftIcon={<InventoryIcon />} data-testid="menu-pools" />}
      {originator && <Menu.Item to={DEALS_PATH} primaryText="Deals" leftIcon={<AccountTreeIcon />} data-testid="menu-deals" />}
      {investor && <Menu.Item to={OFFERINGS_PATH} primaryText="Offerings" leftIcon={<SellIcon />} data-testid="menu-offerings" />}
      {investor && <Menu.Item to={MY_ORDERS_PATH} primaryText="My orders" leftIcon={<RequestQuoteIcon />} data-testid="menu-my-orders" />}
      {servicing && <Menu.Item to={SERVICING_PATH} primaryText="Servicing reports" leftIcon={<SummarizeIcon />} data-testid="menu-servicing" />}
    </>
  );
};
