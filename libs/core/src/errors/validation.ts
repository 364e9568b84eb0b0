import { BadRequestException, ValidationPipe, type ValidationError } from '@nestjs/common';
import { ValidateIf } from 'class-validator';

interface FieldError {
  field: string;
  errors: string[];
}

function flatten(errors: ValidationError[], prefix = ''): FieldError[] {
  return errors.flatMap((e) => {
    const field = prefix ? `${prefix}.${e.property}` : e.property;
    const own = e.constraints ? [{ field, errors: Object.values(e.constraints) }] : [];
    return [...own, ...flatten(e.children ?? [], field)];
  });
}

/** Global validation: whitelisted DTOs, unknown fields refused, payloads transformed to DTO classes. */
export function createValidationPipe(): ValidationPipe {
  return new ValidationPipe({
    whitelist: true,
    forbidNonWhitelisted: true,
    transform: true,
    stopAtFirstError: false,
    exceptionFactory: (errors) => {
      const details = flatten(errors);
      const message = details.map((d) => d.errors.join(', ')).join('; ') || 'Validation failed';
      return new BadRequestException({ message, code: 'VALIDATION_FAILED', details });
    },
  });
}

/**
 * `@IsOptional()` for PATCH fields: an absent field is skipped, but `null` is validated like any
 * other value (and refused by the field's validators): `null` never reaches a NOT NULL column.
 */
export function OptionalNotNull(): PropertyDecorator {
  return ValidateIf((_o: object, v: unknown) => v !== undefined);
}
