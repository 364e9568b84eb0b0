import { useEffect, useRef, useState, type DragEvent } from 'react';
import {
  Alert,
  Box,
  Button,
  Card,
  CardContent,
  Chip,
  Container,
  Link as MuiLink,
  List,
  ListItem,
  ListItemIcon,
  ListItemText,
  Stack,
  TextField,
  Typography,
} from '@mui/material';
import CancelIcon from '@mui/icons-material/Cancel';
import CheckCircleIcon from '@mui/icons-material/CheckCircle';
import UploadFileIcon from '@mui/icons-material/UploadFile';
import { useLocation } from 'react-admin';
import { formatDateTime } from '../common/formatting';
import type { AnchorReceipt, VerificationResult } from '../documents/document-types';
import { sha256OfFile } from './sha256';
import { VerifyError, verifyHash, verifyReceipt } from './verify-api';
import { Fact } from '../common/fact';

const SHA256 = /^(0x)?[0-9a-fA-F]{64}$/;
const normalize = (value: string) => `0x${value.trim().replace(/^0x/i, '').toLowerCase()}`;

interface Picked {
  /** The document: only its SHA-256 is kept (computed here, never uploaded). */
  document?: { name: string; sha256: string };
  receipt?: { name: string; json: Record<string, unknown> };
}

/**
 * The public verify page (no login): drop a document, a receipt.json, or both, or paste a
 * SHA-256. The document is hashed in the browser and only its hash is sent; the answer says
 * whether it is anchored, when (block time), in which transaction, and why not.
 *
 * Test ids: `verify-drop-zone`, `verify-file-input`, `verify-sha256-input`, `verify-submit`,
 * `verify-picked-document` (holds the local SHA-256), `verify-picked-receipt`, `verify-result`
 * (`data-anchored`, `data-status`), `verify-reason`, `verify-anchored-at`, `verify-block`,
 * `verify-tx`, `verify-error`.
 */
export const VerifyPage = () => {
  const location = useLocation();
  const input = useRef<HTMLInputElement>(null);
  const [hashText, setHashText] = useState('');
  const [picked, setPicked] = useState<Picked>({});
  const [dragging, setDragging] = useState(false);
  const [busy, setBusy] = useState(false);
  const [result, setResult] = useState<VerificationResult | null>(null);
  const [failure, setFailure] = useState<string | null>(null);

  const run = async (what: { sha256?: string; receipt?: Record<string, unknown> }) => {
    setBusy(true);
    setFailure(null);
    setResult(null);
    try {
      setResult(what.receipt ? await verifyReceipt(what.receipt, what.sha256) : await verifyHash(what.sha256!));
    } catch (e) {
      const retry = e instanceof VerifyError && e.retryAfterSec ? ` Try again in ${e.retryAfterSec} s.` : '';
      setFailure(`${e instanceof Error ? e.message : String(e)}${retry}`);
    } finally {
      setBusy(false);
    }
  };

  // `#/verify?sha256=0x…` (the certificate's QR code): verify at once
  useEffect(() => {
    const sha256 = new URLSearchParams(location.search).get('sha256');
    if (sha256 && SHA256.test(sha256)) {
      setHashText(normalize(sha256));
      void run({ sha256: normalize(sha256) });
    }
  }, [location.search]); // `run` is recreated each render; the search string is what matters

  const add = async (files: FileList | null) => {
    const next: Picked = { ...picked };
    setFailure(null);
    setResult(null);
    for (const file of Array.from(files ?? [])) {
      const receipt = await asReceipt(file);
      if (receipt) next.receipt = { name: file.name, json: receipt };
      else next.document = { name: file.name, sha256: await sha256OfFile(file) };
    }
    setPicked(next);
    if (next.document) setHashText(next.document.sha256);
    if (next.document || next.receipt) void run({ sha256: next.document?.sha256, receipt: next.receipt?.json });
  };

  const drop = (event: DragEvent<HTMLElement>) => {
    event.preventDefault();
    setDragging(false);
    void add(event.dataTransfer.files);
  };

  const hashValid = SHA256.test(hashText.trim());
  return (
    <Container maxWidth="md" sx={{ py: 4 }}>
      <Stack spacing={3}>
        <Box>
          <Typography variant="h4" component="h1">
            Verify a document
          </Typography>
          <Typography color="text.secondary">
            Check that a document was anchored on chain by Tally, when, and that it was not changed since. Your file is hashed in this
            browser: it never leaves your machine. No account needed.
          </Typography>
        </Box>

        <Card
          variant="outlined"
          data-testid="verify-drop-zone"
          onDragOver={(e) => {
            e.preventDefault();
            setDragging(true);
          }}
          onDragLeave={() => setDragging(false)}
          onDrop={drop}
          sx={{ borderStyle: 'dashed', borderWidth: 2, borderColor: dragging ? 'primary.main' : 'divider', textAlign: 'center' }}
        >
          <CardContent>
            <UploadFileIcon color="action" sx={{ fontSize: 40 }} />
            <Typography sx={{ mb: 1 }}>Drop the document, its receipt.json, or both here</Typography>
            <input ref={input} type="file" multiple hidden data-testid="verify-file-input" onChange={(e) => void add(e.target.files)} />
            <Button variant="outlined" onClick={() => input.current?.click()}>
              Choose files
            </Button>
            <Stack direction="row" spacing={1} sx={{ mt: 2, justifyContent: 'center', flexWrap: 'wrap' }}>
              {picked.document && (
                <Chip
                  label={`${picked.document.name}: ${picked.document.sha256}`}
                  data-testid="verify-picked-document"
                  data-sha256={picked.document.sha256}
                  onDelete={() => setPicked({ ...picked, document: undefined })}
                  sx={{ fontFamily: 'monospace', maxWidth: '100%' }}
                />
              )}
              {picked.receipt && (
                <Chip
                  label={`receipt: ${picked.receipt.name}`}
                  data-testid="verify-picked-receipt"
                  onDelete={() => setPicked({ ...picked, receipt: undefined })}
                />
              )}
            </Stack>
          </CardContent>
        </Card>

        <Stack direction={{ xs: 'column', sm: 'row' }} spacing={1}>
          <TextField
            label="or paste a SHA-256"
            value={hashText}
            onChange={(e) => setHashText(e.target.value)}
            fullWidth
            size="small"
            error={hashText.trim() !== '' && !hashValid}
            helperText={hashText.trim() !== '' && !hashValid ? '64 hexadecimal digits, optionally 0x-prefixed' : ' '}
            slotProps={{ htmlInput: { 'data-testid': 'verify-sha256-input', spellCheck: false, style: { fontFamily: 'monospace' } } }}
          />
          <Button
            variant="contained"
            disabled={busy || !hashValid}
            onClick={() => void run({ sha256: normalize(hashText), receipt: picked.receipt?.json })}
            data-testid="verify-submit"
            sx={{ alignSelf: 'flex-start', minWidth: 120 }}
          >
            Verify
          </Button>
        </Stack>

        {busy && <Alert severity="info">Checking with the chain…</Alert>}
        {failure && (
          <Alert severity="error" data-testid="verify-error">
            {failure}
          </Alert>
        )}
        {result && <ResultCard result={result} />}
      </Stack>
    </Container>
  );
};

