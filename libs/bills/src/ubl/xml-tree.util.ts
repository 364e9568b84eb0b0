import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { UblDoctypeForbiddenError, UblMalformedError, UblTooLargeError } from './ubl.errors.js';

/**
 * A namespace-resolved XML element. Prefixes are gone: an element is known by its namespace URI
 * and local name, so `cbc:ID`, `b:ID` and `<ID xmlns="...CommonBasicComponents-2">` are the same.
 */
export interface XmlElement {
  readonly ns: string | null;
  readonly local: string;
  /** Unprefixed attributes by name, entity references decoded (prefixed ones are not needed here). */
  readonly attrs: Readonly<Record<string, string>>;
  readonly children: readonly XmlElement[];
  /** The element's own character data (text and CDATA, in order), not trimmed. */
  readonly text: string;
}

/** 5 MiB: a Peppol invoice without embedded attachments is a few tens of kB. */
export const XML_MAX_BYTES_DEFAULT = 5 * 1024 * 1024;

/** Tags nested deeper than this are refused (UBL invoices nest about 8 deep). */
const MAX_DEPTH = 64;

const XML_NS = 'http://www.w3.org/XML/1998/namespace';

const parser = new XMLParser({
  preserveOrder: true,
  ignoreAttributes: false,
  attributeNamePrefix: '',
  parseTagValue: false,
  parseAttributeValue: false,
  trimValues: false,
  // Entity references are decoded here, in one pass, after parsing (see decodeReferences): the
  // parser never sees a DOCTYPE (refused before) and expands nothing.
  processEntities: false,
  htmlEntities: false,
  cdataPropName: '#cdata',
  commentPropName: false,
  ignoreDeclaration: true,
  ignorePiTags: true,
  maxNestedTags: MAX_DEPTH,
});

type OrderedNode = Record<string, unknown>;

/**
 * Decodes, screens and parses an XML document into a namespace-resolved tree.
 * Order of the guards: size (before any decoding), UTF-8, DOCTYPE/ENTITY, well-formedness.
 */
export function parseXmlDocument(xml: string | Buffer, maxBytes: number = XML_MAX_BYTES_DEFAULT): XmlElement {
  const text = decodeInput(xml, maxBytes);
  if (/<!DOCTYPE/i.test(text)) throw new UblDoctypeForbiddenError('DOCTYPE');
  if (/<!ENTITY/i.test(text)) throw new UblDoctypeForbiddenError('ENTITY');
  if (text.trim() === '') throw new UblMalformedError('the document is empty');
  const declared = /^<\?xml[^>]*?\sencoding\s*=\s*["']([^"']*)["']/.exec(text)?.[1];
  if (declared !== undefined && !/^utf-?8$/i.test(declared)) {
    throw new UblMalformedError(`encoding "${declared.slice(0, 40)}" is not accepted; Peppol documents are UTF-8`);
  }
  const valid = XMLValidator.validate(text);
  if (valid !== true) throw new UblMalformedError(valid.err.msg, valid.err.line, valid.err.col);

  let nodes: OrderedNode[];
  try {
    nodes = parser.parse(text) as OrderedNode[];
  } catch (e) {
    throw new UblMalformedError(e instanceof Error ? e.message : String(e));
  }
  const roots: XmlElement[] = [];
  for (const node of nodes) {
    if ('#text' in node) {
      if (String(node['#text']).trim() !== '') throw new UblMalformedError('text outside the root element');
      continue;
    }
    roots.push(toElement(node, new Map([['xml', XML_NS]]), 1));
  }
  if (roots.length !== 1) throw new UblMalformedError(`expected one root element, found ${roots.length}`);
  return roots[0];
}

/** Direct children with this namespace and local name. */
export function childrenOf(el: XmlElement, ns: string, local: string): XmlElement[] {
  return el.children.filter((c) => c.ns === ns && c.local === local);
}

