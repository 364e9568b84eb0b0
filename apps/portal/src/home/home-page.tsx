import type { ReactNode } from 'react';
import { Alert, Box, Card, CardContent, CardHeader, Chip, List, ListItem, ListItemText, Typography } from '@mui/material';
import { useQueries, useQuery } from '@tanstack/react-query';
import { Link, Loading, Title, useDataProvider } from 'react-admin';
import type { Organization } from '../api/identity-types';
import { hasRole, useRoles } from '../auth/roles';
import type { Bill, Offer } from '../bills/bill-types';
import { formatMoney } from '../bills/money';
import { useOrganizationDirectory } from '../bills/organization-directory';
import { describeDue } from '../bills/payment-timing.util';
import { formatDate } from '../common/formatting';
import { NO_SORT } from '../common/list-defaults';
import { StatusDashboard } from '../dashboard/status-dashboard';
import type { TallyDataProvider } from '../providers/data-provider';
import { SETTLEMENT_AGENT_PATH } from '../settlement';
import { AmountBarChart, ForecastChart } from './home-charts';
import { ageing, cashForecast, daysToDue, exposureByBuyer, isOpen, mainCurrency, sum, todayUtc } from './home-figures.util';
import { InvestorPortfolioCard, PortfolioYieldCard } from './portfolio-cards';

/** Bills read for the home page: the API's largest page. */
const BILL_PAGE = 200;
/** Offers are looked up for at most this many bills awaiting financing. */
const OFFER_LOOKUPS = 20;
const POLL_MS = 5_000;

/**
 * The home page, per role: platform users get their queues and the infrastructure status (the
 * admin page, also at `/status`); participants get their to-dos (bills awaiting their
 * acceptance, offers to review, maturities this week, their own KYC), key figures and charts,
 * a financier's portfolio yield, an investor's holdings and distributions.
 *
 * Test ids: `home`, `todo-accept`, `todo-offers`, `todo-maturities`, `todo-kyc`, `todo-none`,
 * `figure-<name>`, `chart-ageing`, `chart-exposure`, `chart-forecast`; financiers `figure-portfolio-yield`,
 * investors `investor-portfolio` (see portfolio-cards.tsx).
 */
export const HomePage = () => {
  const roles = useRoles();
  if (roles === undefined) return <Loading />;
  return hasRole(roles, 'PLATFORM_ADMIN', 'KYC_OFFICER', 'AUDITOR') ? <PlatformHome roles={roles} /> : <ParticipantHome />;
};

const PlatformHome = ({ roles }: { roles: unknown }) => {
  const dataProvider = useDataProvider<TallyDataProvider>();
  const { data: queue } = useQuery({
    queryKey: ['kyc', 'queue', 'home'],
    queryFn: ({ signal }) => dataProvider.getKycQueue({ signal }),
    refetchInterval: POLL_MS,
  });
  return (
    <Box sx={{ py: 2 }} data-testid="home">
      <Title title="Home" />
      <Box sx={{ display: 'grid', gap: 2, gridTemplateColumns: { xs: '1fr', md: 'repeat(2, minmax(0, 1fr))' }, mb: 2 }}>
        <TodoCard title="KYC cases" testId="todo-kyc" empty="No organization is waiting for a KYC decision." items={(queue ?? []).map((item) => ({
          key: item.organization.id,
          primary: <Link to={`/organizations/${item.organization.id}/show`}>{item.organization.legalName}</Link>,
          secondary: `submitted, screening ${item.screening?.status ?? 'not run'}`,
        }))} />
        {hasRole(roles, 'PLATFORM_ADMIN') && (
          <Card variant="outlined">
            <CardHeader title="Settlement agent" slotProps={{ title: { variant: 'h6', component: 'h2' } }} />
            <CardContent sx={{ pt: 0 }}>
              <Typography variant="body2">
                Record deposits and withdrawals on the <Link to={SETTLEMENT_AGENT_PATH}>settlement agent page</Link>.
              </Typography>
            </CardContent>
          </Card>
        )}
      </Box>
      <StatusDashboard />
    </Box>
  );
};

