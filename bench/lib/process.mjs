// Shared helpers of the bench scripts: environment knobs, free ports, the processes a bench starts
// (output capture, stop with a deadline, leftovers), and measurement of processes from /proc
// (process trees, CPU ticks, RSS/PSS). Every wait has a deadline; nothing here kills a process
// it did not start (leftovers are checked by start time, so never a reused pid).
import { execFileSync, spawn } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { createServer } from 'node:net';
import os from 'node:os';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

export const REPO = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');
export const HOST = '127.0.0.1';
/** Linux USER_HZ: /proc CPU times are in these ticks. */
export const CLK_TCK = 100;

export const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

/** An integer knob from the environment, checked against its range (a bad value stops the bench with one line). */
export function intEnv(key, def, min, max) {
  const raw = process.env[key];
  if (raw === undefined || raw.trim() === '') return def;
  const n = Number(raw);
  if (!Number.isInteger(n) || n < min || n > max) throw new Error(`${key} must be an integer from ${min} to ${max} (got "${raw}")`);
  return n;
}

export const round = (n, d = 1) => (n === null || n === undefined || Number.isNaN(n) ? null : Math.round(n * 10 ** d) / 10 ** d);
export const ratio = (a, b) => (b ? Math.round((a / b) * 100) / 100 : null);
export const fmt = (n, d = 1) => (n === undefined || n === null || Number.isNaN(n) ? '-' : Number(n).toFixed(d));

export function quantile(values, q) {
  const v = values.filter((x) => x !== null && x !== undefined && !Number.isNaN(x)).sort((a, b) => a - b);
  if (!v.length) return null;
  return v[Math.min(v.length - 1, Math.max(0, Math.ceil(q * v.length) - 1))];
}

// ---------------------------------------------------------------------------------------------
// Paths, passwords and tokens of a run never go into a report: every bench registers them here.

export const scrubbers = [];
export function scrub(text) {
  let s = String(text);
  for (const [from, to] of scrubbers) if (from) s = s.split(from).join(to);
  return s;
}
/** The paths of this machine every report hides. */
export function scrubMachinePaths() {
  scrubbers.push([REPO, '<repo>'], [os.tmpdir(), '<tmp>'], [os.homedir(), '<home>']);
}

// ---------------------------------------------------------------------------------------------
// Ports

export function freePort() {
  return new Promise((resolvePort, reject) => {
    const srv = createServer();
    srv.unref();
    srv.on('error', reject);
    srv.listen(0, HOST, () => {
      const { port } = srv.address();
      srv.close(() => resolvePort(port));
    });
  });
}

export async function distinctFreePorts(n) {
  const ports = new Set();
  for (let i = 0; i < n * 10 && ports.size < n; i++) ports.add(await freePort());
  if (ports.size < n) throw new Error('could not find enough free ports');
  return [...ports];
}

// ---------------------------------------------------------------------------------------------
// /proc: process trees, CPU, memory

/**
 * One process from /proc/<pid>/stat. `ownCpuTicks`: its utime + stime; `cpuTicks`: with the
 * reaped children's cutime + cstime (a PostgreSQL backend that exits is reaped by the postmaster,
 * so sums over a tree stay monotonic).
 */
export function readStat(pid) {
  try {
    const s = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const close = s.lastIndexOf(')');
    const comm = s.slice(s.indexOf('(') + 1, close);
    const f = s.slice(close + 2).split(' ');
    const ownCpuTicks = Number(f[11]) + Number(f[12]);
    return { pid, comm, state: f[0], ppid: Number(f[1]), ownCpuTicks, cpuTicks: ownCpuTicks + Number(f[13]) + Number(f[14]), starttime: f[19] };
  } catch {
    return undefined; // gone
  }
}

/** The process and all its descendants (walks the parent ids of /proc/<pid>/stat). */
export function processTree(rootPid) {
  const byParent = new Map();
  const all = new Map();
  for (const name of readdirSync('/proc')) {
    if (!/^\d+$/.test(name)) continue;
    const st = readStat(Number(name));
    if (!st) continue;
    all.set(st.pid, st);
    if (!byParent.has(st.ppid)) byParent.set(st.ppid, []);
    byParent.get(st.ppid).push(st);
  }
  const root = all.get(rootPid);
  if (!root) return [];
  const out = [root];
  for (let i = 0; i < out.length && i < 10_000; i++) out.push(...(byParent.get(out[i].pid) ?? []));
  return out;
}

export function groupOf(comm) {
  if (comm.startsWith('node')) return 'node';
  if (comm.startsWith('postgres') || comm === 'postmaster') return 'postgres';
  if (comm.startsWith('anvil')) return 'anvil';
  return 'other';
}

/** Busy CPU ticks of the whole machine (all cores), from /proc/stat. */
export function machineBusyTicks() {
  const [user, nice, system, , , irq, softirq, steal] = readFileSync('/proc/stat', 'utf8')
    .split('\n')[0]
    .trim()
    .split(/\s+/)
    .slice(1)
    .map(Number);
  return user + nice + system + irq + softirq + steal;
}

