import type { SloSpec, SpecProblem } from '../domain';

/** The SLOs the app knows about right now: valid specs, rejected ones with reasons, where to query them. */
export interface SloCatalog {
  specs: SloSpec[];
  problems: SpecProblem[];
  defaultDatasourceUid: string | null;
  /** SLOs found in Sloth's recording rules (read-only, not in the settings). */
  discovered: SloSpec[];
}

export function catalogSpecs(catalog: SloCatalog): SloSpec[] {
  const configured = new Set(catalog.specs.map((spec) => spec.id));
  return [...catalog.specs, ...catalog.discovered.filter((spec) => !configured.has(spec.id))];
}
