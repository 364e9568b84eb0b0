import { Alert, Box, Button, Card, CardContent, Stack, TextField, Typography } from '@mui/material';
import { useState } from 'react';
import { useDataProvider } from 'react-admin';
import { errorMessage, shortHash } from '../common/formatting';
import type { TallyDataProvider } from '../providers/data-provider';
import { checkAssetProof, type ProofCheck } from './asset-proof.util';
import type { AssetProof, PoolAsset } from './pools-api';

/**
 * Proof lookup for one asset of a cut-off pool: the inclusion proof under the anchored tape
 * root, checked here in the browser (the values hash to the leaf, the path leads to the root)
 * and the anchoring transaction's state as the platform reports it. `tally verify-asset` checks
 * the same file against any node without the platform.
 *
 * Test ids: `pool-proof`, `pool-proof-asset` (select), `pool-proof-lookup`, `pool-proof-result`
 * (`data-verified`), `pool-proof-anchor`.
 */
export const AssetProofPanel = ({ poolId, assets }: { poolId: string; assets: PoolAsset[] }) => {
  const dataProvider = useDataProvider<TallyDataProvider>();
  const [billId, setBillId] = useState(assets[0]?.billId ?? '');
  const [found, setFound] = useState<{ proof: AssetProof; check: ProofCheck; invoice: string } | null>(null);
  const [failure, setFailure] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const lookup = async () => {
    setBusy(true);
    setFailure(null);
    setFound(null);
    try {
      const proof = await dataProvider.getAssetProof(poolId, billId);
      setFound({ proof, check: checkAssetProof(proof), invoice: assets.find((a) => a.billId === billId)?.invoiceNumber ?? '' });
    } catch (error) {
      setFailure(errorMessage(error));
    } finally {
      setBusy(false);
    }
  };

  const anchored = found?.proof.anchor.status === 'CONFIRMED';
  const verified = !!found && found.check.leafMatches && found.check.reachesRoot;
  return (
    <Card variant="outlined" data-testid="pool-proof">
      <CardContent>
        <Typography variant="subtitle1" gutterBottom>
          Asset proof
        </Typography>
        <Stack sx={{ alignItems: { sm: 'center' } }} direction={{ xs: 'column', sm: 'row' }} spacing={1}>
          <TextField
            select
            size="small"
            label="Asset"
            value={billId}
            onChange={(e) => setBillId(e.target.value)}
            sx={{ minWidth: 220 }}
            slotProps={{ select: { native: true }, htmlInput: { 'data-testid': 'pool-proof-asset' } }}
          >
            {assets.map((a) => (
              <option key={a.billId} value={a.billId}>
                {a.invoiceNumber} · {a.obligorLegalName ?? 'an organization'}
              </option>
            ))}
          </TextField>
          <Button variant="outlined" onClick={lookup} disabled={busy || !billId} data-testid="pool-proof-lookup">
            Look up proof
          </Button>
        </Stack>
        {failure && (
          <Alert severity="error" sx={{ mt: 1 }}>
            {failure}
          </Alert>
        )}
        {found && (
          <Box sx={{ mt: 2 }}>
            <Alert severity={verified ? 'success' : 'error'} data-testid="pool-proof-result" data-verified={String(verified)}>
              {verified
                ? `${found.invoice}: the values hash to the leaf and the ${found.proof.proof.length}-step path leads to the tape root (checked in your browser).`
                : found.check.problem
                  ? `${found.invoice}: the values do not encode (${found.check.problem}).`
                  : `${found.invoice}: ${found.check.leafMatches ? 'the path does not lead to the root' : 'the values do not hash to the stated leaf'}.`}
            </Alert>
            <Alert
              severity={anchored ? 'success' : 'info'}
              sx={{ mt: 1 }}
              data-testid="pool-proof-anchor"
              data-status={found.proof.anchor.status}
            >
              {anchored
                ? `Root anchored on chain ${found.proof.chainId} in block ${found.proof.anchor.blockNumber} (transaction ${shortHash(found.proof.anchor.txHash ?? '')}).`
                : `The root's anchoring transaction is ${found.proof.anchor.status.toLowerCase()}.`}
            </Alert>
            <Box
              component="dl"
              sx={{ display: 'grid', gridTemplateColumns: 'max-content minmax(0, 1fr)', columnGap: 2, rowGap: 0.5, fontSize: 13 }}
            >
              <dt>Root</dt>
              <dd style={{ margin: 0, overflowWrap: 'anywhere' }} title={found.proof.root}>
                {found.proof.root}
              </dd>
              <dt>Leaf</dt>
              <dd style={{ margin: 0, overflowWrap: 'anywhere' }}>{found.proof.leaf}</dd>
              {found.proof.leafFields.map((field, i) => (
                <Box component="span" key={field} sx={{ display: 'contents' }}>
                  <dt>{field}</dt>
                  <dd style={{ margin: 0, overflowWrap: 'anywhere' }}>
                    {found.proof.value[i]}
                    {field === 'obligorId'
                      ? ` (${assets.find((a) => a.billId === found.proof.billId)?.obligorLegalName ?? 'the obligor'})`
                      : ''}
                  </dd>
                </Box>
              ))}
              {found.proof.proof.map((step, i) => (
                <Box component="span" key={`${i}-${step}`} sx={{ display: 'contents' }}>
                  <dt>step {i + 1}</dt>
                  <dd style={{ margin: 0, overflowWrap: 'anywhere' }}>{step}</dd>
                </Box>
              ))}
            </Box>
            <Button
              size="small"
              sx={{ mt: 1 }}
              onClick={() => {
                const url = URL.createObjectURL(new Blob([JSON.stringify(found.proof, null, 2)], { type: 'application/json' }));
                const link = document.createElement('a');
                link.href = url;
                link.download = `proof-${found.invoice || 'asset'}.json`;
                link.click();
                window.setTimeout(() => URL.revokeObjectURL(url), 10_000);
              }}
            >
              Download proof (for tally verify-asset)
            </Button>
          </Box>
        )}
      </CardContent>
    </Card>
  );
};
