import { Box, Button, Card, CardContent, CardHeader, Stack, Typography } from '@mui/material';
import { Link, Show, useCreatePath, useRecordContext } from 'react-admin';
import type { Organization } from '../api/identity-types';
import { access, useRoles } from '../auth/roles';
import { ChipList } from '../common/chip-list';
import { formatDate, formatDateTime } from '../common/formatting';
import { KycDecisionButtons } from '../kyc/kyc-decision-buttons';
import { OrganizationUsers } from '../users/organization-users';
import { OrganizationWallets } from '../wallets/organization-wallets';
import { KycDocumentsCard } from './kyc-documents-card';
import { KycStateChip } from './kyc-state-chip';
import { EditProfileButton, ResubmitKycButton } from './organization-profile';
import { SubmitKycButton } from './submit-kyc-button';
import { Fact, NotFoundCard } from '../common/fact';

const cardTitle = { title: { variant: 'h6', component: 'h2' } } as const;

/**
 * One organization: details, KYC state, wallets (polled) and, for those who manage users, its
 * users. An id the caller may not see answers 404 like an unknown one; the page then shows only
 * a not-found state.
 */
export const OrganizationShow = () => (
  <Show component="div" actions={false} title={<OrganizationTitle />} error={<NotFoundCard title="Organization not found" backTo="organizations" backLabel="Back to organizations" testId="org-not-found" />}>
    <OrganizationPage />
  </Show>
);

const OrganizationTitle = () => {
  const organization = useRecordContext<Organization>();
  return <>{organization?.legalName ?? 'Organization'}</>;
};

const OrganizationPage = () => {
  const organization = useRecordContext<Organization>();
  const roles = useRoles();
  if (!organization) return null;
  return (
    <Stack spacing={2} sx={{ pb: 2 }} data-testid="org-page">
      <Typography variant="h5" component="h1" data-testid="org-legal-name">
        {organization.legalName}
      </Typography>
      <Box sx={{ display: 'grid', gap: 2, gridTemplateColumns: { xs: '1fr', md: 'repeat(2, minmax(0, 1fr))' } }}>
        <Card variant="outlined">
          <CardHeader title="Details" slotProps={cardTitle} />
          <CardContent sx={{ pt: 0 }}>
            <Fact label="LEI" testId="org-lei" mono>
              {organization.lei}
            </Fact>
            <Fact label="Country" testId="org-country">
              {organization.country}
            </Fact>
            <Fact label="Roles">
              <ChipList values={organization.roles} testId="org-roles" />
            </Fact>
            <Fact label="Peppol ids" testId="org-peppol-ids" mono>
              {organization.peppolIds.length ? organization.peppolIds.join(', ') : '—'}
            </Fact>
            <Fact label="VAT id" testId="org-vat-id" mono>
              {organization.vatId ?? '—'}
            </Fact>
            <Fact label="Created">{formatDateTime(organization.createdAt)}</Fact>
            {access.submitKyc(roles) && (
              <Box sx={{ mt: 2 }}>
                <EditProfileButton organization={organization} />
              </Box>
            )}
          </CardContent>
        </Card>
        <Card variant="outlined">
          <CardHeader title="KYC" slotProps={cardTitle} action={<KycStateChip state={organization.kycState} testId="org-kyc-state" />} />
          <CardContent sx={{ pt: 0 }}>
            <Fact label="Submitted">{formatDateTime(organization.kycSubmittedAt)}</Fact>
            <Fact label="Decided">{formatDateTime(organization.kycDecidedAt)}</Fact>
            <Fact label="Expires" testId="org-kyc-expires">
              {formatDate(organization.kycExpiresAt)}
            </Fact>
            <Fact label="Note" testId="org-kyc-note">
              {organization.kycNote ?? '—'}
            </Fact>
            <KycActions organization={organization} roles={roles} />
          </CardContent>
        </Card>
      </Box>
      <KycDocumentsCard organizationId={organization.id} canUpload={access.submitKyc(roles)} />
      <OrganizationWallets organizationId={organization.id} />
      {access.listUsers(roles) && <OrganizationUsers organizationId={organization.id} />}
    </Stack>
  );
};

const KycActions = ({ organization, roles }: { organization: Organization; roles: unknown }) => {
  const createPath = useCreatePath();
  if (organization.kycState === 'DRAFT' && access.submitKyc(roles)) {
    return (
      <Box sx={{ mt: 2 }}>
        <SubmitKycButton organization={organization} />
      </Box>
    );
  }
  if (organization.kycState === 'REJECTED' && access.submitKyc(roles)) {
    return (
      <Box sx={{ mt: 2 }}>
        <Typography variant="body2" color="text.secondary" sx={{ mb: 1 }}>
          Correct the profile and the KYC documents below, then submit the file again.
        </Typography>
        <ResubmitKycButton organization={organization} />
      </Box>
    );
  }
  if (organization.kycState === 'SUBMITTED' && access.decideKyc(roles)) {
    return (
      <Stack direction="row" spacing={1} sx={{ mt: 2, alignItems: 'center', flexWrap: 'wrap' }}>
        <KycDecisionButtons organization={organization} />
        <Button component={Link} to={createPath({ resource: 'kyc', type: 'list' })} size="small">
          Screening in the queue
        </Button>
      </Stack>
    );
  }
  return null;
};