function decodeInput(xml: string | Buffer, maxBytes: number): string {
  if (!Number.isSafeInteger(maxBytes) || maxBytes <= 0) throw new RangeError(`maxBytes must be a positive integer (got ${maxBytes})`);
  if (typeof xml === 'string') {
    // a UTF-16 code unit is at least one UTF-8 byte: cheap refusal before counting bytes
    if (xml.length > maxBytes) throw new UblTooLargeError(Buffer.byteLength(xml, 'utf8'), maxBytes);
    const size = Buffer.byteLength(xml, 'utf8');
    if (size > maxBytes) throw new UblTooLargeError(size, maxBytes);
    return xml.charCodeAt(0) === 0xfeff ? xml.slice(1) : xml;
  }
  if (!Buffer.isBuffer(xml)) throw new TypeError('xml must be a string or a Buffer');
  if (xml.length > maxBytes) throw new UblTooLargeError(xml.length, maxBytes);
  if ((xml[0] === 0xfe && xml[1] === 0xff) || (xml[0] === 0xff && xml[1] === 0xfe)) {
    throw new UblMalformedError('UTF-16 is not accepted; Peppol documents are UTF-8');
  }
  try {
    // fatal: invalid UTF-8 is refused rather than replaced with U+FFFD; a UTF-8 BOM is dropped
    return new TextDecoder('utf-8', { fatal: true }).decode(xml);
  } catch {
    throw new UblMalformedError('the document is not valid UTF-8');
  }
}

function toElement(node: OrderedNode, scope: ReadonlyMap<string, string>, depth: number): XmlElement {
  if (depth > MAX_DEPTH) throw new UblMalformedError(`elements nested deeper than ${MAX_DEPTH}`);
  const qname = Object.keys(node).find((k) => k !== ':@');
  if (qname === undefined) throw new UblMalformedError('unexpected parser output');
  const rawAttrs = (node[':@'] ?? {}) as Record<string, unknown>;

  // namespace declarations on this element open a new scope for it and its descendants
  let declared: Map<string, string> | null = null;
  const attrs: Record<string, string> = {};
  for (const [name, raw] of Object.entries(rawAttrs)) {
    const value = decodeReferences(String(raw));
    if (name === 'xmlns' || name.startsWith('xmlns:')) {
      declared ??= new Map(scope);
      declared.set(name === 'xmlns' ? '' : name.slice(6), value);
    } else if (!name.includes(':')) {
      attrs[name] = value;
    }
  }
  const inScope: ReadonlyMap<string, string> = declared ?? scope;

  const colon = qname.indexOf(':');
  const prefix = colon < 0 ? '' : qname.slice(0, colon);
  const local = colon < 0 ? qname : qname.slice(colon + 1);
  const ns = inScope.get(prefix);
  if (prefix !== '' && ns === undefined) throw new UblMalformedError(`namespace prefix "${prefix}" is not declared`);

  const children: XmlElement[] = [];
  let text = '';
  for (const child of (node[qname] ?? []) as OrderedNode[]) {
    if ('#text' in child) text += decodeReferences(String(child['#text']));
    else if ('#cdata' in child) text += cdataText(child['#cdata']);
    else children.push(toElement(child, inScope, depth + 1));
  }
  return { ns: ns === undefined || ns === '' ? null : ns, local, attrs, children, text };
}

function cdataText(value: unknown): string {
  // CDATA is literal: no reference decoding
  if (!Array.isArray(value)) return String(value ?? '');
  return value.map((v) => String((v as OrderedNode)['#text'] ?? '')).join('');
}

const PREDEFINED: Readonly<Record<string, string>> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };

/**
 * Decodes the five predefined entities and character references in ONE pass (so "&amp;#65;" is
 * "&#65;", never "A"). Any other reference is undeclared — there is no DOCTYPE — hence malformed.
 */
function decodeReferences(raw: string): string {
  if (!raw.includes('&')) return raw;
  return raw.replace(/&([^;&]*);?/g, (match, body: string) => {
    if (!match.endsWith(';')) throw new UblMalformedError(`bare "&" or unterminated reference "${match.slice(0, 20)}"`);
    const named = PREDEFINED[body];
    if (named !== undefined) return named;
    const m = /^#(?:x([0-9a-fA-F]{1,6})|([0-9]{1,7}))$/.exec(body);
    if (!m) throw new UblMalformedError(`undeclared entity reference "&${body.slice(0, 20)};"`);
    const cp = m[1] !== undefined ? parseInt(m[1], 16) : parseInt(m[2], 10);
    if (!isXmlChar(cp)) throw new UblMalformedError(`character reference "&${body};" is not an XML character`);
    return String.fromCodePoint(cp);
  });
}

function isXmlChar(cp: number): boolean {
  return (
    cp === 0x9 ||
    cp === 0xa ||
    cp === 0xd ||
    (cp >= 0x20 && cp <= 0xd7ff) ||
    (cp >= 0xe000 && cp <= 0xfffd) ||
    (cp >= 0x10000 && cp <= 0x10ffff)
  );
}
