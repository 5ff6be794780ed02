export interface ParsedArgs {
  command: string | undefined;
  positional: string[];
  options: Record<string, string>;
}

/** The options each command takes, all with a value: any other is a usage error, never silently ignored. */
export const COMMAND_OPTIONS: Record<string, readonly string[]> = {
  evaluate: ['prometheus', 'slos', 'at', 'format', 'fail-on', 'timeout', 'slo'],
  backtest: ['prometheus', 'slos', 'from', 'to', 'format', 'timeout', 'slo'],
  validate: [],
  rules: [],
  help: [],
};

export class UsageError extends Error {}

/**
 * `evaluate --prometheus URL --slos FILE`; also accepts `--name=value`. An option the command does not take
 * (`backtest --at`, a misspelt `--form`) is rejected: ignored, it would print a report of something else.
 */
export function parseArgs(argv: readonly string[]): ParsedArgs {
  const [command, ...rest] = argv;
  const positional: string[] = [];
  const options: Record<string, string> = {};
  // Unknown commands are told apart later, by name.
  const accepted =
    command !== undefined && Object.hasOwn(COMMAND_OPTIONS, command) ? COMMAND_OPTIONS[command] : undefined;
  for (let i = 0; i < rest.length; i++) {
    const arg = rest[i];
    if (!arg.startsWith('--')) {
      positional.push(arg);
      continue;
    }
    const [name, inlineValue] = arg.slice(2).split(/=(.*)/s, 2);
    if (accepted !== undefined && !accepted.includes(name)) {
      throw new UsageError(
        accepted.length === 0
          ? `${command} takes no options, got --${name}`
          : `${command} does not take --${name}; its options: ${accepted.map((one) => `--${one}`).join(', ')}`
      );
    }
    const value = inlineValue ?? rest[++i];
    if (value === undefined || value.startsWith('--')) {
      throw new UsageError(`--${name} needs a value`);
    }
    options[name] = value;
  }
  return { command, positional, options };
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
