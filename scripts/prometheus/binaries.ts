import { accessSync, constants, statSync } from 'node:fs';
import path from 'node:path';

/**
 * The executable named by the environment variable `envVar`, else `name` on the PATH; null if neither
 * is an executable file.
 */
export function findExecutable(name: string, envVar: string): string | null {
  const configured = process.env[envVar];
  if (configured) {
    return isExecutableFile(configured) ? path.resolve(configured) : null;
  }
  for (const directory of (process.env.PATH ?? '').split(path.delimiter)) {
    const candidate = path.join(directory || '.', name);
    if (isExecutableFile(candidate)) {
      return candidate;
    }
  }
  return null;
}

export function findPrometheusBinary(): string | null {
  return findExecutable('prometheus', 'PROMETHEUS_BIN');
}

export function findPromtoolBinary(): string | null {
  return findExecutable('promtool', 'PROMTOOL_BIN');
}

function isExecutableFile(file: string): boolean {
  try {
    accessSync(file, constants.X_OK);
    return statSync(file).isFile();
  } catch {
    return false;
  }
}
