import MonitorHeartIcon from '@mui/icons-material/MonitorHeart';
import ShowChartIcon from '@mui/icons-material/ShowChart';
import VerifiedIcon from '@mui/icons-material/Verified';
import { Menu } from 'react-admin';
import { TradeMenuItems } from '../bills';
import { PROJECTIONS_PATH } from '../projections';
import { VERIFY_PATH } from '../verify';

/** Status first, then one entry per registered resource, then the trade pages that are not resources. */
export const AppMenu = () => (
  <Menu>
    <Menu.DashboardItem primaryText="Status" leftIcon={<MonitorHeartIcon />} />
    <Menu.ResourceItems />
    <TradeMenuItems />
    <Menu.Item to={PROJECTIONS_PATH} primaryText="Projections" leftIcon={<ShowChartIcon />} />
    <Menu.Item to={VERIFY_PATH} primaryText="Verify a document" leftIcon={<VerifiedIcon />} />
  </Menu>
);
