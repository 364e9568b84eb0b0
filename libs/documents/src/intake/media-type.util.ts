/** The document types Tally accepts, told by their first bytes (never by the name or the client's Content-Type). */
export enum DocumentMediaType {
  PDF = 'application/pdf',
  XML = 'application/xml',
  PNG = 'image/png',
  JPEG = 'image/jpeg',
}

/** Bytes needed to tell every allowed type apart (more only help XML with leading whitespace). */
export const SNIFF_BYTES = 64;

const PNG = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

/**
 * The allowed type of a document from its first bytes, or null. XML is recognised by an XML
 * declaration, a comment, a processing instruction or a root element after an optional BOM and
 * whitespace (UBL/Peppol invoices start so); an HTML page is not XML here.
 */
export function sniffMediaType(head: Buffer): DocumentMediaType | null {
  if (head.subarray(0, 5).toString('latin1') === '%PDF-') return DocumentMediaType.PDF;
  if (head.length >= 8 && head.subarray(0, 8).equals(PNG)) return DocumentMediaType.PNG;
  if (head.length >= 3 && head[0] === 0xff && head[1] === 0xd8 && head[2] === 0xff) return DocumentMediaType.JPEG;
  return looksLikeXml(head) ? DocumentMediaType.XML : null;
}

function looksLikeXml(head: Buffer): boolean {
  let text: string;
  if (head[0] === 0xfe && head[1] === 0xff) text = swap16(head.subarray(2)).toString('utf16le');
  else if (head[0] === 0xff && head[1] === 0xfe) text = head.subarray(2).toString('utf16le');
  else text = head.subarray(head[0] === 0xef && head[1] === 0xbb && head[2] === 0xbf ? 3 : 0).toString('utf8');
  text = text.replace(/^[\s]+/, '');
  if (/^<\?xml[\s?]/.test(text) || text.startsWith('<!--')) return true;
  if (/^<(html|!doctype\s+html)/i.test(text)) return false;
  return /^<[A-Za-z_][\w.:-]*[\s/>]/.test(text);
}

function swap16(b: Buffer): Buffer {
  const even = b.subarray(0, b.length - (b.length % 2));
  return Buffer.from(even).swap16();
}

/** The file extension a download of this type gets. */
export function extensionOf(mediaType: string): string {
  switch (mediaType) {
    case DocumentMediaType.PDF:
      return 'pdf';
    case DocumentMediaType.XML:
      return 'xml';
    case DocumentMediaType.PNG:
      return 'png';
    case DocumentMediaType.JPEG:
      return 'jpg';
    default:
      return 'bin';
  }
}
