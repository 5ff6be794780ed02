export interface ParsedArgs {
  command: string | undefined;
  positional: string[];
  options: Record<string, string>;
  flags: Set<string>;
}

const VALUE_OPTIONS = new Set(['prometheus', 'slos', 'at', 'format', 'fail-on', 'timeout', 'slo', 'from', 'to']);

export class UsageError extends Error {}

/** `evaluate --prometheus URL --slos FILE`; also accepts `--name=value`. */
export function parseArgs(argv: readonly string[]): ParsedArgs {
  const [command, ...rest] = argv;
  const positional: string[] = [];
  const options: Record<string, string> = {};
  const flags = new Set<string>();
  for (let i = 0; i < rest.length; i++) {
    const arg = rest[i];
    if (!arg.startsWith('--')) {
      positional.push(arg);
      continue;
    }
    const [name, inlineValue] = arg.slice(2).split(/=(.*)/s, 2);
    if (!VALUE_OPTIONS.has(name)) {
      flags.add(name);
      continue;
    }
    const value = inlineValue ?? rest[++i];
    if (value === undefined || value.startsWith('--')) {
      throw new UsageError(`--${name} needs a value`);
    }
    options[name] = value;
  }
  return { command, positional, options, flags };
}

/** RFC 3339 (`2026-11-01T10:00:00Z`) or Unix seconds. */
export function parseTime(text: string, option = '--at'): number {
  if (/^\d+(\.\d+)?$/.test(text)) {
    return Number(text);
  }
  const millis = Date.parse(text);
  if (!/^\d{4}-\d{2}-\d{2}T/.test(text) || Number.isNaN(millis)) {
    throw new UsageError(`${option} "${text}" is neither RFC 3339 (2026-11-01T10:00:00Z) nor Unix seconds`);
  }
  return millis / 1000;
}