/**
 * Starts a CPU meter over the trees of `rootPids`; the function it returns gives the CPU seconds
 * of their node processes, PostgreSQL and anvil since the start, of this process (the bench
 * client), of everything else on the machine, and the wall time.
 */
export function cpuMeter(rootPids) {
  const snap = () => {
    const groups = {};
    for (const p of rootPids.flatMap(processTree)) groups[groupOf(p.comm)] = (groups[groupOf(p.comm)] ?? 0) + p.cpuTicks;
    const self = process.cpuUsage();
    return { groups, self: (self.user + self.system) / 1e6, machine: machineBusyTicks(), t: Date.now() };
  };
  const before = snap();
  return () => {
    const after = snap();
    const out = {};
    for (const k of ['node', 'postgres', 'anvil']) out[k] = round(((after.groups[k] ?? 0) - (before.groups[k] ?? 0)) / CLK_TCK, 1);
    out.benchClient = round(after.self - before.self, 1);
    const machine = (after.machine - before.machine) / CLK_TCK;
    out.otherOnMachine = round(Math.max(0, machine - out.node - out.postgres - out.anvil - out.benchClient), 1);
    out.wallS = round((after.t - before.t) / 1000, 1);
    return out;
  };
}

function kbField(text, field) {
  const m = new RegExp(`^${field}:\\s+(\\d+) kB`, 'm').exec(text);
  return m ? Number(m[1]) : 0;
}

/** RSS (VmRSS, what `ps` shows; shared pages counted in every process) and PSS (shared pages split) of a tree, by group. */
export function memorySample(rootPid, exclude = new Set()) {
  const groups = {};
  let rssKB = 0;
  let pssKB = 0;
  for (const p of processTree(rootPid)) {
    if (exclude.has(p.pid)) continue;
    let rss;
    let pss = 0;
    try {
      rss = kbField(readFileSync(`/proc/${p.pid}/status`, 'utf8'), 'VmRSS');
    } catch {
      continue;
    }
    try {
      pss = kbField(readFileSync(`/proc/${p.pid}/smaps_rollup`, 'utf8'), 'Pss');
    } catch {
      /* not readable: leave 0 */
    }
    const g = (groups[groupOf(p.comm)] ??= { processes: 0, rssKB: 0, pssKB: 0 });
    g.processes++;
    g.rssKB += rss;
    g.pssKB += pss;
    rssKB += rss;
    pssKB += pss;
  }
  return { t: Date.now(), rssKB, pssKB, groups };
}

export const mb = (kb) => Math.round((kb / 1024) * 10) / 10;

/** A memory sample in MB, by group. */
export function sampleMB(s) {
  const groups = {};
  for (const [g, v] of Object.entries(s.groups)) groups[g] = { rssMB: mb(v.rssKB), pssMB: mb(v.pssKB), processes: v.processes };
  return { rssMB: mb(s.rssKB), pssMB: mb(s.pssKB), groups };
}

