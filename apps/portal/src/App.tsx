import { Admin, CustomRoutes, Resource, reactRouterProvider } from 'react-admin';
import { auditResource } from './audit';
import { LoginPage } from './auth/login-page';
import { access } from './auth/roles';
import { StatusDashboard } from './dashboard/status-dashboard';
import { kycQueueResource } from './kyc';
import { AppLayout } from './layout/app-layout';
import { organizationResource } from './organizations';
import { authProvider } from './providers/auth-provider';
import { dataProvider } from './providers/data-provider';
import { queryClient } from './providers/query-client';
import { userResource } from './users';

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
    queryClient={queryClient}
  >
    {/* Resources go here, one folder each (e.g. <Resource name="bills" {...bills} />). */}
    {/* Identity resources depend on the user's roles (permissions = roles from /auth/me), so the
        menu and the routes offer only what the API allows. */}
    {(permissions: unknown) => (
      <>
        <Resource name="organizations" {...organizationResource(permissions)} />
        {access.kycQueue(permissions) && <Resource name="kyc" {...kycQueueResource} />}
        {access.listUsers(permissions) && <Resource name="users" {...userResource(permissions)} />}
        <Resource name="audit" {...auditResource} />
      </>
    )}
    {/* react-admin shows its "welcome" page when it has neither resources nor routes; this
        route also gives the status page a name to link to. */}
    <CustomRoutes>
      <Route path="/status" element={<StatusDashboard />} />
    </CustomRoutes>
  </Admin>
);