const ParticipantHome = () => {
  const dataProvider = useDataProvider<TallyDataProvider>();
  const directory = useOrganizationDirectory();
  const own = directory.ownOrganizationId;
  const today = todayUtc();
  const bills = useQuery({
    queryKey: ['bills', 'home'],
    queryFn: async ({ signal }) =>
      (await dataProvider.getList<Bill>('bills', { pagination: { page: 1, perPage: BILL_PAGE }, sort: NO_SORT, filter: {}, signal })).data,
    refetchInterval: POLL_MS,
    enabled: own !== undefined,
  });
  const organization = useQuery({
    queryKey: ['organizations', 'home', own],
    queryFn: async ({ signal }) => (await dataProvider.getOne<Organization>('organizations', { id: own!, signal })).data,
    enabled: own !== undefined,
  });
  const all = (bills.data ?? []).filter(isOpen);
  const held = all.filter((bill) => bill.holderOrganizationId === own && bill.state !== 'ISSUED');
  const payable = all.filter((bill) => bill.buyerOrganizationId === own && bill.state !== 'ISSUED');
  const toAccept = all.filter((bill) => bill.buyerOrganizationId === own && bill.state === 'ISSUED' && bill.pendingAction === null);
  const financeable = held.filter((bill) => bill.state === 'ACCEPTED' && bill.encumbrance === 'NONE' && daysToDue(bill, today) > 0).slice(0, OFFER_LOOKUPS);
  const offers = useQueries({
    queries: financeable.map((bill) => ({
      queryKey: ['bills', 'home', 'offers', bill.id],
      queryFn: ({ signal }: { signal: AbortSignal }) => dataProvider.getBillOffers(bill.id, { signal }),
      refetchInterval: POLL_MS,
    })),
  });
  const withOffers = financeable
    .map((bill, i) => ({ bill, open: (offers[i]?.data ?? []).filter((offer: Offer) => offer.state === 'OPEN') }))
    .filter((row) => row.open.length > 0);
  const dueSoon = [...held, ...payable]
    .filter((bill, i, list) => list.findIndex((other) => other.id === bill.id) === i)
    .filter((bill) => daysToDue(bill, today) <= 7)
    .sort((a, b) => (a.dueDate < b.dueDate ? -1 : a.dueDate > b.dueDate ? 1 : 0));
  const kycState = organization.data?.kycState;
  const orgRoles: readonly string[] = organization.data?.roles ?? [];

  if (bills.isPending) return <Loading />;
  const currency = mainCurrency(held.length ? held : payable);
  const inCurrency = (list: Bill[]) => list.filter((bill) => bill.currency === currency);

  return (
    <Box sx={{ py: 2 }} data-testid="home">
      <Title title="Home" />
      {bills.error && <Alert severity="error">Cannot load the bills: {bills.error.message}</Alert>}
      <Box sx={{ display: 'grid', gap: 2, gridTemplateColumns: { xs: '1fr', md: 'repeat(2, minmax(0, 1fr))' }, mb: 2 }}>
        <TodoCard
          title="Bills awaiting your acceptance"
          testId="todo-accept"
          empty="No bill is waiting for your acceptance."
          items={toAccept.map((bill) => ({
            key: bill.id,
            primary: <BillLink bill={bill} />,
            secondary: `${formatMoney(bill.faceAmountMinor, bill.currency)} from ${bill.supplierName ?? 'a supplier'}, due ${formatDate(bill.dueDate)}`,
          }))}
        />
        <TodoCard
          title="Offers to review"
          testId="todo-offers"
          empty="No open offer on your bills."
          items={withOffers.map(({ bill, open }) => ({
            key: bill.id,
            primary: <BillLink bill={bill} />,
            secondary: `${open.length} open ${open.length === 1 ? 'offer' : 'offers'}, best net ${formatMoney(
              open.map((offer) => BigInt(offer.netProceedsMinor)).reduce((a, b) => (a > b ? a : b)),
              bill.currency,
            )}`,
          }))}
        />
        <TodoCard
          title="Maturities this week"
          testId="todo-maturities"
          empty="Nothing falls due in the next 7 days."
          items={dueSoon.map((bill) => ({
            key: bill.id,
            primary: <BillLink bill={bill} />,
            secondary: `${bill.buyerOrganizationId === own ? 'you pay' : 'you receive'} ${formatMoney(bill.faceAmountMinor, bill.currency)}, ${describeDue(daysToDue(bill, today))}`,
          }))}
        />
        <TodoCard
          title="Your organization"
          testId="todo-kyc"
          empty={kycState ? `KYC ${kycState.toLowerCase()}: nothing to do.` : '…'}
          items={
            kycState && kycState !== 'APPROVED'
              ? [{ key: 'kyc', primary: <Link to={`/organizations/${own}/show`}>Complete your KYC file</Link>, secondary: `KYC ${kycState.toLowerCase()}` }]
              : []
          }
        />
      </Box>

      <Box sx={{ display: 'grid', gap: 2, gridTemplateColumns: { xs: 'repeat(2, minmax(0, 1fr))', md: 'repeat(4, minmax(0, 1fr))' }, mb: 2 }}>
        <Figure label="Receivables held" testId="figure-receivables" value={formatMoney(sum(inCurrency(held)), currency)} note={`${held.length} ${held.length === 1 ? 'bill' : 'bills'}`} />
        <Figure label="Payables" testId="figure-payables" value={formatMoney(sum(inCurrency(payable)), currency)} note={`${payable.length} ${payable.length === 1 ? 'bill' : 'bills'}`} />
        <Figure label="Overdue held" testId="figure-overdue" value={formatMoney(sum(inCurrency(held.filter((bill) => daysToDue(bill, today) < 0))), currency)} />
        <Figure label="Due in 30 days" testId="figure-due-30" value={formatMoney(sum(inCurrency(held.filter((bill) => daysToDue(bill, today) <= 30))), currency)} />
        {orgRoles.includes('FINANCIER') && <PortfolioYieldCard />}
      </Box>

      {orgRoles.includes('INVESTOR') && own && <InvestorPortfolioCard organizationId={own} />}

      <Box sx={{ display: 'grid', gap: 2, gridTemplateColumns: { xs: '1fr', lg: 'repeat(3, minmax(0, 1fr))' } }}>
        <ChartCard title={`Ageing of receivables (${currency})`} testId="chart-ageing">
          <AmountBarChart rows={ageing(inCurrency(held), today)} currency={currency} />
        </ChartCard>
        <ChartCard title={`Exposure per buyer (${currency})`} testId="chart-exposure">
          <AmountBarChart rows={exposureByBuyer(inCurrency(held))} currency={currency} />
        </ChartCard>
        <ChartCard title={`Cash forecast by due month (${currency})`} testId="chart-forecast">
          <ForecastChart rows={cashForecast(inCurrency(held), inCurrency(payable), today)} currency={currency} />
        </ChartCard>
      </Box>
    </Box>
  );
};