const ResultCard = ({ result }: { result: VerificationResult }) => {
  const ok = result.anchored;
  return (
    <Card
      variant="outlined"
      data-testid="verify-result"
      data-anchored={String(ok)}
      data-status={result.status}
      sx={{ borderColor: ok ? 'success.main' : 'error.main' }}
    >
      <CardContent>
        <Stack direction="row" spacing={1} sx={{ alignItems: 'center', mb: 1 }}>
          {ok ? <CheckCircleIcon color="success" /> : <CancelIcon color="error" />}
          <Typography variant="h6" component="h2">
            {ok ? 'Anchored' : result.status === 'PENDING' ? 'Not anchored yet' : 'Not verified'}
          </Typography>
        </Stack>
        {!ok && (
          <Typography data-testid="verify-reason" sx={{ mb: 1 }}>
            {result.reason}
          </Typography>
        )}
        <Fact label="SHA-256" mono>
          {result.documentHash}
        </Fact>
        {ok && (
          <>
            <Fact label="Anchored at (block time)" testId="verify-anchored-at">
              {result.anchoredAt ? `${formatDateTime(result.anchoredAt)} (${result.anchoredAt})` : '—'}
            </Fact>
            <Fact label="Block" testId="verify-block">
              {result.blockNumber}
            </Fact>
            <Fact label="Transaction" mono testId="verify-tx">
              {result.txHash}
            </Fact>
            <Fact label="Chain id">{result.chainId}</Fact>
            <Fact label="Contract" mono>
              {result.contract}
            </Fact>
            <Fact label="Merkle root" mono>
              {result.root}
            </Fact>
          </>
        )}
        {result.checks.length > 0 && (
          <List dense>
            {result.checks.map((c) => (
              <ListItem key={c.check} disableGutters>
                <ListItemIcon sx={{ minWidth: 32 }}>
                  {c.ok ? <CheckCircleIcon fontSize="small" color="success" /> : <CancelIcon fontSize="small" color="error" />}
                </ListItemIcon>
                <ListItemText primary={c.check} secondary={c.detail} />
              </ListItem>
            ))}
          </List>
        )}
        {result.receipt && <ReceiptDownload receipt={result.receipt} />}
      </CardContent>
    </Card>
  );
};

const ReceiptDownload = ({ receipt }: { receipt: AnchorReceipt }) => {
  const href = `data:application/json;charset=utf-8,${encodeURIComponent(JSON.stringify(receipt, null, 2))}`;
  return (
    <Typography variant="body2">
      <MuiLink href={href} download="receipt.json">
        Download the receipt
      </MuiLink>{' '}
      to verify again later without Tally (tally verify, or OpenZeppelin's StandardMerkleTree and any node of chain {receipt.chainId}).
    </Typography>
  );
};

/** A receipt.json is small JSON with the receipt format; anything else is a document to hash. */
async function asReceipt(file: File): Promise<Record<string, unknown> | null> {
  if (file.size > 1_000_000 || !/\.json$/i.test(file.name)) return null;
  try {
    const json = JSON.parse(await file.text()) as Record<string, unknown>;
    return typeof json.format === 'string' && json.format.startsWith('tally-anchor-receipt/') ? json : null;
  } catch {
    return null;
  }
}
