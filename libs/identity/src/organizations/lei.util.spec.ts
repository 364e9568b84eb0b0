import { describe, expect, it } from '@jest/globals';
import { isValidLei, leiCheckDigits } from './lei.util.js';
import { isCountryCode } from './country.util.js';
import { KYC_TRANSITIONS, nextKycState } from '../kyc/kyc-state-machine.js';
import { KycState } from './organization.entity.js';

describe('LEI (ISO 17442)', () => {
  it('accepts real LEIs', () => {
    expect(isValidLei('5493001KJTIIGC8Y1R12')).toBe(true); // Bloomberg Finance L.P.
    expect(isValidLei('529900T8BM49AURSDO55')).toBe(true); // GLEIF's own example
  });
  it('refuses wrong check digits, length and characters', () => {
    expect(isValidLei('5493001KJTIIGC8Y1R13')).toBe(false);
    expect(isValidLei('5493001KJTIIGC8Y1R1')).toBe(false);
    expect(isValidLei('5493001kjtiigc8y1r12')).toBe(false);
    expect(isValidLei('5493001KJTIIGC8Y1RAB')).toBe(false);
  });
  it('computes check digits that validate', () => {
    const prefix = 'TALLYDEMO000000001';
    expect(isValidLei(prefix + leiCheckDigits(prefix))).toBe(true);
  });
  it('knows ISO 3166 alpha-2 codes', () => {
    expect(isCountryCode('DE')).toBe(true);
    expect(isCountryCode('XX')).toBe(false);
    expect(isCountryCode('de')).toBe(false);
  });
});

describe('KYC state machine', () => {
  const states = Object.values(KycState);
  it.each(Object.entries(KYC_TRANSITIONS))('%s is allowed only from its listed states', (action, t) => {
    for (const s of states) {
      if (t.from.includes(s)) expect(nextKycState(s, action as never)).toBe(t.to);
      else expect(() => nextKycState(s, action as never)).toThrow(/Cannot/);
    }
  });
});
