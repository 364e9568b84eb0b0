import { checkRow, csvColumns, csvFields, formatOf, isCalendarDate, isRowError, rawFields } from './bulk-rows.util.js';

const good = { buyerOrganizationId: '5d0c3c1e-8b7a-4c39-9a43-2f8f6b1f1a10', invoiceNumber: ' INV-1 ', amountMinor: '125000', currency: 'EUR', issueDate: '2026-11-20', dueDate: '2027-02-18' };

describe('bulk rows', () => {
  it('names the format by Content-Type', () => {
    expect(formatOf('text/csv; charset=utf-8')).toBe('csv');
    expect(formatOf('application/x-ndjson')).toBe('jsonl');
    expect(formatOf('application/json')).toBeNull();
    expect(formatOf(undefined)).toBeNull();
  });

  it('splits CSV lines with quotes, doubled quotes and commas inside quotes; an open quote is no line', () => {
    expect(csvFields('a,"b,c","d ""e""",')).toEqual(['a', 'b,c', 'd "e"', '']);
    expect(csvFields('"open')).toBeNull();
  });

  it('maps CSV columns by the header and refuses a header without every field', () => {
    const cols = csvColumns('\uFEFFdueDate,issueDate,currency,amountMinor,invoiceNumber,buyerOrganizationId');
    expect(isRowError(cols)).toBe(false);
    expect(rawFields(`2027-02-18,2026-11-20,EUR,125000,INV-1,${good.buyerOrganizationId}`, 'csv', cols as never)).toEqual({ ...good, invoiceNumber: 'INV-1' });
    expect(csvColumns('buyer,invoice')).toMatchObject({ code: 'BULK_ROW_INVALID' });
    expect(rawFields('a,b', 'csv', cols as never)).toMatchObject({ code: 'BULK_ROW_INVALID' });
    expect(rawFields('[1]', 'jsonl')).toMatchObject({ code: 'BULK_ROW_INVALID' });
  });

  it('checks a row as a single issue does: amount, currency, calendar dates, due after issue, fields', () => {
    expect(checkRow(good)).toEqual({ ...good, invoiceNumber: 'INV-1', amountMinor: 125000n });
    expect(checkRow({ ...good, amountMinor: '12.50' })).toMatchObject({ code: 'AMOUNT_INVALID' });
    expect(checkRow({ ...good, amountMinor: '0' })).toMatchObject({ code: 'AMOUNT_INVALID' });
    expect(checkRow({ ...good, currency: 'XXQ' })).toMatchObject({ code: 'CURRENCY_UNKNOWN' });
    expect(checkRow({ ...good, dueDate: '2027-02-30' })).toMatchObject({ code: 'BULK_DATE_INVALID' });
    expect(checkRow({ ...good, dueDate: '2026-11-19' })).toMatchObject({ code: 'BILL_TRANSITION_NOT_ALLOWED' });
    expect(checkRow({ ...good, buyerOrganizationId: 'x' })).toMatchObject({ code: 'BULK_ROW_INVALID' });
    expect(checkRow({ ...good, extra: '1' })).toMatchObject({ code: 'BULK_ROW_INVALID', message: 'Unknown fields: extra' });
    expect(checkRow({ ...good, amountMinor: 125000 as unknown as string })).toMatchObject({ code: 'BULK_ROW_INVALID' });
  });

  it('knows calendar dates', () => {
    expect(isCalendarDate('2028-02-29')).toBe(true);
    expect(isCalendarDate('2027-02-29')).toBe(false);
    expect(isCalendarDate('2027-13-01')).toBe(false);
    expect(isCalendarDate('27-01-01')).toBe(false);
  });
});
