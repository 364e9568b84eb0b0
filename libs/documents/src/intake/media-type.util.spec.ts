import { describe, expect, it } from '@jest/globals';
import { DocumentMediaType, sniffMediaType } from './media-type.util.js';

const utf16 = (text: string, bigEndian: boolean) => {
  const le = Buffer.from(text, 'utf16le');
  return Buffer.concat([Buffer.from(bigEndian ? [0xfe, 0xff] : [0xff, 0xfe]), bigEndian ? Buffer.from(le).swap16() : le]);
};

describe('sniffMediaType (the allow-list, by content)', () => {
  it.each([
    ['PDF', Buffer.from('%PDF-1.7\n%âãÏÓ'), DocumentMediaType.PDF],
    ['PNG', Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13]), DocumentMediaType.PNG],
    ['JPEG', Buffer.from([0xff, 0xd8, 0xff, 0xdb, 0, 0x43]), DocumentMediaType.JPEG],
    ['an XML declaration', Buffer.from('<?xml version="1.0"?><Invoice/>'), DocumentMediaType.XML],
    [
      'a UBL root element after whitespace',
      Buffer.from('\n  <Invoice xmlns="urn:oasis:names:specification:ubl:schema:xsd:Invoice-2">'),
      DocumentMediaType.XML,
    ],
    [
      'a BOM then a comment',
      Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from('<!-- exported --><Invoice>')]),
      DocumentMediaType.XML,
    ],
    ['UTF-16 LE XML', utf16('<?xml version="1.0" encoding="UTF-16"?><a/>', false), DocumentMediaType.XML],
    ['UTF-16 BE XML', utf16('<Invoice>', true), DocumentMediaType.XML],
  ])('recognises %s', (_what, head, type) => {
    expect(sniffMediaType(head)).toBe(type);
  });

  it.each([
    ['an executable', Buffer.from('MZ\x90\x00\x03')],
    ['a ZIP (also .docx, .xlsx)', Buffer.from([0x50, 0x4b, 0x03, 0x04])],
    ['plain text', Buffer.from('Invoice 42: 1,000.00 EUR')],
    ['an HTML page', Buffer.from('<!DOCTYPE html><html>')],
    ['HTML without a doctype', Buffer.from('<html><body>')],
    ['a PDF header not at the start', Buffer.from(' %PDF-1.7')],
    ['a truncated PNG signature', Buffer.from([0x89, 0x50, 0x4e])],
    ['nothing', Buffer.alloc(0)],
  ])('refuses %s', (_what, head) => {
    expect(sniffMediaType(head)).toBeNull();
  });
});
