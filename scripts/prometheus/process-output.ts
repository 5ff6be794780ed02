import { spawn } from 'node:child_process';

/** The last lines a child process printed, for error messages. */
export class OutputTail {
  private lines: string[] = [];
  private partial = '';

  constructor(private readonly maxLines: number) {}

  append(chunk: Buffer | string): void {
    const parts = (this.partial + chunk.toString()).split('\n');
    this.partial = parts.pop() ?? '';
    this.lines.push(...parts);
    if (this.lines.length > this.maxLines) {
      this.lines = this.lines.slice(-this.maxLines);
    }
  }

  toString(): string {
    return [...this.lines, this.partial].filter((line) => line !== '').join('\n');
  }
}

/** Runs a command to completion; rejects with its output if it fails. */
export function runCommand(command: string, args: readonly string[]): Promise<void> {
  return new Promise((resolve, reject) => {
    const output = new OutputTail(30);
    const child = spawn(command, args, { stdio: ['ignore', 'pipe', 'pipe'] });
    const killOnExit = () => child.kill('SIGKILL');
    process.on('exit', killOnExit);
    child.on('exit', () => process.off('exit', killOnExit));
    child.stdout.on('data', (chunk: Buffer) => output.append(chunk));
    child.stderr.on('data', (chunk: Buffer) => output.append(chunk));
    child.on('error', reject);
    child.on('close', (code, signal) => {
      if (code === 0) {
        resolve();
      } else {
        reject(new Error(`${command} ${args.join(' ')} failed (${signal ?? `exit ${code}`}):\n${output}`));
      }
    });
  });
}
