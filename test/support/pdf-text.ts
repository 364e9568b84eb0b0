// The text a Tally PDF draws, for the tests' checks: pdfkit writes each text run as hex glyph
// strings (Tj / TJ operators) inside Flate-compressed content streams.
import { inflateSync } from 'node:zlib';

/** The text runs of the PDF's pages, in drawing order: one per Tj / TJ operator. */
export function pdfTextRuns(pdf: Buffer): string[] {
  const out: string[] = [];
  const raw = pdf.toString('latin1');
  for (const m of raw.matchAll(/stream\r?\n/g)) {
    const start = m.index + m[0].length;
    const end = raw.indexOf('endstream', start);
    let content: string;
    try {
      content = inflateSync(pdf.subarray(start, end)).toString('latin1');
    } catch {
      continue; // not a Flate stream (an image, a font)
    }
    for (const t of content.matchAll(/\[((?:<[0-9a-fA-F]*>|[^\]])*)\]\s*TJ|<([0-9a-fA-F]*)>\s*Tj/g)) {
      const hex = t[1] !== undefined ? [...t[1].matchAll(/<([0-9a-fA-F]*)>/g)].map((h) => h[1]).join('') : t[2]!;
      out.push(Buffer.from(hex, 'hex').toString('latin1'));
    }
  }
  return out;
}

/** All the text, whitespace removed: for `toContain` checks of formatted figures and names. */
export const pdfCompactText = (pdf: Buffer): string => pdfTextRuns(pdf).join('').replace(/\s+/g, '');
