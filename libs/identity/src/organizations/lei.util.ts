/**
 * ISO 17442 LEI: 18 alphanumeric characters followed by two check digits, valid when the
 * whole code (letters as 10..35) is congruent to 1 mod 97 (ISO 7064 MOD 97-10).
 */
export function isValidLei(value: string): boolean {
  if (!/^[0-9A-Z]{18}[0-9]{2}$/.test(value)) return false;
  let remainder = 0;
  for (const ch of value) {
    const digits = ch >= 'A' ? String(ch.charCodeAt(0) - 55) : ch;
    for (const d of digits) remainder = (remainder * 10 + Number(d)) % 97;
  }
  return remainder === 1;
}

/** The two check digits for an 18-character LEI prefix (used by the demo seed and tests). */
export function leiCheckDigits(prefix18: string): string {
  let remainder = 0;
  for (const ch of `${prefix18}00`) {
    const digits = ch >= 'A' ? String(ch.charCodeAt(0) - 55) : ch;
    for (const d of digits) remainder = (remainder * 10 + Number(d)) % 97;
  }
  return String(98 - remainder).padStart(2, '0');
}
