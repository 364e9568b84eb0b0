import { describe, expect, it } from '@jest/globals';
import { readFileSync } from 'node:fs';
import { renderOpenApiDocument } from '../../apps/api/src/openapi/openapi-document.js';
import { API_TYPES_FILE, renderApiTypes } from '../../scripts/api-types.mjs';

/**
 * The portal's API types (`apps/portal/src/api/schema.d.ts`) are generated from the API's OpenAPI
 * document; this regenerates them (no database, no chain: Nest's preview mode) and fails when the
 * committed file has drifted from what the controllers and DTOs say. Fix: `npm run api:types`.
 */
describe('portal API types (openapi-typescript)', () => {
  it('the committed schema.d.ts is what the OpenAPI document generates', async () => {
    const document = await renderOpenApiDocument();
    expect(Object.keys(document.paths)).toEqual(expect.arrayContaining(['/api/v1/status', '/api/v1/bills', '/health']));
    const generated = await renderApiTypes(document);
    const committed = readFileSync(API_TYPES_FILE, 'utf8');
    expect(committed === generated ? 'up to date' : 'drifted: run `npm run api:types` and commit apps/portal/src/api/schema.d.ts').toBe(
      'up to date',
    );

    // the check can fail: a DTO property the API stops promising changes the generated file
    const changed = structuredClone(document);
    delete (changed.components!.schemas!.StatusDto as { properties: Record<string, unknown> }).properties.version;
    expect(await renderApiTypes(changed)).not.toBe(committed);
  });
});
