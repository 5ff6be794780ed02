import { type SpecDraft, isDraft, sliFields, textOf } from './specDraft';

/** What a row shows of an entry, whatever shape it is in. */
export interface EntrySummary {
  id: string;
  name: string;
  service: string;
  objective: string;
  sliKind: string;
}

const MISSING = '—';

export function summarizeEntry(entry: unknown): EntrySummary {
  if (!isDraft(entry)) {
    return { id: MISSING, name: textOf(entry) || MISSING, service: MISSING, objective: MISSING, sliKind: MISSING };
  }
  return {
    id: shown(entry.id),
    name: shown(entry.name),
    service: shown(entry.service),
    objective: typeof entry.objective === 'number' ? `${entry.objective}%` : shown(entry.objective),
    sliKind: sliKindOf(entry),
  };
}

function sliKindOf(entry: SpecDraft): string {
  const { kind } = sliFields(entry);
  if (kind !== undefined) {
    return kind;
  }
  return isDraft(entry.sli) && Object.keys(entry.sli).length > 0 ? Object.keys(entry.sli).join(', ') : MISSING;
}

function shown(value: unknown): string {
  return textOf(value) || MISSING;
}
