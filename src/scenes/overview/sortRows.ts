import type { RowStatus, SloRowModel } from '../viewModels/sloRow';

export type SortKey =
  'status' | 'service' | 'name' | 'objective' | 'sli' | 'budget' | 'burn1h' | 'burn6h' | 'exhaustion';
export interface SortOrder {
  key: SortKey;
  descending: boolean;
}

/** Most urgent first: what needs a human now, then what is broken, then what is fine. */
const STATUS_RANK: Record<RowStatus, number> = {
  page: 0,
  exhausted: 1,
  ticket: 2,
  error: 3,
  'no-data': 4,
  'insufficient-traffic': 5,
  'no-traffic': 6,
  ok: 7,
  loading: 8,
};

type Value = number | string | null;

const VALUE_OF: Record<SortKey, (row: SloRowModel) => Value> = {
  status: (row) => STATUS_RANK[row.status],
  service: (row) => row.service,
  name: (row) => row.name,
  objective: (row) => row.objective,
  sli: (row) => row.sli,
  budget: (row) => row.budgetRemaining,
  burn1h: (row) => row.burnRate1h,
  burn6h: (row) => row.burnRate6h,
  exhaustion: (row) => (row.budgetRemaining !== null && row.budgetRemaining <= 0 ? 0 : row.timeToExhaustion),
};

export const DEFAULT_SORT: SortOrder = { key: 'status', descending: false };

/** Sorts by the key, missing values last whatever the direction, then by urgency and budget. */
export function sortRows(rows: readonly SloRowModel[], order: SortOrder): SloRowModel[] {
  const valueOf = VALUE_OF[order.key];
  return [...rows].sort((a, b) => {
    const primary = compareValues(valueOf(a), valueOf(b), order.descending);
    if (primary !== 0) {
      return primary;
    }
    return (
      STATUS_RANK[a.status] - STATUS_RANK[b.status] ||
      compareValues(a.budgetRemaining, b.budgetRemaining, false) ||
      a.name.localeCompare(b.name)
    );
  });
}

function compareValues(a: Value, b: Value, descending: boolean): number {
  if (a === b) {
    return 0;
  }
  if (a === null) {
    return 1;
  }
  if (b === null) {
    return -1;
  }
  const order = typeof a === 'string' ? a.localeCompare(String(b)) : a - (b as number);
  return descending ? -order : order;
}

export function parseSort(text: unknown): SortOrder {
  if (typeof text !== 'string') {
    return DEFAULT_SORT;
  }
  const [key, direction] = text.split(':');
  return key in VALUE_OF ? { key: key as SortKey, descending: direction === 'desc' } : DEFAULT_SORT;
}

export function formatSort(order: SortOrder): string {
  return `${order.key}:${order.descending ? 'desc' : 'asc'}`;
}
