import { Admin, CustomRoutes, reactRouterProvider } from 'react-admin';
import { LoginPage } from './auth/login-page';
import { StatusDashboard } from './dashboard/status-dashboard';
import { AppLayout } from './layout/app-layout';
import { authProvider } from './providers/auth-provider';
import { dataProvider } from './providers/data-provider';

const { Route } = reactRouterProvider;

export const App = () => (
  <Admin
    title="Tally"
    dataProvider={dataProvider}
    authProvider={authProvider}
    requireAuth
    // react-admin otherwise reports the portal's hostname to marmelab on first load.
    disableTelemetry
    dashboard={StatusDashboard}
    layout={AppLayout}
    loginPage={LoginPage}
  >
    {/* Resources go here, one folder each (e.g. <Resource name="bills" {...bills} />). */}
    {/* react-admin shows its "welcome" page when it has neither resources nor routes; this
        route also gives the status page a name to link to. */}
    <CustomRoutes>
      <Route path="/status" element={<StatusDashboard />} />
    </CustomRoutes>
  </Admin>
);
