import { Chip } from '@mui/material';
import type { AnchorBatchRecord } from '../documents/document-types';

const COLOR = { SEALED: 'info', ANCHORED: 'success', FAILED: 'error' } as const;

export const AnchorBatchStatusChip = ({ status, testId }: { status: AnchorBatchRecord['status']; testId?: string }) => (
  <Chip size="small" color={COLOR[status]} label={status.toLowerCase()} data-testid={testId} />
);
