import { describe, expect, it } from '@jest/globals';
import { nameSimilarity, normalizeName } from './name-match.util.js';

describe('name matching for sanctions screening', () => {
  it('normalises case, accents, punctuation, legal forms and word order', () => {
    expect(normalizeName('Crimson Delta Finance S.A.')).toBe('crimson delta finance');
    expect(normalizeName('Ivanov Petrochemical Group, JSC')).toBe('ivanov petrochemical');
    expect(normalizeName('Müller Trading GmbH')).toBe('muller trading');
    expect(normalizeName('Trading Müller')).toBe('muller trading');
  });
  it('scores near-identical names high and unrelated names low', () => {
    expect(nameSimilarity('Oceanic Shadow Trading LLC', 'Oceanic Shadow Trading Ltd')).toBe(1);
    expect(nameSimilarity('Oceanic Shadow Trading', 'Oceanic Shadw Trading')).toBeGreaterThan(0.9);
    expect(nameSimilarity('Acme Components GmbH', 'Oceanic Shadow Trading LLC')).toBeLessThan(0.7);
    expect(nameSimilarity('', 'x')).toBe(0);
  });
});
