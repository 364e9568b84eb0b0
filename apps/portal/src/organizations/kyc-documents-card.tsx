import { useRef, useState } from 'react';
import { Alert, Button, Card, CardContent, CardHeader, Table, TableBody, TableCell, TableHead, TableRow, Typography } from '@mui/material';
import UploadFileIcon from '@mui/icons-material/UploadFile';
import { useQuery } from '@tanstack/react-query';
import { Link, useDataProvider, useNotify } from 'react-admin';
import { errorMessage, formatDateTime } from '../common/formatting';
import { AnchoringChip } from '../documents/anchoring-chip';
import type { TallyDataProvider } from '../providers/data-provider';

const POLL_MS = 5_000;

/**
 * The organization's KYC documents (hashed, stored and anchored like every document) and, for
 * its admin, an upload: what a KYC officer reviews, and what a rejected organization corrects.
 *
 * Test ids: `org-kyc-documents`, `org-kyc-document` rows (`data-name`), `org-kyc-upload` (file
 * input), `org-kyc-documents-empty`.
 */
export const KycDocumentsCard = ({ organizationId, canUpload }: { organizationId: string; canUpload: boolean }) => {
  const dataProvider = useDataProvider<TallyDataProvider>();
  const notify = useNotify();
  const input = useRef<HTMLInputElement>(null);
  const [busy, setBusy] = useState(false);
  const { data, error, refetch } = useQuery({
    queryKey: ['organizations', organizationId, 'kyc-documents'],
    queryFn: ({ signal }) => dataProvider.getKycDocuments(organizationId, { signal }),
    refetchInterval: POLL_MS,
  });
  const upload = async (files: FileList | null) => {
    if (!files?.length) return;
    setBusy(true);
    try {
      for (const file of Array.from(files)) await dataProvider.uploadKycDocument(organizationId, file);
      notify(`${files.length === 1 ? 'Document' : `${files.length} documents`} added to the KYC file`, { type: 'success' });
      await refetch();
    } catch (e) {
      const message = errorMessage(e);
      notify(message, { type: 'error', messageArgs: { _: message } });
    } finally {
      setBusy(false);
      if (input.current) input.current.value = '';
    }
  };
  return (
    <Card variant="outlined" data-testid="org-kyc-documents">
      <CardHeader
        title="KYC documents"
        slotProps={{ title: { variant: 'h6', component: 'h2' } }}
        action={
          canUpload && (
            <Button component="label" startIcon={<UploadFileIcon />} disabled={busy}>
              Add documents
              <input ref={input} type="file" multiple hidden onChange={(e) => void upload(e.target.files)} data-testid="org-kyc-upload" />
            </Button>
          )
        }
      />
      <CardContent sx={{ pt: 0, overflowX: 'auto' }}>
        {error ? (
          <Alert severity="warning">Cannot load the documents: {errorMessage(error)}</Alert>
        ) : !data?.length ? (
          <Typography variant="body2" color="text.secondary" data-testid="org-kyc-documents-empty">
            No KYC document yet{canUpload ? ': add the register extract, ownership and identity documents.' : '.'}
          </Typography>
        ) : (
          <Table size="small">
            <TableHead>
              <TableRow>
                <TableCell>Document</TableCell>
                <TableCell sx={{ display: { xs: 'none', sm: 'table-cell' } }}>Added</TableCell>
                <TableCell>Anchoring</TableCell>
              </TableRow>
            </TableHead>
            <TableBody>
              {data.map((doc) => (
                <TableRow key={doc.id} data-testid="org-kyc-document" data-name={doc.name}>
                  <TableCell sx={{ wordBreak: 'break-word' }}>
                    <Link to={`/documents/${doc.id}/show`}>{doc.name}</Link>
                  </TableCell>
                  <TableCell sx={{ display: { xs: 'none', sm: 'table-cell' }, whiteSpace: 'nowrap' }}>{formatDateTime(doc.createdAt)}</TableCell>
                  <TableCell>
                    <AnchoringChip state={doc.anchoring.state} />
                  </TableCell>
                </TableRow>
              ))}
            </TableBody>
          </Table>
        )}
      </CardContent>
    </Card>
  );
};