/** The machine a report was measured on, and the commit (marked when the working tree has changes). */
export function machineInfo() {
  const cpus = os.cpus();
  let commit = 'unknown (not a git checkout)';
  let dirty = false;
  try {
    const git = (args) => execFileSync('git', args, { cwd: REPO, encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim();
    commit = git(['rev-parse', '--short', 'HEAD']);
    dirty = git(['status', '--porcelain', '--untracked-files=no']) !== '';
  } catch {
    /* not a git checkout */
  }
  return {
    cpuModel: cpus[0]?.model?.trim() ?? 'unknown',
    cores: cpus.length,
    totalMemoryGB: Math.round((os.totalmem() / 1024 ** 3) * 10) / 10,
    node: process.version,
    os: `${os.type()} ${os.release()} ${os.arch()}`,
    commit: dirty ? `${commit} (working tree has uncommitted changes)` : commit,
  };
}

// ---------------------------------------------------------------------------------------------
// Child processes

/** Every process this bench started, by name. */
export const children = {};

/**
 * Starts `node <args>` in its own process group (a Ctrl-C in the terminal reaches only the bench,
 * which then stops each child exactly once). Keeps the last 2,000 stdout lines, the stderr tail,
 * the first 20 log lines at warn or above; `intercept(line)` returning true swallows a line
 * before all that; `entry.onLine` sees every kept line. `cwd` defaults to the repository.
 */
export function launch(name, args, env, { intercept, cwd = REPO } = {}) {
  const child = spawn(process.execPath, args, { cwd, env, detached: true, stdio: ['ignore', 'pipe', 'pipe'] });
  const entry = { name, child, stdoutLines: [], stderrTail: '', warnings: [], exitCode: undefined, exitSignal: undefined, onLine: undefined };
  entry.exited = new Promise((r) =>
    child.once('exit', (code, signal) => {
      entry.exitCode = code;
      entry.exitSignal = signal;
      r();
    }),
  );
  let buf = '';
  child.stdout.setEncoding('utf8');
  child.stdout.on('data', (chunk) => {
    buf += chunk;
    let nl;
    while ((nl = buf.indexOf('\n')) >= 0) {
      const line = buf.slice(0, nl);
      buf = buf.slice(nl + 1);
      if (intercept?.(line)) continue;
      entry.stdoutLines.push(line);
      if (entry.stdoutLines.length > 2_000) entry.stdoutLines.shift();
      if (entry.warnings.length < 20 && line.startsWith('{')) {
        try {
          const j = JSON.parse(line);
          if (j.level >= 40) entry.warnings.push(scrub(JSON.stringify(j).slice(0, 600)));
        } catch {
          /* not a log line */
        }
      }
      entry.onLine?.(line);
    }
    if (buf.length > 1_000_000) buf = '';
  });
  child.stderr.setEncoding('utf8');
  child.stderr.on('data', (chunk) => {
    entry.stderrTail = (entry.stderrTail + chunk).slice(-8_000);
  });
  children[name] = entry;
  return entry;
}

export const alive = (entry) => Boolean(entry) && entry.exitCode === undefined && entry.exitSignal === undefined;
export const tail = (entry) => scrub(`${entry.stdoutLines.slice(-15).join('\n')}\n${entry.stderrTail}`.trim().slice(-4_000));

/** Waits until the child prints a line starting with `prefix` (also one printed before the call). */
export async function waitForLine(entry, prefix, timeoutMs) {
  if (entry.stdoutLines.some((l) => l.startsWith(prefix))) return;
  await new Promise((res, rej) => {
    const timer = setTimeout(() => rej(new Error(`${entry.name} did not print "${prefix}" within ${timeoutMs} ms:\n${tail(entry)}`)), timeoutMs);
    const prev = entry.onLine;
    entry.onLine = (line) => {
      prev?.(line);
      if (line.startsWith(prefix)) {
        clearTimeout(timer);
        entry.onLine = prev;
        res();
      }
    };
    entry.exited.then(() => {
      clearTimeout(timer);
      rej(new Error(`${entry.name} exited (code ${entry.exitCode}, signal ${entry.exitSignal}):\n${tail(entry)}`));
    });
  });
}

/** Polls `url` every 250 ms until it answers 200; returns the milliseconds it took. */
export async function waitForHealth(entry, url, timeoutMs) {
  const started = Date.now();
  let last = 'no answer yet';
  while (Date.now() - started < timeoutMs) {
    if (!alive(entry)) throw new Error(`${entry.name} exited during start (code ${entry.exitCode}, signal ${entry.exitSignal}):\n${tail(entry)}`);
    try {
      const res = await fetch(url, { signal: AbortSignal.timeout(2_000) });
      await res.arrayBuffer();
      if (res.status === 200) return Date.now() - started;
      last = `HTTP ${res.status}`;
    } catch (err) {
      last = err.cause?.code ?? err.message;
    }
    await sleep(250);
  }
  throw new Error(`${entry.name}: GET ${new URL(url).pathname} did not answer 200 within ${timeoutMs / 1000} s (last: ${last}):\n${tail(entry)}`);
}

/** Sends `signal`, waits at most `timeoutMs`, then SIGKILL. */
export async function stopChild(name, signal, timeoutMs) {
  const entry = children[name];
  if (!alive(entry)) return { ms: 0, forced: false };
  const started = Date.now();
  try {
    entry.child.kill(signal);
  } catch {
    /* already gone */
  }
  const timedOut = await Promise.race([entry.exited.then(() => false), sleep(timeoutMs).then(() => true)]);
  if (timedOut && alive(entry)) {
    process.stderr.write(`[bench] ${name} did not stop within ${timeoutMs} ms after ${signal}: SIGKILL\n`);
    try {
      entry.child.kill('SIGKILL');
    } catch {
      /* gone */
    }
    await Promise.race([entry.exited, sleep(5_000)]);
  }
  return { ms: Date.now() - started, forced: timedOut };
}

/** Kills what is left of a process tree this bench started (same pid, start time and name as in the snapshot). */
export function killLeftovers(snapshot) {
  const left = [];
  for (const p of snapshot) {
    const now = readStat(p.pid);
    if (now && now.starttime === p.starttime && now.comm === p.comm) {
      left.push(`${p.comm}(${p.pid}, state ${now.state})`);
      try {
        process.kill(p.pid, 'SIGKILL');
      } catch {
        /* gone */
      }
    }
  }
  return left;
}

/** Last resort when a bench exits without its cleanup: ask every child still running to stop. */
export function stopChildrenOnExit(signalOf = () => 'SIGINT') {
  process.once('exit', () => {
    for (const [name, entry] of Object.entries(children)) {
      if (!alive(entry)) continue;
      try {
        entry.child.kill(signalOf(name));
      } catch {
        /* gone */
      }
    }
  });
}
