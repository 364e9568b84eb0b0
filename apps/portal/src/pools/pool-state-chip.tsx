import { Chip } from '@mui/material';

/** OPEN (bills can be added) or LOCKED (cut off: the tape is frozen and anchored). */
export const PoolStateChip = ({ state }: { state: string }) => (
  <Chip
    size="small"
    label={state === 'LOCKED' ? 'cut off' : state.toLowerCase()}
    color={state === 'LOCKED' ? 'primary' : 'default'}
    data-testid="pool-state"
    data-state={state}
  />
);
