export interface SpecProblem {
  /** Where the problem is, e.g. `slos[3].sli.events.totalQuery`. */
  path: string;
  message: string;
  /** Warnings (an unknown field) keep the SLO; errors reject it. */
  severity: 'error' | 'warning';
}

/** Collects problems under a path prefix; `errorCount` tells whether the SLO under it is usable. */
export class ProblemList {
  constructor(
    readonly problems: SpecProblem[] = [],
    private readonly prefix = ''
  ) {}

  at(segment: string | number): ProblemList {
    const path =
      typeof segment === 'number' ? `${this.prefix}[${segment}]` : this.prefix ? `${this.prefix}.${segment}` : segment;
    return new ProblemList(this.problems, path);
  }

  error(message: string): void {
    this.problems.push({ path: this.prefix, message, severity: 'error' });
  }

  warning(message: string): void {
    this.problems.push({ path: this.prefix, message, severity: 'warning' });
  }

  get path(): string {
    return this.prefix;
  }

  errorCountUnder(): number {
    return this.problems.filter((problem) => problem.severity === 'error' && isUnder(problem.path, this.prefix)).length;
  }
}

function isUnder(path: string, prefix: string): boolean {
  return path === prefix || path.startsWith(`${prefix}.`) || path.startsWith(`${prefix}[`);
}

export function formatProblem(problem: SpecProblem): string {
  return problem.path ? `${problem.path}: ${problem.message}` : problem.message;
}
