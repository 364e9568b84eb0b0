import { Chip } from '@mui/material';

const COLORS: Record<string, 'default' | 'info' | 'success' | 'warning' | 'error'> = {
  PROPOSED: 'warning',
  APPROVED: 'info',
  DISTRIBUTING: 'info',
  DISTRIBUTED: 'success',
  REJECTED: 'error',
};

/** A period run's state (`data-state` carries the API's value). */
export const RunStateChip = ({ state }: { state: string }) => (
  <Chip size="small" label={state.toLowerCase()} color={COLORS[state] ?? 'default'} data-testid="run-state" data-state={state} />
);
