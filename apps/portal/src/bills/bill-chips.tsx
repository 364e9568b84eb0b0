import { Chip, CircularProgress, type ChipProps } from '@mui/material';
import { UNENCUMBERED, type BillState, type Encumbrance } from './bill-types';

const STATE_COLOR: Record<BillState, ChipProps['color']> = {
  DRAFT: 'default',
  ISSUED: 'info',
  ACCEPTED: 'primary',
  PAID: 'success',
  OVERDUE: 'warning',
  DEFAULTED: 'error',
  CANCELLED: 'default',
};

const ENCUMBRANCE_COLOR: Record<Encumbrance, ChipProps['color']> = {
  NONE: 'default',
  FINANCED: 'secondary',
  PLEDGED: 'warning',
  POOLED: 'warning',
};

/** The state of a bill; the chip's text is the bare state (tests read it). */
export const BillStateChip = ({ state, testId }: { state: BillState; testId?: string }) => (
  <Chip size="small" label={state} color={STATE_COLOR[state] ?? 'default'} data-testid={testId} />
);

/** Financed, pledged or pooled; an unencumbered bill as an outlined chip. */
export const EncumbranceChip = ({ encumbrance, testId }: { encumbrance: Encumbrance; testId?: string }) => (
  <Chip
    size="small"
    label={encumbrance}
    variant={encumbrance === UNENCUMBERED ? 'outlined' : 'filled'}
    color={ENCUMBRANCE_COLOR[encumbrance] ?? 'default'}
    data-testid={testId}
  />
);

/** An on-chain action the outbox has not confirmed yet (`data-action` holds it). */
export const SettlingChip = ({ action, testId }: { action: string; testId?: string }) => (
  <Chip
    size="small"
    color="info"
    variant="outlined"
    icon={<CircularProgress size={12} thickness={6} color="inherit" />}
    label={`settling on chain: ${action}`}
    data-testid={testId}
    data-action={action}
  />
);
