import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';

export interface SanctionsEntry {
  line: number;
  name: string;
  aliases: string[];
  country: string | null;
  listName: string;
}

export interface SanctionsList {
  sha256: string;
  entries: SanctionsEntry[];
}

/** RFC 4180 fields (quotes, doubled quotes, commas inside quotes). */
function parseCsvLine(line: string): string[] {
  const out: string[] = [];
  let cur = '';
  let quoted = false;
  for (let i = 0; i < line.length; i++) {
    const ch = line[i]!;
    if (quoted) {
      if (ch === '"' && line[i + 1] === '"') {
        cur += '"';
        i++;
      } else if (ch === '"') quoted = false;
      else cur += ch;
    } else if (ch === '"') quoted = true;
    else if (ch === ',') {
      out.push(cur);
      cur = '';
    } else cur += ch;
  }
  out.push(cur);
  return out.map((f) => f.trim());
}

/**
 * Reads the sanctions list file: a CSV with the header `name,aliases,country,list`, aliases
 * separated by `;`, country as ISO 3166 alpha-2 (may be empty).
 */
export function loadSanctionsList(file: string): SanctionsList {
  const text = readFileSync(file, 'utf8');
  const lines = text.split(/\r?\n/);
  const header = parseCsvLine(lines[0] ?? '').map((h) => h.toLowerCase());
  if (header.join(',') !== 'name,aliases,country,list') {
    throw new Error(`sanctions list ${file}: the header must be "name,aliases,country,list"`);
  }
  const entries: SanctionsEntry[] = [];
  lines.slice(1).forEach((raw, i) => {
    if (!raw.trim()) return;
    const [name, aliases, country, listName] = parseCsvLine(raw);
    if (!name) throw new Error(`sanctions list ${file}, line ${i + 2}: the name is empty`);
    entries.push({
      line: i + 2,
      name,
      aliases: (aliases ?? '').split(';').map((a) => a.trim()).filter(Boolean),
      country: country || null,
      listName: listName || 'UNNAMED',
    });
  });
  return { sha256: createHash('sha256').update(text).digest('hex'), entries };
}
