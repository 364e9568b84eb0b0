import { drawFooter, drawHeader, drawSection, drawTable, latin1, openPdf } from '#documents';
import { formatAmount } from '../financing/available-funds.check.js';

export interface BillPdfParty {
  role: string;
  name: string;
  lei?: string;
}

export interface BillPdfInput {
  invoiceNumber: string;
  faceAmountMinor: bigint;
  currency: string;
  issueDate: string;
  dueDate: string;
  state: string;
  encumbrance: string;
  fingerprint: string;
  tokenId: string;
  parties: BillPdfParty[];
  /** The lifecycle, oldest first; `by` is an organization's name. */
  events: { at: Date; action: string; by: string | null; txHash: string | null }[];
  document: null | {
    sha256: string;
    /** Where its hash is: not anchored yet, or the anchoring transaction. */
    anchoring: null | { state: string; anchoredAt?: Date; blockNumber?: number; txHash?: string; chainId?: number; contract?: string; root?: string };
    /** Opened by the QR code: the public verify page of the document's hash. */
    verifyUrl: string;
  };
  /** The PDF's dates (the bill's creation): the same bill gives the same bytes. */
  createdAt: Date;
}

const LABEL_WIDTH = 90;
const short = (hash: string) => (hash.length > 20 ? `${hash.slice(0, 10)}...${hash.slice(-8)}` : hash);
const when = (d: Date) => d.toISOString().slice(0, 16).replace('T', ' ') + ' UTC';
/** `issue.confirmed` → `issue confirmed`. */
const step = (action: string) => action.replace(/[._]/g, ' ');

/**
 * The bill as a PDF with the layout of the anchoring certificate: a header with a QR code to the
 * public verify page of the bill's document, the parties by name, amounts in currency, the
 * lifecycle as a table and the anchoring status. Standard fonts only (Latin-1).
 */
export async function renderBillPdf(input: BillPdfInput): Promise<Buffer> {
  const { pdf, done } = await openPdf({ Title: `Bill ${input.invoiceNumber}`, date: input.createdAt });
  let y = drawHeader(pdf, {
    title: 'Digital bill',
    subtitle: `${input.invoiceNumber}: ${formatAmount(input.faceAmountMinor, input.currency)}, due ${input.dueDate}`,
    lead: `A receivable registered on chain as token ${input.tokenId}. State ${input.state}; encumbrance ${input.encumbrance}.`,
    leadSize: 9.5,
    qr: input.document ? { url: input.document.verifyUrl, caption: 'Scan to verify the invoice', size: 100 } : undefined,
  });
  y = drawSection(pdf, 'Terms', y, [
    ['Face amount', formatAmount(input.faceAmountMinor, input.currency)],
    ['Issue date', input.issueDate],
    ['Due date', input.dueDate],
    ['Fingerprint', input.fingerprint, true],
  ], LABEL_WIDTH);
  y = drawSection(
    pdf,
    'Parties',
    y + 10,
    input.parties.map((party) => [party.role, latin1(party.lei ? `${party.name} (LEI ${party.lei})` : party.name)]),
    LABEL_WIDTH,
  );
  const d = input.document;
  const a = d?.anchoring;
  y = drawSection(
    pdf,
    'Document and anchoring',
    y + 10,
    !d
      ? [['Document', 'none attached']]
      : [
          ['SHA-256', d.sha256, true],
          ...(!a
            ? ([['Anchoring', 'unknown']] as [string, string][])
            : a.state !== 'ANCHORED' || !a.txHash
              ? ([['Anchoring', `${a.state.toLowerCase()}: not on chain yet`]] as [string, string][])
              : ([
                  ['Anchored at', `${a.anchoredAt ? when(a.anchoredAt) : '?'}, block ${a.blockNumber}`],
                  ['Transaction', a.txHash, true],
                  ['Contract', `${a.contract} on chain ${a.chainId}`, true],
                  ['Merkle root', a.root ?? '?', true],
                ] as [string, string, boolean?][])),
        ],
    LABEL_WIDTH,
  );

  // the lifecycle as a table
  drawTable(
    pdf,
    'Lifecycle',
    y + 10,
    [
      { title: 'When', x: 0, width: 105 },
      { title: 'Step', x: 110, width: 125 },
      { title: 'By', x: 240, width: 140 },
      { title: 'Transaction', x: 385, width: 495.28 - 385, mono: true },
    ],
    input.events.map((e) => [when(e.at), step(e.action), e.by ?? '-', e.txHash ? short(e.txHash) : '-']),
    'No step recorded yet.',
  );
  if (d) drawFooter(pdf, `Verify page: ${d.verifyUrl}`);
  pdf.end();
  return done;
}
