import { useState } from 'react';
import { Alert, Box, Button, Card, CardContent, CardHeader, Stack, Typography } from '@mui/material';
import DownloadIcon from '@mui/icons-material/Download';
import VerifiedIcon from '@mui/icons-material/Verified';
import { Link, Show, useNotify, useRecordContext } from 'react-admin';
import { errorMessage, formatDateTime } from '../common/formatting';
import { VERIFY_PATH } from '../verify';
import { AnchoringChip } from './anchoring-chip';
import { downloadDocumentFile } from './document-files';
import { formatSize } from './document-list';
import type { DocumentRecord } from './document-types';
import { Fact } from '../common/fact';

const cardTitle = { title: { variant: 'h6', component: 'h2' } } as const;
/** How often the page asks again until the document is anchored. */
const ANCHORING_POLL_MS = 2_000;

/**
 * One document: what it is, where its hash is on its way to the chain, and once anchored its
 * receipt and certificate. Refreshes until anchored. Another organization's document answers
 * 404 like an unknown one.
 */
export const DocumentShow = () => (
  <Show
    component="div"
    actions={false}
    title={<DocumentTitle />}
    queryOptions={{
      refetchInterval: (query) =>
        (query.state.data as DocumentRecord | undefined)?.anchoring.state === 'ANCHORED' ? false : ANCHORING_POLL_MS,
    }}
  >
    <DocumentPage />
  </Show>
);

const DocumentTitle = () => {
  const document = useRecordContext<DocumentRecord>();
  return <>{document?.name ?? 'Document'}</>;
};

const DocumentPage = () => {
  const d = useRecordContext<DocumentRecord>();
  if (!d) return null;
  const a = d.anchoring;
  const anchored = a.state === 'ANCHORED';
  return (
    <Stack spacing={2} sx={{ pb: 2 }} data-testid="document-page">
      <Typography variant="h5" component="h1" data-testid="document-name">
        {d.name}
      </Typography>
      <Box sx={{ display: 'grid', gap: 2, gridTemplateColumns: { xs: '1fr', md: 'repeat(2, minmax(0, 1fr))' } }}>
        <Card variant="outlined">
          <CardHeader title="Document" slotProps={cardTitle} />
          <CardContent sx={{ pt: 0 }}>
            <Fact label="Kind">{d.kind}</Fact>
            <Fact label="Type">{d.mediaType}</Fact>
            <Fact label="Size">{formatSize(d.sizeBytes)}</Fact>
            <Fact label="SHA-256" mono testId="document-sha256">
              {d.sha256}
            </Fact>
            <Fact label="Uploaded">{formatDateTime(d.createdAt)}</Fact>
            <Stack direction="row" spacing={1} sx={{ mt: 1 }}>
              <DownloadButton id={d.id} what="content" label="Download" fallback={d.name} />
            </Stack>
          </CardContent>
        </Card>
        <Card variant="outlined">
          <CardHeader
            title="Anchoring"
            slotProps={cardTitle}
            action={<AnchoringChip state={a.state} testId="document-anchoring-state" />}
          />
          <CardContent sx={{ pt: 0 }}>
            <Fact label="Anchored at" testId="document-anchored-at">
              {formatDateTime(a.anchoredAt)}
            </Fact>
            <Fact label="Block">{a.blockNumber ?? '—'}</Fact>
            <Fact label="Transaction" mono testId="document-tx">
              {a.txHash ?? '—'}
            </Fact>
            <Fact label="Merkle root" mono>
              {a.root ?? '—'}
            </Fact>
            <Fact label="Contract" mono>
              {a.contract ?? '—'}
            </Fact>
            <Fact label="Chain id">{a.chainId ?? '—'}</Fact>
            {anchored ? (
              <Stack direction="row" spacing={1} sx={{ mt: 1, flexWrap: 'wrap' }}>
                <DownloadButton
                  id={d.id}
                  what="certificate.pdf"
                  label="Certificate (PDF)"
                  fallback="certificate.pdf"
                  testId="document-certificate"
                />
                <DownloadButton id={d.id} what="receipt.json" label="Receipt (JSON)" fallback="receipt.json" testId="document-receipt" />
                <Button component={Link} to={`${VERIFY_PATH}?sha256=${d.sha256}`} startIcon={<VerifiedIcon />} size="small">
                  Verify
                </Button>
              </Stack>
            ) : (
              <Alert severity="info" sx={{ mt: 1 }}>
                The receipt and the certificate are available once the batch of this document is confirmed on chain.
              </Alert>
            )}
          </CardContent>
        </Card>
      </Box>
    </Stack>
  );
};

const DownloadButton = ({
  id,
  what,
  label,
  fallback,
  testId,
}: {
  id: string;
  what: 'content' | 'receipt.json' | 'certificate.pdf';
  label: string;
  fallback: string;
  testId?: string;
}) => {
  const notify = useNotify();
  const [busy, setBusy] = useState(false);
  return (
    <Button
      size="small"
      variant="outlined"
      startIcon={<DownloadIcon />}
      disabled={busy}
      data-testid={testId}
      onClick={() => {
        setBusy(true);
        downloadDocumentFile(id, what, fallback)
          .catch((e: unknown) => notify(errorMessage(e), { type: 'error' }))
          .finally(() => setBusy(false));
      }}
    >
      {label}
    </Button>
  );
};

