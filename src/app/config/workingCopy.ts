import { type SpecProblem, validateSloSpecs } from '../../domain';
import { problemIndex } from './fieldProblems';

/** An SLO as written in `jsonData.slos`: kept as is, valid or not, until the user fixes or deletes it. */
export type SloEntry = unknown;

export function entryId(entry: SloEntry): string | undefined {
  if (typeof entry !== 'object' || entry === null || Array.isArray(entry)) {
    return undefined;
  }
  const id = (entry as Record<string, unknown>).id;
  return typeof id === 'string' && id.trim() !== '' ? id.trim() : undefined;
}

export function addEntry(slos: readonly SloEntry[], entry: SloEntry): SloEntry[] {
  return [...slos, entry];
}

export function replaceEntry(slos: readonly SloEntry[], index: number, entry: SloEntry): SloEntry[] {
  return slos.map((existing, position) => (position === index ? entry : existing));
}

export function deleteEntry(slos: readonly SloEntry[], index: number): SloEntry[] {
  return slos.filter((_, position) => position !== index);
}

export interface MergePlan {
  /** Imported entries whose id is not in the working copy yet. */
  additions: SloEntry[];
  /** Imported entries whose id an existing entry already has, with that entry's position. */
  replacements: Array<{ id: string; index: number; entry: SloEntry }>;
}

/** Sorts imported entries into new ones and ones that would replace an existing entry with the same id. */
export function planMerge(slos: readonly SloEntry[], imported: readonly SloEntry[]): MergePlan {
  const plan: MergePlan = { additions: [], replacements: [] };
  for (const entry of imported) {
    const id = entryId(entry);
    const index = id === undefined ? -1 : slos.findIndex((existing) => entryId(existing) === id);
    if (id !== undefined && index >= 0) {
      plan.replacements.push({ id, index, entry });
    } else {
      plan.additions.push(entry);
    }
  }
  return plan;
}

/**
 * Applies a merge plan: replaced entries keep their place in the list so that the order the user
 * chose survives; with `replaceExisting` false, entries whose id is taken are left out.
 */
export function applyMerge(slos: readonly SloEntry[], plan: MergePlan, replaceExisting: boolean): SloEntry[] {
  let merged = [...slos];
  if (replaceExisting) {
    for (const { index, entry } of plan.replacements) {
      merged = replaceEntry(merged, index, entry);
    }
  }
  return [...merged, ...plan.additions];
}

/** The shared validator's problems for each entry, in list order (paths stay `slos[i]...`). */
export function problemsPerEntry(slos: readonly SloEntry[]): SpecProblem[][] {
  return groupByEntry(validateSloSpecs({ slos }).problems, slos.length);
}

/** Problems with paths `slos[i]...`, grouped by `i`; problems about the list itself are left out. */
export function groupByEntry(problems: readonly SpecProblem[], count: number): SpecProblem[][] {
  const perEntry: SpecProblem[][] = Array.from({ length: count }, () => []);
  for (const problem of problems) {
    const index = problemIndex(problem.path);
    if (index !== undefined && index < perEntry.length) {
      perEntry[index].push(problem);
    }
  }
  return perEntry;
}

export function errorsIn(problems: readonly SpecProblem[]): SpecProblem[] {
  return problems.filter((problem) => problem.severity === 'error');
}

/**
 * The problems of one SLO being edited (paths `slos[0]...`): the validator's, plus an id that
 * another entry of the list already has, which validating the SLO on its own cannot see.
 */
export function problemsOfDraft(draft: SloEntry, otherIds: readonly string[]): SpecProblem[] {
  const problems = validateSloSpecs([draft]).problems;
  const id = entryId(draft);
  if (id !== undefined && otherIds.includes(id)) {
    problems.push({
      path: 'slos[0].id',
      message: `"${id}" is already the id of another SLO in the list: ids must be unique`,
      severity: 'error',
    });
  }
  return problems;
}
