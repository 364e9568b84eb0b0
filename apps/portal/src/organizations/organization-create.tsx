import {
  ArrayInput,
  Create,
  SelectArrayInput,
  SimpleForm,
  SimpleFormIterator,
  TextInput,
  maxLength,
  minLength,
  regex,
  required,
} from 'react-admin';
import { ORGANIZATION_ROLES } from '../api/identity-types';

const upper = (value: string | null | undefined) => (value ? value.toUpperCase() : value);

/**
 * A new organization (PLATFORM_ADMIN); it starts in DRAFT. The inputs check only the shape; the
 * API checks the LEI's ISO 17442 check digits and the country code, and its field errors
 * (`details: [{ field, errors }]`) appear under the inputs.
 */
export const OrganizationCreate = () => (
  <Create redirect="show" title="New organization">
    <SimpleForm defaultValues={{ roles: [], peppolIds: [] }} sx={{ maxWidth: 640 }}>
      <TextInput source="legalName" label="Legal name" validate={[required(), minLength(2), maxLength(200)]} />
      <TextInput
        source="lei"
        label="LEI"
        parse={upper}
        validate={[required(), regex(/^[0-9A-Z]{20}$/, '20 letters and digits (ISO 17442)')]}
        helperText="ISO 17442 Legal Entity Identifier; the check digits are verified"
      />
      <TextInput
        source="country"
        parse={upper}
        validate={[required(), regex(/^[A-Z]{2}$/, 'Two letters (ISO 3166-1 alpha-2)')]}
        helperText="ISO 3166-1 alpha-2, e.g. DE"
      />
      <TextInput
        source="vatId"
        label="VAT id"
        parse={(v: string) => (v ? v.toUpperCase() : undefined)}
        helperText="Country prefix and number, e.g. DE123456789; matches the parties of imported e-invoices"
      />
      <SelectArrayInput source="roles" choices={ORGANIZATION_ROLES.map((role) => ({ id: role, name: role }))} validate={required()} />
      <ArrayInput source="peppolIds" label="Peppol participant ids" helperText="scheme:id, e.g. 0088:4035811991021">
        <SimpleFormIterator inline disableReordering>
          <TextInput source="" label="Peppol id" helperText={false} />
        </SimpleFormIterator>
      </ArrayInput>
    </SimpleForm>
  </Create>
);
