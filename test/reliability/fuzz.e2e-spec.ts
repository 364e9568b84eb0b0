import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import pg from 'pg';
import { startTestPlatform, type TestPlatform } from '../support/platform.js';
import { client, createOrg, login, platformClients, type Client, type Http, type TestOrg } from '../support/auth.js';

/**
 * Seeded fuzzing from the OpenAPI document: every operation, every role, valid-shaped and hostile
 * inputs. Pass: no 5xx, every error in the one error shape (with a requestId), and a refused
 * mutating request leaves every table's row count and content hash unchanged.
 * `FUZZ_REQUESTS` (default 5,000) and `FUZZ_SEED` size and replay a run (`npm run fuzz -- --requests N`).
 */
const REQUESTS = Number(process.env.FUZZ_REQUESTS ?? 5_000);
const SEED = Number(process.env.FUZZ_SEED ?? 20_261_204);

type Schema = {
  $ref?: string;
  type?: string;
  format?: string;
  enum?: unknown[];
  items?: Schema;
  properties?: Record<string, Schema>;
  required?: string[];
  minimum?: number;
  maximum?: number;
  minLength?: number;
  maxLength?: number;
  example?: unknown;
  nullable?: boolean;
  allOf?: Schema[];
  oneOf?: Schema[];
};
interface Operation {
  method: string;
  path: string;
  params: { name: string; in: 'path' | 'query'; schema: Schema; required?: boolean }[];
  body?: Schema;
  multipart: boolean;
}
interface Spec {
  op: Operation;
  actor: number;
  pathValues: string[];
  query: Record<string, unknown>;
  body: unknown;
}

/** Tables a refusal writes on purpose, and the answers that do. */
const WRITTEN_ON_REFUSAL: Record<string, (r: Http) => boolean> = {
  login_throttle: () => true, // failed logins are counted
  idempotency_keys: () => true, // a 4xx answer is kept for its key's retries
  refresh_tokens: (r) => r.body?.code === 'REFRESH_TOKEN_REUSED', // a replayed token revokes its family
  duplicate_alerts: (r) => r.body?.code === 'BILL_DUPLICATE',
  audit_log: (r) => r.body?.code === 'BILL_DUPLICATE',
};

const HOSTILE: unknown[] = [
  null,
  '',
  'a\u0000b',
  '../../etc/passwd',
  "' OR 1=1 --",
  '1e20',
  1e20,
  -1,
  0,
  2 ** 53,
  3.5,
  true,
  [],
  {},
  'x'.repeat(5_000),
  '2026-02-30',
  '2026-13-45',
  '\u202e\ud800',
  { $ne: null },
  JSON.parse('['.repeat(60) + ']'.repeat(60)),
];

