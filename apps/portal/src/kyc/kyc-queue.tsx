import { Alert, Box, Card, CardActions, CardContent, CardHeader, Link as MuiLink, Stack, Typography } from '@mui/material';
import { useQuery } from '@tanstack/react-query';
import { Link, Loading, RefreshButton, Title, TopToolbar, useCreatePath, useDataProvider } from 'react-admin';
import type { KycQueueItem } from '../api/identity-types';
import { access, useRoles } from '../auth/roles';
import { ChipList } from '../common/chip-list';
import { errorMessage, formatDateTime } from '../common/formatting';
import type { TallyDataProvider } from '../providers/data-provider';
import { KycDecisionButtons } from './kyc-decision-buttons';
import { ScreeningResult } from './screening-result';

/**
 * The KYC review queue: every SUBMITTED organization with its screening result. KYC officers
 * approve or reject here and record false positives; platform admins and auditors read.
 */
export const KycQueue = () => {
  const dataProvider = useDataProvider<TallyDataProvider>();
  const roles = useRoles();
  const { data, error, isPending } = useQuery({
    // Under the resource's key, so react-admin's refresh (after a decision) refetches it.
    queryKey: ['kyc', 'queue'],
    queryFn: ({ signal }) => dataProvider.getKycQueue({ signal }),
  });

  return (
    <Box sx={{ pb: 2 }}>
      <Title title="KYC review queue" />
      <TopToolbar>
        <RefreshButton />
      </TopToolbar>
      {error ? (
        <Alert severity="error" data-testid="kyc-queue-error">
          Cannot load the queue: {errorMessage(error)}
        </Alert>
      ) : isPending ? (
        <Loading />
      ) : data.length === 0 ? (
        <Alert severity="info" data-testid="kyc-queue-empty">
          No organization is waiting for a KYC decision.
        </Alert>
      ) : (
        <Stack spacing={2} data-testid="kyc-queue">
          {data.map((item) => (
            <KycQueueCard key={item.organization.id} item={item} canDecide={access.decideKyc(roles)} />
          ))}
        </Stack>
      )}
    </Box>
  );
};

const KycQueueCard = ({ item, canDecide }: { item: KycQueueItem; canDecide: boolean }) => {
  const { organization, screening } = item;
  const createPath = useCreatePath();
  return (
    <Card variant="outlined" data-testid={`kyc-item-${organization.id}`}>
      <CardHeader
        title={
          <MuiLink
            component={Link}
            to={createPath({ resource: 'organizations', type: 'show', id: organization.id })}
            underline="hover"
            data-testid={`kyc-org-link-${organization.id}`}
          >
            {organization.legalName}
          </MuiLink>
        }
        slotProps={{ title: { variant: 'h6', component: 'h2' } }}
        subheader={
          <Typography variant="body2" color="text.secondary" component="span">
            LEI <span style={{ fontFamily: 'monospace' }}>{organization.lei}</span> · {organization.country} · submitted{' '}
            {formatDateTime(organization.kycSubmittedAt)}
          </Typography>
        }
        action={<ChipList values={organization.roles} />}
      />
      <CardContent sx={{ pt: 0 }}>
        <ScreeningResult organization={organization} screening={screening} canDecide={canDecide} />
      </CardContent>
      {canDecide && (
        <CardActions sx={{ px: 2, pb: 2 }}>
          <KycDecisionButtons organization={organization} />
        </CardActions>
      )}
    </Card>
  );
};
