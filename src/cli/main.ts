import { UsageError, parseArgs } from './args';
import { type CommandOutput, evaluateCommand, rulesCommand, validateCommand } from './commands';
import { SpecFileError } from './specFile';

const USAGE = `usage:
  slo evaluate --prometheus URL --slos FILE [--at RFC3339|unix] [--format table|json]
               [--fail-on page|ticket|exhausted] [--slo ID] [--timeout SECONDS]
  slo validate FILE
  slo rules FILE
exit codes: 0 ok, 1 a --fail-on gate failed, 2 invalid input or an SLO could not be evaluated`;

export async function run(argv: readonly string[]): Promise<CommandOutput> {
  try {
    const args = parseArgs(argv);
    switch (args.command) {
      case 'evaluate':
        return await evaluateCommand(args);
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

if (require.main === module) {
  run(process.argv.slice(2)).then(
    ({ stdout, stderr, exitCode }) => {
      process.stdout.write(stdout);
      process.stderr.write(stderr);
      process.exitCode = exitCode;
    },
    (error: unknown) => {
      process.stderr.write(`slo: ${error instanceof Error ? error.message : String(error)}\n`);
      process.exitCode = 2;
    }
  );
}
