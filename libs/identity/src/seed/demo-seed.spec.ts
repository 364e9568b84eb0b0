import { describe, expect, it } from '@jest/globals';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { DEMO_BUYER_PEPPOL_IDS, DEMO_SUPPLIER_PEPPOL_IDS } from './demo-seed.service.js';

const FIXTURES = join(process.cwd(), 'test/fixtures/peppol-bis3');

/** `scheme:id` of the EndpointID inside a party block (AccountingSupplierParty / AccountingCustomerParty). */
function endpointOf(xml: string, party: string): string {
  const block = new RegExp(`<cac:${party}>([\\s\\S]*?)</cac:${party}>`).exec(xml)?.[1] ?? '';
  const m = /<cbc:EndpointID schemeID="([^"]+)">([^<]+)</.exec(block);
  if (!m) throw new Error(`no EndpointID in ${party}`);
  return `${m[1]}:${m[2]}`;
}

describe('demo seed Peppol ids', () => {
  const files = readdirSync(FIXTURES).filter((f) => f.endsWith('.xml'));

  it('has the shared sample invoices to check', () => {
    expect(files.length).toBeGreaterThanOrEqual(6);
  });

  it.each(files)('registers the seller and the buyer of %s on the demo supplier and buyer', (file) => {
    const xml = readFileSync(join(FIXTURES, file), 'utf8');
    expect(DEMO_SUPPLIER_PEPPOL_IDS).toContain(endpointOf(xml, 'AccountingSupplierParty'));
    expect(DEMO_BUYER_PEPPOL_IDS).toContain(endpointOf(xml, 'AccountingCustomerParty'));
  });
});
