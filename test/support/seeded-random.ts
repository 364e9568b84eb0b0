// One seeded PRNG for the tests that draw at random (crash points, chaos kills, property runs), so
// that a failing run can be replayed from the seed it prints.
import { randomBytes } from 'node:crypto';

/** mulberry32: a small, fast, seeded PRNG; each call returns a number in [0, 1). */
export function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}

/** The seed named by the environment variable, else a fresh random one (print it to replay). */
export function seedFromEnv(name: string): number {
  const fromEnv = process.env[name];
  return fromEnv ? Number(fromEnv) : Number.parseInt(randomBytes(4).toString('hex'), 16);
}

/** A crash test's draws: the seed (from `envName`, else fresh), its PRNG, and a pick of one item. */
export function seededDraws(envName: string): { seed: number; random: () => number; pick: <T>(items: readonly T[]) => T } {
  const seed = seedFromEnv(envName);
  const random = prng(seed);
  return { seed, random, pick: <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)]! };
}
