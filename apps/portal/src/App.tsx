import { Admin, CustomRoutes, Resource, reactRouterProvider } from 'react-admin';
import { anchorBatchResource } from './anchors';
import { auditResource } from './audit';
import { LoginPage } from './auth/login-page';
import { access } from './auth/roles';
import { billResource } from './bills';
import { StatusDashboard } from './dashboard/status-dashboard';
import { documentResource } from './documents';
import { HomePage } from './home';
import { MARKETPLACE_PATH, Marketplace } from './financing';
import { UBL_IMPORT_PATH, UblImportPage } from './import';
import { kycQueueResource } from './kyc';
import { AppLayout } from './layout/app-layout';
import { organizationResource } from './organizations';
import { PROJECTIONS_PATH, ProjectionsPage } from './projections';
import { authProvider } from './providers/auth-provider';
import { dataProvider } from './providers/data-provider';
import { queryClient } from './providers/query-client';
import { BALANCES_PATH, BalancesPage, SETTLEMENT_AGENT_PATH, SettlementAgentPage } from './settlement';
import { userResource } from './users';
import { VERIFY_PATH, VerifyPage } from './verify';
import { INVITE_PATH, InvitePage } from './invite';
import { POOL_CREATE_PATH, POOLS_PATH, PoolCreate, PoolList, PoolShow } from './pools';
import { DEALS_PATH, DealCreate, DealList, DealShow } from './deals';
import { MY_ORDERS_PATH, MyOrdersPage, OFFERINGS_PATH, OfferingsPage } from './offerings';
import { RunShow, SERVICING_PATH, ServicingPage } from './servicing';

const { Route } = reactRouterProvider;

export const App = () => (
  <Admin
    title="Tally"
    dataProvider={dataProvider}
    authProvider={authProvider}
    requireAuth
    // react-admin otherwise reports the portal's hostname to marmelab on first load.
    disableTelemetry
    dashboard={HomePage}
    layout={AppLayout}
    loginPage={LoginPage}
    queryClient={queryClient}
  >
    {/* Resources go here, one folder each (e.g. <Resource name="bills" {...bills} />). */}
    {/* Identity resources depend on the user's roles (permissions = roles from /auth/me), so the
        menu and the routes offer only what the API allows. */}
    {(permissions: unknown) => (
      <>
        <Resource name="bills" {...billResource} />
        <Resource name="organizations" {...organizationResource(permissions)} />
        {access.kycQueue(permissions) && <Resource name="kyc" {...kycQueueResource} />}
        {access.listUsers(permissions) && <Resource name="users" {...userResource(permissions)} />}
        <Resource name="audit" {...auditResource} />
        <Resource name="documents" {...documentResource} />
        <Resource name="anchors/batches" {...anchorBatchResource} />
      </>
    )}
    {/* The home page is per role (home/); the infrastructure status is the admin page at /status. */}
    <CustomRoutes>
      <Route path="/status" element={<StatusDashboard />} />
      <Route path={MARKETPLACE_PATH} element={<Marketplace />} />
      <Route path={BALANCES_PATH} element={<BalancesPage />} />
      <Route path={SETTLEMENT_AGENT_PATH} element={<SettlementAgentPage />} />
      <Route path={UBL_IMPORT_PATH} element={<UblImportPage />} />
      <Route path={PROJECTIONS_PATH} element={<ProjectionsPage />} />
      <Route path={POOLS_PATH} element={<PoolList />} />
      <Route path={POOL_CREATE_PATH} element={<PoolCreate />} />
      <Route path={`${POOLS_PATH}/:id`} element={<PoolShow />} />
      <Route path={`${POOLS_PATH}/:id/deal/create`} element={<DealCreate />} />
      <Route path={DEALS_PATH} element={<DealList />} />
      <Route path={`${DEALS_PATH}/:id`} element={<DealShow />} />
      <Route path={OFFERINGS_PATH} element={<OfferingsPage />} />
      <Route path={MY_ORDERS_PATH} element={<MyOrdersPage />} />
      <Route path={SERVICING_PATH} element={<ServicingPage />} />
      <Route path={`${SERVICING_PATH}/runs/:id`} element={<RunShow />} />
    </CustomRoutes>
    {/* Public: reachable without login (react-admin renders routes without layout whatever the auth state). */}
    <CustomRoutes noLayout>
      <Route path={VERIFY_PATH} element={<VerifyPage />} />
      <Route path={INVITE_PATH} element={<InvitePage />} />
    </CustomRoutes>
  </Admin>
);
