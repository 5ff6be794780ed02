import { DAY_SECONDS, HOUR_SECONDS, MINUTE_SECONDS, assertOnScrapeGrid } from './timeline';

/** `--name value` and `--name=value` options; anything else is an error. */
export function parseOptions(argv: readonly string[], allowed: readonly string[]): Map<string, string> {
  const options = new Map<string, string>();
  for (let index = 0; index < argv.length; index++) {
    const match = /^--([a-z-]+)(?:=(.*))?$/.exec(argv[index]);
    if (!match || !allowed.includes(match[1])) {
      throw new Error(`unknown argument ${argv[index]}; expected ${allowed.map((name) => `--${name}`).join(', ')}`);
    }
    const value = match[2] ?? argv[++index];
    if (value === undefined) {
      throw new Error(`--${match[1]} needs a value`);
    }
    options.set(match[1], value);
  }
  return options;
}

const UNIT_SECONDS: Record<string, number> = { m: MINUTE_SECONDS, h: HOUR_SECONDS, d: DAY_SECONDS };

/**
 * Unix seconds, `now` (the current time rounded down to the minute), or `now+1d` style offsets for data
 * that should stay fresh for a while after a demo starts.
 */
export function parseEnd(text: string, nowMillis: number = Date.now()): number {
  const relative = /^now(?:\+(\d+)([mhd]))?$/.exec(text);
  if (relative) {
    const now = Math.floor(nowMillis / 1000 / MINUTE_SECONDS) * MINUTE_SECONDS;
    return relative[1] === undefined ? now : now + Number(relative[1]) * UNIT_SECONDS[relative[2]];
  }
  if (!/^\d+$/.test(text)) {
    throw new Error(`--end must be Unix seconds, "now" or "now+<n>m|h|d", got ${text}`);
  }
  const end = Number(text);
  assertOnScrapeGrid(end, '--end');
  return end;
}

export function parseInteger(text: string, what: string): number {
  if (!/^-?\d+$/.test(text)) {
    throw new Error(`${what} must be an integer, got ${text}`);
  }
  return Number(text);
}

/**
 * Runs a command-line entry point, printing only the message of a failure. Ctrl-C and SIGTERM exit the
 * process through `process.exit`, so that `exit` handlers remove temporary files and child processes.
 */
export function runMain(main: () => Promise<void>): void {
  process.on('SIGINT', exitOnSignal);
  process.on('SIGTERM', exitOnSignal);
  main().then(
    () => stopExitingOnSignals(),
    (error: unknown) => {
      console.error(error instanceof Error ? error.message : error);
      process.exit(1);
    }
  );
}

/** Resolves at the next SIGINT or SIGTERM, instead of exiting. */
export function nextInterrupt(): Promise<void> {
  stopExitingOnSignals();
  return new Promise((resolve) => {
    process.once('SIGINT', () => resolve());
    process.once('SIGTERM', () => resolve());
  });
}

function exitOnSignal(): void {
  process.exit(130);
}

function stopExitingOnSignals(): void {
  process.off('SIGINT', exitOnSignal);
  process.off('SIGTERM', exitOnSignal);
}
