import { useRef, useState, type DragEvent } from 'react';
import {
  Alert,
  Box,
  Button,
  Card,
  CardContent,
  CardHeader,
  Chip,
  IconButton,
  Link as MuiLink,
  List,
  ListItem,
  ListItemIcon,
  ListItemText,
  Stack,
  TextField,
  Typography,
} from '@mui/material';
import CheckCircleIcon from '@mui/icons-material/CheckCircle';
import CloseIcon from '@mui/icons-material/Close';
import ErrorIcon from '@mui/icons-material/Error';
import UploadFileIcon from '@mui/icons-material/UploadFile';
import { Link, Loading, Title, useCreatePath, useDataProvider } from 'react-admin';
import { hasRole, useRoles } from '../auth/roles';
import type { UblImportResult } from '../bills/bill-types';
import { formatMoney } from '../bills/money';
import { useOrganizationDirectory } from '../bills/organization-directory';
import { errorMessage } from '../common/formatting';
import type { TallyDataProvider } from '../providers/data-provider';

/** The API's limits (`POST /bills/import/ubl`). */
const MAX_FILES = 100;
const MAX_FILE_BYTES = 5 * 1_048_576;

const isXml = (file: File) => /\.xml$/i.test(file.name) || file.type === 'application/xml' || file.type === 'text/xml';

/**
 * Peppol BIS Billing 3.0 / UBL 2.1 invoices become bills: drop or pick XML files, give a due
 * date for invoices that have none, and see one result per file (the bill, or why the file was
 * refused: a credit note, an unknown party, a receivable already registered...).
 *
 * Test ids: `ubl-file-input`, `ubl-drop-zone`, `ubl-selected-<file>`, `ubl-due-date`,
 * `ubl-import-submit`, `ubl-summary`, `ubl-result-<file>` (`data-ok`), `ubl-result-link-<file>`,
 * `ubl-result-error-<file>` (`data-code`), `ubl-error`.
 */
export const UblImportPage = () => {
  const dataProvider = useDataProvider<TallyDataProvider>();
  const directory = useOrganizationDirectory();
  const canImport = hasRole(useRoles(), 'ORG_ADMIN');
  const supplier = directory.ownRoles.includes('SUPPLIER');
  const input = useRef<HTMLInputElement>(null);
  const [files, setFiles] = useState<File[]>([]);
  const [skipped, setSkipped] = useState<string[]>([]);
  const [dueDate, setDueDate] = useState('');
  const [dragging, setDragging] = useState(false);
  const [busy, setBusy] = useState(false);
  const [results, setResults] = useState<UblImportResult[] | null>(null);
  const [failure, setFailure] = useState<string | null>(null);

  const add = (picked: FileList | null) => {
    const incoming = Array.from(picked ?? []);
    const refused = incoming.filter((file) => !isXml(file) || file.size > MAX_FILE_BYTES);
    setSkipped(refused.map((file) => `${file.name} (${isXml(file) ? 'larger than 5 MiB' : 'not an XML file'})`));
    setFiles((current) => {
      // Picking a file with the same name again replaces it.
      const byName = new Map(current.map((file) => [file.name, file]));
      for (const file of incoming) if (!refused.includes(file)) byName.set(file.name, file);
      return [...byName.values()].slice(0, MAX_FILES);
    });
  };

  const drop = (event: DragEvent<HTMLElement>) => {
    event.preventDefault();
    setDragging(false);
    add(event.dataTransfer.files);
  };

  const submit = async () => {
    setBusy(true);
    setFailure(null);
    setResults(null);
    try {
      setResults(await dataProvider.importUbl(files, dueDate || undefined));
      setFiles([]);
      if (input.current) input.current.value = '';
    } catch (error) {
      setFailure(errorMessage(error));
    } finally {
      setBusy(false);
    }
  };

  if (directory.isPending) return <Loading />;

  return (
    <Stack spacing={2} sx={{ py: 2 }}>
      <Title title="Import UBL invoices" />
      {!supplier && (
        <Alert severity="info" data-testid="ubl-not-supplier">
          Only supplier organizations issue bills; their invoices are imported here.
        </Alert>
      )}
      <Card variant="outlined">
        <CardHeader
          title="Peppol BIS 3.0 / UBL 2.1 invoices"
          subheader="Each invoice becomes a bill; its XML is stored and anchored on chain as the bill's document."
          slotProps={{ title: { variant: 'h6', component: 'h1' } }}
        />
        <CardContent sx={{ pt: 0 }}>
          <Box
            onDragOver={(event) => {
              event.preventDefault();
              setDragging(true);
            }}
            onDragLeave={() => setDragging(false)}
            onDrop={drop}
            data-testid="ubl-drop-zone"
            sx={{
              border: 2,
              borderStyle: 'dashed',
              borderColor: dragging ? 'primary.main' : 'divider',
              bgcolor: dragging ? 'action.hover' : 'transparent',
              borderRadius: 1,
              p: 3,
              textAlign: 'center',
            }}
          >
            <UploadFileIcon color="action" sx={{ fontSize: 40 }} />
            <Typography variant="body1" sx={{ mb: 1 }}>
              Drop XML invoices here
            </Typography>
            <Button variant="outlined" onClick={() => input.current?.click()} disabled={!supplier || !canImport}>
              Choose files
            </Button>
            <input
              ref={input}
              type="file"
              multiple
              accept=".xml,application/xml,text/xml"
              hidden
              onChange={(event) => add(event.target.files)}
              data-testid="ubl-file-input"
            />
          </Box>
          {skipped.length > 0 && (
            <Alert severity="warning" sx={{ mt: 2 }} onClose={() => setSkipped([])}>
              Left out: {skipped.join(', ')}
            </Alert>
          )}
          {files.length > 0 && (
            <List dense data-testid="ubl-selected">
              {files.map((file) => (
                <ListItem
                  key={file.name}
                  data-testid={`ubl-selected-${file.name}`}
                  secondaryAction={
                    <IconButton
                      edge="end"
                      aria-label={`Remove ${file.name}`}
                      onClick={() => setFiles((current) => current.filter((f) => f !== file))}
                    >
                      <CloseIcon />
                    </IconButton>
                  }
                >
                  <ListItemText primary={file.name} secondary={`${Math.ceil(file.size / 1024)} KiB`} />
                </ListItem>
              ))}
            </List>
          )}
          <Stack direction={{ xs: 'column', sm: 'row' }} spacing={2} sx={{ mt: 2, alignItems: { sm: 'flex-start' } }}>
            <TextField
              type="date"
              label="Due date (optional)"
              value={dueDate}
              onChange={(event) => setDueDate(event.target.value)}
              helperText="Used for invoices without a due date (BT-9)"
              size="small"
              sx={{ width: 260 }}
              slotProps={{ inputLabel: { shrink: true }, htmlInput: { 'data-testid': 'ubl-due-date' } }}
            />
            <Button
              variant="contained"
              onClick={() => void submit()}
              disabled={busy || files.length === 0 || !supplier || !canImport}
              data-testid="ubl-import-submit"
            >
              {busy ? 'Importing…' : files.length > 1 ? `Import ${files.length} files` : 'Import'}
            </Button>
          </Stack>
          {!canImport && supplier && (
            <Typography variant="body2" color="text.secondary" sx={{ mt: 1 }}>
              An administrator of your organization imports invoices.
            </Typography>
          )}
        </CardContent>
      </Card>
      {failure && (
        <Alert severity="error" data-testid="ubl-error">
          The import was refused: {failure}
        </Alert>
      )}
      {results && <ImportResults results={results} />}
    </Stack>
  );
};

