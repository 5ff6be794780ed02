import { UsageError, parseArgs } from './args';
import { type CommandOutput, type EvaluateContext, evaluateCommand, rulesCommand, validateCommand } from './commands';
import { backtestCommand } from './backtestCommand';
import { SpecFileError } from './specFile';

const USAGE = `usage:
  slo evaluate --prometheus URL --slos FILE [--at RFC3339|unix] [--format table|json]
               [--fail-on page|ticket|exhausted] [--slo ID] [--timeout SECONDS]
  slo backtest --prometheus URL --slos FILE [--from RFC3339|unix] [--to RFC3339|unix]
               [--format table|json] [--slo ID] [--timeout SECONDS]
  slo validate FILE
  slo rules FILE
  --timeout bounds all the queries of one SLO together (default 30 s)
  backtest covers each SLO's last period ending at --to (now) unless --from is given
exit codes: 0 ok, 1 a --fail-on gate failed, 2 invalid input or an SLO could not be evaluated`;

export async function run(argv: readonly string[], context: EvaluateContext = {}): Promise<CommandOutput> {
  try {
    const args = parseArgs(argv);
    switch (args.command) {
      case 'evaluate':
        return await evaluateCommand(args, context);
      case 'backtest':
        return await backtestCommand(args, context);
      case 'validate':
        return validateCommand(args);
      case 'rules':
        return rulesCommand(args);
      case 'help':
      case undefined:
        return { stdout: `${USAGE}\n`, stderr: '', exitCode: args.command === 'help' ? 0 : 2 };
      default:
        throw new UsageError(`unknown command "${args.command}"`);
    }
  } catch (error) {
    if (error instanceof UsageError) {
      return { stdout: '', stderr: `slo: ${error.message}\n${USAGE}\n`, exitCode: 2 };
    }
    if (error instanceof SpecFileError) {
      return { stdout: '', stderr: `slo: ${error.message}\n`, exitCode: 2 };
    }
    throw error;
  }
}

/** The parts of Node's `process` the command-line tool uses (a fake in tests). */
export interface CliProcess {
  stdout: { write(text: string): unknown };
  stderr: { write(text: string): unknown };
  exitCode?: number | string | null;
  on(event: 'SIGINT' | 'SIGTERM' | 'beforeExit', listener: (signal: NodeJS.Signals) => void): unknown;
  off(event: 'SIGINT' | 'SIGTERM' | 'beforeExit', listener: (signal: NodeJS.Signals) => void): unknown;
  exit(code: number): void;
}

/**
 * Runs the tool as a process: prints the output and sets the exit code. It never ends silently: should the
 * event loop run dry before the run completes (a promise nothing can settle any more), `beforeExit` says so
 * and exits 2. Ctrl-C (or SIGTERM) gives up: running queries are abandoned, so Prometheus cancels them, and
 * the report lists every SLO not evaluated with that as its error; a second one exits at once.
 */
export async function main(
  argv: readonly string[],
  proc: CliProcess = process,
  runCommand: typeof run = run
): Promise<void> {
  const interrupt = new AbortController();
  let completed = false;
  const onSignal = (signal: NodeJS.Signals) => {
    if (interrupt.signal.aborted) {
      proc.exit(130);
      return;
    }
    proc.stderr.write(`slo: ${signal}: giving up; the report follows\n`);
    interrupt.abort(new Error(`interrupted (${signal}) before its answers arrived: its queries were cancelled`));
  };
  const onBeforeExit = () => {
    if (!completed) {
      completed = true;
      proc.stderr.write(
        `slo: ${argv[0] ?? 'slo'} stopped before it completed: nothing was left running that could finish it ` +
          `(a bug in slo; please report it); no report\n`
      );
      proc.exitCode = 2;
    }
  };
  proc.on('SIGINT', onSignal);
  proc.on('SIGTERM', onSignal);
  proc.on('beforeExit', onBeforeExit);
  try {
    const { stdout, stderr, exitCode } = await runCommand(argv, { signal: interrupt.signal });
    proc.stdout.write(stdout);
    proc.stderr.write(stderr);
    proc.exitCode = exitCode;
  } catch (error) {
    proc.stderr.write(`slo: ${error instanceof Error ? error.message : String(error)}\n`);
    proc.exitCode = 2;
  } finally {
    completed = true;
    proc.off('SIGINT', onSignal);
    proc.off('SIGTERM', onSignal);
    proc.off('beforeExit', onBeforeExit);
  }
}

if (require.main === module) {
  void main(process.argv.slice(2));
}