const BillLink = ({ bill }: { bill: Bill }) => <Link to={`/bills/${bill.id}/show`}>{bill.invoiceNumber}</Link>;

interface TodoItem {
  key: string;
  primary: ReactNode;
  secondary: string;
}

const TodoCard = ({ title, testId, empty, items }: { title: string; testId: string; empty: string; items: TodoItem[] }) => (
  <Card variant="outlined" data-testid={testId} data-count={items.length}>
    <CardHeader
      title={title}
      slotProps={{ title: { variant: 'h6', component: 'h2' } }}
      action={items.length > 0 && <Chip size="small" color="primary" label={items.length} />}
    />
    <CardContent sx={{ pt: 0 }}>
      {items.length === 0 ? (
        <Typography variant="body2" color="text.secondary">
          {empty}
        </Typography>
      ) : (
        <List dense disablePadding>
          {items.map((item) => (
            <ListItem key={item.key} disableGutters>
              <ListItemText primary={item.primary} secondary={item.secondary} />
            </ListItem>
          ))}
        </List>
      )}
    </CardContent>
  </Card>
);

const Figure = ({ label, value, note, testId }: { label: string; value: string; note?: string; testId: string }) => (
  <Card variant="outlined">
    <CardContent>
      <Typography variant="caption" color="text.secondary">
        {label}
      </Typography>
      <Typography variant="h6" component="p" sx={{ fontVariantNumeric: 'tabular-nums', overflowWrap: 'anywhere' }} data-testid={testId}>
        {value}
      </Typography>
      {note && (
        <Typography variant="caption" color="text.secondary">
          {note}
        </Typography>
      )}
    </CardContent>
  </Card>
);

const ChartCard = ({ title, testId, children }: { title: string; testId: string; children: ReactNode }) => (
  <Card variant="outlined" data-testid={testId} sx={{ minWidth: 0 }}>
    <CardHeader title={title} slotProps={{ title: { variant: 'subtitle1', component: 'h2' } }} />
    <CardContent sx={{ pt: 0 }}>{children}</CardContent>
  </Card>
);
