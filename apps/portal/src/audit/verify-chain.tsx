import { useState } from 'react';
import { Alert, Box, Button } from '@mui/material';
import LinkIcon from '@mui/icons-material/Link';
import { useMutation } from '@tanstack/react-query';
import { useDataProvider } from 'react-admin';
import type { AuditVerification } from '../api/identity-types';
import { errorMessage, shortHash } from '../common/formatting';
import type { TallyDataProvider } from '../providers/data-provider';

/**
 * "Verify chain": the API recomputes every hash of the audit log and names the first broken
 * link. The answer stays on screen (`audit-verify-result`, `data-ok="true|false"`).
 */
export const VerifyChain = () => {
  const dataProvider = useDataProvider<TallyDataProvider>();
  const [result, setResult] = useState<AuditVerification | null>(null);
  const verify = useMutation({
    mutationFn: () => dataProvider.verifyAuditChain(),
    onSuccess: setResult,
    onMutate: () => setResult(null),
  });

  return (
    <Box sx={{ display: 'flex', gap: 2, alignItems: 'center', flexWrap: 'wrap', p: 2, pb: 0 }}>
      <Button
        variant="outlined"
        startIcon={<LinkIcon />}
        onClick={() => verify.mutate()}
        disabled={verify.isPending}
        data-testid="audit-verify"
      >
        {verify.isPending ? 'Verifying…' : 'Verify chain'}
      </Button>
      {verify.error && (
        <Alert severity="error" data-testid="audit-verify-error">
          Verification failed: {errorMessage(verify.error)}
        </Alert>
      )}
      {result &&
        (result.ok ? (
          <Alert severity="success" data-testid="audit-verify-result" data-ok="true">
            Chain intact: {result.rows} rows, head <code title={result.headHash}>{shortHash(result.headHash)}</code>
          </Alert>
        ) : (
          <Alert severity="error" data-testid="audit-verify-result" data-ok="false">
            Chain broken at entry #{result.firstBroken?.seq ?? '?'}: {result.firstBroken?.reason ?? 'unknown reason'}
            {` (${result.rows} rows checked)`}
          </Alert>
        ))}
    </Box>
  );
};
