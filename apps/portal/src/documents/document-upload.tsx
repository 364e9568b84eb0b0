import { useRef, useState } from 'react';
import { Alert, Button, Card, CardContent, MenuItem, Stack, TextField, Typography } from '@mui/material';
import UploadFileIcon from '@mui/icons-material/UploadFile';
import { Title, useCreatePath, useNotify, useRedirect } from 'react-admin';
import { errorMessage } from '../common/formatting';
import { uploadDocument } from './document-files';
import { DOCUMENT_KINDS } from './document-types';

/**
 * Upload a document (PDF, XML, PNG or JPEG; the API judges by the content) for the user's
 * organization; its hash is queued for anchoring. The same content uploaded again opens the
 * document the organization already holds.
 */
export const DocumentUpload = () => {
  const input = useRef<HTMLInputElement>(null);
  const [file, setFile] = useState<File | null>(null);
  const [kind, setKind] = useState<string>('OTHER');
  const [busy, setBusy] = useState(false);
  const [failure, setFailure] = useState<string | null>(null);
  const notify = useNotify();
  const redirect = useRedirect();
  const createPath = useCreatePath();

  const submit = async () => {
    if (!file) return;
    setBusy(true);
    setFailure(null);
    try {
      const { document, created } = await uploadDocument(file, kind);
      notify(created ? 'Document uploaded; anchoring follows' : 'This organization already holds this document', {
        type: created ? 'success' : 'info',
      });
      redirect(createPath({ resource: 'documents', id: document.id, type: 'show' }));
    } catch (e) {
      setFailure(errorMessage(e));
    } finally {
      setBusy(false);
    }
  };

  return (
    <Card variant="outlined" sx={{ mt: 2, maxWidth: 640 }}>
      <Title title="Upload a document" />
      <CardContent>
        <Stack spacing={2}>
          <Typography variant="h6" component="h1">
            Upload a document
          </Typography>
          <input ref={input} type="file" hidden data-testid="document-file-input" onChange={(e) => setFile(e.target.files?.[0] ?? null)} />
          <Button variant="outlined" startIcon={<UploadFileIcon />} onClick={() => input.current?.click()}>
            {file ? file.name : 'Choose a file (PDF, XML, PNG, JPEG)'}
          </Button>
          <TextField
            select
            label="Kind"
            value={kind}
            onChange={(e) => setKind(e.target.value)}
            size="small"
            slotProps={{ htmlInput: { 'data-testid': 'document-kind' } }}
          >
            {DOCUMENT_KINDS.map((k) => (
              <MenuItem key={k} value={k}>
                {k}
              </MenuItem>
            ))}
          </TextField>
          {failure && (
            <Alert severity="error" data-testid="document-upload-error">
              {failure}
            </Alert>
          )}
          <Button variant="contained" disabled={!file || busy} onClick={() => void submit()} data-testid="document-upload-submit">
            Upload
          </Button>
        </Stack>
      </CardContent>
    </Card>
  );
};