/** encodeURIComponent that also takes lone surrogates (as U+FFFD, what a browser would send). */
const enc = (v: string) => encodeURIComponent(v.replace(/[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g, '\ufffd'));

describe(`fuzzing every operation of the OpenAPI document (${REQUESTS} requests, seed ${SEED})`, () => {
  let p: TestPlatform;
  let sql: pg.Client;
  let clients: Client[];
  let ops: Operation[];
  let schemas: Record<string, Schema>;
  const ids: string[] = [];
  let tables: string[];

  async function fingerprint(): Promise<Map<string, string>> {
    const parts = tables.map(
      (t) => `SELECT '${t}' AS t, count(*)::text || ':' || coalesce(md5(string_agg(md5(x::text), '' ORDER BY md5(x::text))), '') AS h FROM "${t}" x`,
    );
    const rows = (await sql.query(parts.join(' UNION ALL '))).rows as { t: string; h: string }[];
    return new Map(rows.map((r) => [r.t, r.h]));
  }

  const resolve = (s: Schema | undefined): Schema | undefined => {
    if (!s) return s;
    if (s.$ref) return resolve(schemas[s.$ref.split('/').pop()!]);
    if (s.allOf?.length) return resolve(s.allOf[0]);
    return s;
  };

  /** A valid-shaped value for the schema, or (one time in five per field) a hostile one. */
  function valueOf(schema: Schema | undefined, depth = 0): fc.Arbitrary<unknown> {
    const s = resolve(schema);
    const hostile = fc.constantFrom(...HOSTILE);
    if (!s || depth > 4) return hostile;
    let valid: fc.Arbitrary<unknown>;
    if (s.enum?.length) valid = fc.constantFrom(...s.enum);
    else if (s.type === 'string' && s.format === 'uuid') valid = fc.oneof(fc.constantFrom(...ids), fc.uuid());
    else if (s.type === 'string' && s.format === 'date-time') valid = fc.date({ min: new Date('2000-01-01'), max: new Date('2100-01-01'), noInvalidDate: true }).map((d) => d.toISOString());
    else if (s.type === 'string') valid = fc.oneof(s.example !== undefined ? fc.constant(s.example) : fc.string({ maxLength: 12 }), fc.string({ minLength: s.minLength ?? 0, maxLength: Math.min(s.maxLength ?? 40, 60) }), fc.stringMatching(/^[0-9]{1,12}$/));
    else if (s.type === 'integer') valid = fc.integer({ min: s.minimum ?? -10, max: Math.min(s.maximum ?? 100_000, 1e9) });
    else if (s.type === 'number') valid = fc.double({ min: s.minimum ?? -10, max: s.maximum ?? 1e6, noNaN: true });
    else if (s.type === 'boolean') valid = fc.boolean();
    else if (s.type === 'array') valid = fc.array(valueOf(s.items, depth + 1), { maxLength: 3 });
    else if (s.type === 'object' || s.properties) {
      const props = s.properties ?? {};
      const keys = Object.keys(props);
      valid = fc.record(Object.fromEntries(keys.map((k) => [k, valueOf(props[k], depth + 1)])), { requiredKeys: (s.required ?? []).filter((k) => keys.includes(k)) });
    } else valid = fc.oneof(fc.string({ maxLength: 10 }), fc.integer());
    return fc.oneof({ arbitrary: valid, weight: 4 }, { arbitrary: hostile, weight: 1 });
  }

  beforeAll(async () => {
    p = await startTestPlatform({ worker: false, env: { VERIFY_RATE_PER_MINUTE: '1000000' } });
    const platform = await platformClients(p.baseUrl, p.db.url);
    const [a, b]: TestOrg[] = await Promise.all([createOrg(p.baseUrl, platform, { roles: ['SUPPLIER'] }), createOrg(p.baseUrl, platform, { roles: ['BUYER'], approve: false })]);
    clients = [
      client(p.baseUrl),
      platform.admin,
      platform.kyc,
      platform.auditor,
      client(p.baseUrl, (await login(p.baseUrl, a.adminEmail)).accessToken),
      client(p.baseUrl, (await login(p.baseUrl, b.memberEmail)).accessToken),
    ];
    sql = new pg.Client({ connectionString: p.db.url });
    await sql.connect();
    ids.push(a.id, b.id, ...(await sql.query('SELECT id FROM users')).rows.map((r: { id: string }) => r.id));
    tables = (await sql.query(`SELECT table_name FROM information_schema.tables WHERE table_schema = 'public' AND table_type = 'BASE TABLE' AND table_name <> 'schema_migrations' ORDER BY 1`)).rows.map((r: { table_name: string }) => r.table_name);
    const doc = (await clients[0]!.get('/api/openapi.json')).body as {
      paths: Record<string, Record<string, { parameters?: Operation['params']; requestBody?: { content: Record<string, { schema: Schema }> } }>>;
      components: { schemas: Record<string, Schema> };
    };
    schemas = doc.components.schemas;
    ops = Object.entries(doc.paths).flatMap(([path, methods]) =>
      Object.entries(methods).map(([method, o]) => ({
        method: method.toUpperCase(),
        path,
        params: (o.parameters ?? []).filter((x) => x.in === 'path' || x.in === 'query'),
        body: o.requestBody?.content['application/json']?.schema,
        multipart: !!o.requestBody?.content['multipart/form-data'],
      })),
    );
  }, 180_000);

  afterAll(async () => {
    await sql?.end();
    await p?.close();
  });

  it('no 5xx, every error in the error shape, refusals write nothing', async () => {
    expect(ops.length).toBeGreaterThan(40);
    const specArb: fc.Arbitrary<Spec> = fc.constantFrom(...ops).chain((op) =>
      fc.record({
        op: fc.constant(op),
        actor: fc.integer({ min: 0, max: clients.length - 1 }),
        pathValues: fc.tuple(
          ...op.params.filter((x) => x.in === 'path').map((x) => fc.oneof({ arbitrary: fc.constantFrom(...ids), weight: 3 }, { arbitrary: valueOf(x.schema).map((v) => String(v)), weight: 2 })),
        ) as fc.Arbitrary<string[]>,
        query: fc.record(Object.fromEntries(op.params.filter((x) => x.in === 'query').map((x) => [x.name, valueOf(x.schema)])), { requiredKeys: [] }),
        body: op.body ? valueOf(op.body) : op.multipart ? fc.constantFrom({ not: 'multipart' }, null) : fc.constant(undefined),
      }),
    );
    const specs = fc.sample(specArb, { seed: SEED, numRuns: REQUESTS });
    const failures: string[] = [];
    const byStatus: Record<number, number> = {};
    let before = await fingerprint();
    for (const [i, s] of specs.entries()) {
      let path = s.op.path;
      for (const [k, v] of s.pathValues.entries()) path = path.replace(/\{[^}]+\}/, enc(v ?? `p${k}`));
      const qs = Object.entries(s.query)
        .filter(([, v]) => v !== undefined)
        .map(([k, v]) => `${enc(k)}=${enc(typeof v === 'string' ? v : JSON.stringify(v))}`)
        .join('&');
      const url = `${path}${qs ? `?${qs}` : ''}`;
      const res = await clients[s.actor]!.call(s.op.method, url, s.op.method === 'GET' ? undefined : s.body === undefined ? undefined : s.body);
      byStatus[res.status] = (byStatus[res.status] ?? 0) + 1;
      const what = `#${i} actor ${s.actor} ${s.op.method} ${url.slice(0, 120)} body ${JSON.stringify(s.body)?.slice(0, 120)} → ${res.status} ${JSON.stringify(res.body)?.slice(0, 200)}`;
      if (res.status >= 500) failures.push(`5xx: ${what}`);
      const isJson = (res.headers.get('content-type') ?? '').includes('json');
      if (res.status >= 400 && isJson && !(res.body && typeof res.body === 'object' && res.body.statusCode === res.status && typeof res.body.message === 'string' && res.body.requestId)) {
        failures.push(`shape: ${what}`);
      }
      if (s.op.method !== 'GET') {
        const after = await fingerprint();
        if (res.status >= 400) {
          for (const [t, h] of after) if (before.get(t) !== h && !WRITTEN_ON_REFUSAL[t]?.(res)) failures.push(`refusal wrote ${t}: ${what}`);
        }
        before = after;
      }
      if (failures.length >= 20) break;
    }
    process.stdout.write(`fuzz: ${specs.length} requests, seed ${SEED}, statuses ${JSON.stringify(byStatus)}\n`);
    expect(failures).toEqual([]);
  }, 1_800_000);
});