const ImportResults = ({ results }: { results: UblImportResult[] }) => {
  const createPath = useCreatePath();
  const imported = results.filter((result) => result.ok).length;
  const refused = results.length - imported;
  return (
    <Card variant="outlined" data-testid="ubl-results">
      <CardHeader
        title="Results"
        slotProps={{ title: { variant: 'h6', component: 'h2' } }}
        action={
          <Typography variant="body2" sx={{ pr: 1 }} data-testid="ubl-summary">
            {imported} imported, {refused} refused
          </Typography>
        }
      />
      <CardContent sx={{ pt: 0 }}>
        <List dense>
          {results.map((result) => (
            <ListItem key={result.file} data-testid={`ubl-result-${result.file}`} data-ok={String(result.ok)} alignItems="flex-start">
              <ListItemIcon sx={{ minWidth: 36, mt: 0.5 }}>
                {result.ok ? <CheckCircleIcon color="success" /> : <ErrorIcon color="error" />}
              </ListItemIcon>
              <ListItemText
                primary={result.file}
                secondary={
                  result.ok && result.bill ? (
                    <>
                      <MuiLink
                        component={Link}
                        to={createPath({ resource: 'bills', type: 'show', id: result.bill.id })}
                        data-testid={`ubl-result-link-${result.file}`}
                      >
                        Bill {result.bill.invoiceNumber}
                      </MuiLink>
                      {`: ${formatMoney(result.bill.faceAmountMinor, result.bill.currency)}, due ${result.bill.dueDate}`}
                    </>
                  ) : (
                    <Box component="span" sx={{ display: 'inline-flex', gap: 1, alignItems: 'center', flexWrap: 'wrap' }}>
                      {result.error?.code && (
                        <Chip size="small" color="error" variant="outlined" label={result.error.code} component="span" />
                      )}
                      <span data-testid={`ubl-result-error-${result.file}`} data-code={result.error?.code ?? ''}>
                        {result.error?.message ?? 'Refused'}
                      </span>
                    </Box>
                  )
                }
                slotProps={{ secondary: { component: 'div' } }}
              />
            </ListItem>
          ))}
        </List>
      </CardContent>
    </Card>
  );
};
