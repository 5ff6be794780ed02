import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import path from 'node:path';

/**
 * What a cached TSDB directory was built from: the shape of its data (`shape`, e.g. its end, span and seed)
 * and the sources of its generator (`entry` and every module it imports), relative to `sourcesRoot`. Any
 * change to either builds the data again.
 */
export async function generatorCacheKey(shape: unknown, entry: string, sourcesRoot: string): Promise<string> {
  const hash = createHash('sha256').update(JSON.stringify(shape));
  for (const file of await moduleAndItsImports(entry)) {
    hash
      .update(path.relative(sourcesRoot, file))
      .update('\0')
      .update(await readFile(file))
      .update('\0');
  }
  return hash.digest('hex');
}

/** `file` and every module it imports by a relative path, directly or not: the sources of the data. */
export async function moduleAndItsImports(file: string, found: Set<string> = new Set()): Promise<string[]> {
  found.add(file);
  const source = await readFile(file, 'utf8');
  for (const [, specifier] of source.matchAll(/from '(\.{1,2}\/[^']+)'/g)) {
    const imported = path.resolve(path.dirname(file), `${specifier}.ts`);
    if (!found.has(imported)) {
      await moduleAndItsImports(imported, found);
    }
  }
  return [...found].sort();
}

/** The stamp a cached directory was left with, or null when it has none (or an unreadable one). */
export async function readStamp<Stamp>(file: string): Promise<Stamp | null> {
  try {
    return JSON.parse(await readFile(file, 'utf8')) as Stamp;
  } catch {
    return null;
  }
}
