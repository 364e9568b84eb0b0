import MonitorHeartIcon from '@mui/icons-material/MonitorHeart';
import { Menu } from 'react-admin';

/** Status first, then one entry per registered resource. */
export const AppMenu = () => (
  <Menu>
    <Menu.DashboardItem primaryText="Status" leftIcon={<MonitorHeartIcon />} />
    <Menu.ResourceItems />
  </Menu>
);
