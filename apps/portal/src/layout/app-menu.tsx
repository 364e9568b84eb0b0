import HomeIcon from '@mui/icons-material/Home';
import MonitorHeartIcon from '@mui/icons-material/MonitorHeart';
import ShowChartIcon from '@mui/icons-material/ShowChart';
import VerifiedIcon from '@mui/icons-material/Verified';
import { Menu } from 'react-admin';
import { hasRole, useRoles } from '../auth/roles';
import { TradeMenuItems } from '../bills';
import { SecuritizationMenuItems } from '../pools/securitization-menu-items';
import { PROJECTIONS_PATH } from '../projections';
import { VERIFY_PATH } from '../verify';

/** Home first, then one entry per registered resource, the trade pages that are not resources, and the status (admin) page for platform roles. */
export const AppMenu = () => {
  const platform = hasRole(useRoles(), 'PLATFORM_ADMIN', 'KYC_OFFICER', 'AUDITOR');
  return (
    <Menu>
      <Menu.DashboardItem primaryText="Home" leftIcon={<HomeIcon />} />
      <Menu.ResourceItems />
      <TradeMenuItems />
      <SecuritizationMenuItems />
      <Menu.Item to={PROJECTIONS_PATH} primaryText="Projections" leftIcon={<ShowChartIcon />} />
      <Menu.Item to={VERIFY_PATH} primaryText="Verify a document" leftIcon={<VerifiedIcon />} />
      {platform && <Menu.Item to="/status" primaryText="Status" leftIcon={<MonitorHeartIcon />} />}
    </Menu>
  );
};
