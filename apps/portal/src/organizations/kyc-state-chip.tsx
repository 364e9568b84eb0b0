import { Chip, type ChipProps } from '@mui/material';
import type { KycState } from '../api/identity-types';

const COLOR: Record<KycState, ChipProps['color']> = {
  DRAFT: 'default',
  SUBMITTED: 'info',
  APPROVED: 'success',
  REJECTED: 'error',
  SUSPENDED: 'warning',
  EXPIRED: 'warning',
};

/** The KYC state of an organization; the chip's text is the bare state (tests read it). */
export const KycStateChip = ({ state, testId }: { state: KycState; testId?: string }) => (
  <Chip size="small" label={state} color={COLOR[state] ?? 'default'} data-testid={testId} />
);
