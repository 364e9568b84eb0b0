import { registerDecorator, type ValidationOptions } from 'class-validator';
import { isCountryCode } from './country.util.js';
import { isValidLei } from './lei.util.js';

/** A VAT identifier as EN 16931 carries it: ISO country prefix (EL for Greece), then the national number. */
export const VAT_ID = /^[A-Z]{2}[A-Z0-9+*]{2,13}$/;

/** The stored form of a VAT id: upper case, without spaces, dots, dashes or slashes. */
export function normaliseVatId(value: string): string {
  return value.replace(/[\s./-]/g, '').toUpperCase();
}

export function IsLei(options?: ValidationOptions) {
  return (object: object, propertyName: string) =>
    registerDecorator({
      name: 'isLei',
      target: object.constructor,
      propertyName,
      options: { message: `${propertyName} must be a valid ISO 17442 LEI (20 characters, check digits mod 97)`, ...options },
      validator: { validate: (v: unknown) => typeof v === 'string' && isValidLei(v) },
    });
}

export function IsCountryCode(options?: ValidationOptions) {
  return (object: object, propertyName: string) =>
    registerDecorator({
      name: 'isCountryCode',
      target: object.constructor,
      propertyName,
      options: { message: `${propertyName} must be an ISO 3166-1 alpha-2 country code`, ...options },
      validator: { validate: (v: unknown) => typeof v === 'string' && isCountryCode(v) },
    });
}
