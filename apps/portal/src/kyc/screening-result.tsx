import { useState } from 'react';
import {
  Alert,
  Box,
  Button,
  Chip,
  Stack,
  Table,
  TableBody,
  TableCell,
  TableHead,
  TableRow,
  Typography,
  type ChipProps,
} from '@mui/material';
import type { Organization, Screening, ScreeningHit, ScreeningStatus } from '../api/identity-types';
import { formatDateTime, shortHash } from '../common/formatting';
import { FalsePositiveDialog, formatScore } from './kyc-dialogs';

const STATUS_COLOR: Record<ScreeningStatus, ChipProps['color']> = {
  NOT_RUN: 'default',
  CLEAR: 'success',
  HIT: 'error',
  CLEARED: 'info',
};

/**
 * The latest sanctions screening of an organization: its status and every hit, each either open
 * (blocks approval) or recorded as a false positive with the officer's reason.
 */
export const ScreeningResult = ({
  organization,
  screening,
  canDecide,
}: {
  organization: Organization;
  screening: Screening;
  /** KYC officers may record false positives. */
  canDecide: boolean;
}) => {
  const [hitInDialog, setHitInDialog] = useState<ScreeningHit | null>(null);
  const openHits = screening.hits.filter((hit) => !hit.cleared).length;

  return (
    <Box data-testid={`kyc-screening-${organization.id}`}>
      <Stack direction="row" spacing={1} sx={{ alignItems: 'center', flexWrap: 'wrap', mb: 1 }}>
        <Typography variant="subtitle2">Sanctions screening</Typography>
        <Chip
          size="small"
          label={screening.status}
          color={STATUS_COLOR[screening.status]}
          data-testid={`kyc-screening-status-${organization.id}`}
        />
        <Typography variant="caption" color="text.secondary">
          {screening.runAt ? `run ${formatDateTime(screening.runAt)}` : 'not run yet'}
          {screening.threshold !== null && ` · threshold ${formatScore(screening.threshold)}`}
          {screening.listSha256 && <span title={screening.listSha256}> · list {shortHash(screening.listSha256, 8, 4)}</span>}
        </Typography>
      </Stack>

      {openHits > 0 && (
        <Alert severity="error" sx={{ mb: 1 }}>
          {openHits} open {openHits === 1 ? 'hit blocks' : 'hits block'} approval until each is recorded as a false positive.
        </Alert>
      )}

      {screening.hits.length > 0 && (
        <Box sx={{ overflowX: 'auto' }}>
          <Table size="small">
            <TableHead>
              <TableRow>
                <TableCell>Matched name</TableCell>
                <TableCell>List</TableCell>
                <TableCell>Country</TableCell>
                <TableCell align="right">Score</TableCell>
                <TableCell>Decision</TableCell>
                <TableCell />
              </TableRow>
            </TableHead>
            <TableBody>
              {screening.hits.map((hit) => (
                <TableRow key={hit.hitId} data-testid={`kyc-hit-${hit.hitId}`}>
                  <TableCell>
                    {hit.matchedName}
                    {hit.queryName !== organization.legalName && (
                      <Typography variant="caption" color="text.secondary" component="div">
                        for “{hit.queryName}”
                      </Typography>
                    )}
                  </TableCell>
                  <TableCell>{hit.listName}</TableCell>
                  <TableCell>{hit.country ?? '—'}</TableCell>
                  <TableCell align="right" sx={{ fontVariantNumeric: 'tabular-nums' }}>
                    {formatScore(hit.score)}
                  </TableCell>
                  <TableCell data-testid={`kyc-hit-cleared-${hit.hitId}`}>
                    {hit.cleared ? (
                      <Chip size="small" color="info" label="False positive" title={hit.clearedReason ?? undefined} />
                    ) : (
                      <Chip size="small" color="error" variant="outlined" label="Open" />
                    )}
                    {hit.cleared && hit.clearedReason && (
                      <Typography variant="caption" color="text.secondary" component="div">
                        {hit.clearedReason}
                      </Typography>
                    )}
                  </TableCell>
                  <TableCell align="right">
                    {canDecide && !hit.cleared && (
                      <Button size="small" onClick={() => setHitInDialog(hit)} data-testid={`kyc-false-positive-${hit.hitId}`}>
                        Record false positive
                      </Button>
                    )}
                  </TableCell>
                </TableRow>
              ))}
            </TableBody>
          </Table>
        </Box>
      )}

      {hitInDialog && <FalsePositiveDialog organization={organization} hit={hitInDialog} open onClose={() => setHitInDialog(null)} />}
    </Box>
  );
};
