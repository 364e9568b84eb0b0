import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';

/**
 * No lib reads or writes another lib's tables: each lib owns the tables its own migrations create,
 * and every SQL string of a lib names only those (others are reached through the owner's public
 * API). libs/platform composes the schema and is exempt. Nothing here is hand-listed: the
 * ownership is derived from the migrations, the SQL from the sources.
 */
const root = process.cwd();
const libsDir = join(root, 'libs');
const libs = readdirSync(libsDir).filter((d) => statSync(join(libsDir, d)).isDirectory());

function files(dir: string, keep: (path: string) => boolean): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return files(path, keep);
    return keep(path) ? [path] : [];
  });
}
const isMigration = (path: string) => /[/\\]migrations[/\\]/.test(path);
const isSource = (path: string) => path.endsWith('.ts') && !path.endsWith('.spec.ts') && !path.endsWith('.d.ts');

/** lib → the tables its migrations create. */
export function tablesByLib(): Map<string, Set<string>> {
  const owned = new Map<string, Set<string>>();
  for (const lib of libs) {
    const tables = new Set<string>();
    for (const f of files(join(libsDir, lib, 'src'), (p) => isMigration(p) && isSource(p))) {
      for (const m of readFileSync(f, 'utf8').matchAll(/CREATE TABLE (?:IF NOT EXISTS )?"?([a-z_][a-z0-9_]*)"?/g)) tables.add(m[1]!);
    }
    owned.set(lib, tables);
  }
  return owned;
}

/** String and template literals of a source file (comments stripped first, good enough for SQL). */
export function stringLiterals(source: string): string[] {
  const code = source.replace(/\/\*[\s\S]*?\*\//g, '').replace(/(^|[^:'"`])\/\/.*$/gm, '$1');
  return [...code.matchAll(/`(?:\\[\s\S]|[^\\`])*`|'(?:\\.|[^\\'\n])*'|"(?:\\.|[^\\"\n])*"/g)].map((m) => m[0]);
}

/** Table names a SQL text reads or writes (keywords upper-case, as this codebase writes SQL). */
export function tablesNamed(sql: string): string[] {
  return [...sql.matchAll(/\b(?:FROM|JOIN|UPDATE|INTO|TABLE|EXISTS)\s+(?:ONLY\s+)?"?([a-z_][a-z0-9_]*)"?/g)].map((m) => m[1]!);
}

describe('lib table boundaries', () => {
  const owned = tablesByLib();
  const owner = new Map<string, string>();
  for (const [lib, tables] of owned) for (const t of tables) owner.set(t, lib);

  it('every table is created by exactly one lib', () => {
    const seen = new Map<string, string[]>();
    for (const [lib, tables] of owned) for (const t of tables) seen.set(t, [...(seen.get(t) ?? []), lib]);
    expect([...seen].filter(([, l]) => l.length > 1)).toEqual([]);
    // the schema is not empty: the derivation itself works
    expect(owner.get('organizations')).toBe('identity');
    expect(owner.get('chain_jobs')).toBe('chain');
    expect(owner.get('bills')).toBe('bills');
  });

  it('finds a foreign table in planted SQL (the check can fail)', () => {
    const planted = 'const rows = await m.query(`SELECT id, legal_name FROM organizations o JOIN wallets w ON w.organization_id = o.id`);';
    expect(stringLiterals(planted).flatMap(tablesNamed)).toEqual(['organizations', 'wallets']);
    expect(stringLiterals("throw new Error('no wallet from organizations');").flatMap(tablesNamed)).toEqual([]);
  });

  it("no lib's SQL names another lib's table", () => {
    const violations: string[] = [];
    for (const lib of libs.filter((l) => l !== 'platform')) {
      for (const f of files(join(libsDir, lib, 'src'), (p) => isSource(p) && !isMigration(p))) {
        for (const literal of stringLiterals(readFileSync(f, 'utf8'))) {
          for (const table of tablesNamed(literal)) {
            const by = owner.get(table);
            if (by && by !== lib) violations.push(`${relative(root, f)}: ${table} (owned by libs/${by})`);
          }
        }
      }
    }
    expect(violations).toEqual([]);
  });

  it("no lib uses another lib's entity class as a value (repositories, query builders)", () => {
    const violations: string[] = [];
    for (const lib of libs.filter((l) => l !== 'platform')) {
      for (const f of files(join(libsDir, lib, 'src'), (p) => isSource(p) && !isMigration(p) && !p.endsWith('index.ts'))) {
        for (const m of readFileSync(f, 'utf8').matchAll(/import\s*\{([^}]*)\}\s*from\s*'#([a-z]+)'/g)) {
          if (m[2] === lib) continue;
          const values = m[1]!
            .split(',')
            .map((s) => s.trim())
            .filter((s) => s && !s.startsWith('type '));
          for (const name of values.filter((n) => /Entity$/.test(n))) violations.push(`${relative(root, f)}: ${name} from #${m[2]}`);
        }
      }
    }
    expect(violations).toEqual([]);
  });
});
