import { Chip } from '@mui/material';
import type { AnchoringState } from './document-types';

const COLOR = { PENDING: 'default', SEALED: 'info', ANCHORED: 'success' } as const;
const LABEL = { PENDING: 'waiting for a batch', SEALED: 'sealed, confirming', ANCHORED: 'anchored' } as const;

/** Where a document's hash is on its way to the chain. */
export const AnchoringChip = ({ state, testId }: { state: AnchoringState; testId?: string }) => (
  <Chip size="small" color={COLOR[state]} label={LABEL[state]} data-testid={testId} data-state={state} />
);
