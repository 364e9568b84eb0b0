import { registerDecorator, type ValidationOptions } from 'class-validator';
import { isCountryCode } from './country.util.js';
import { isValidLei } from './lei.util.js';

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
