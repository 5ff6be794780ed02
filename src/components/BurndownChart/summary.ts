import type { BurndownResult } from '../../domain';
import { formatBurnRate, formatHumanDuration, formatPercent } from '../format';

export type BudgetTone = 'ok' | 'warning' | 'exhausted' | 'none';

export interface BurndownSummary {
  /** The big number: remaining budget, e.g. "62.4%". */
  value: string;
  tone: BudgetTone;
  /** What happens next at the current burn rate. */
  detail: string;
}

/** Below this share of the budget the number turns to the warning colour. */
export const LOW_BUDGET = 0.25;

/** When the burndown is evaluated: where the projection starts, or the end of the data. */
export function burndownNow(burndown: BurndownResult): number | null {
  return burndown.projection[0]?.time ?? burndown.series[burndown.series.length - 1]?.time ?? null;
}

/** The words beside the big number, from the engine's burndown (nothing is computed here). */
export function summarizeBurndown(burndown: BurndownResult): BurndownSummary {
  const { current, burnRate, exhaustionTime } = burndown;
  if (current === null) {
    return { value: '—', tone: 'none', detail: 'no events in the period yet' };
  }
  const value = formatPercent(current);
  const now = burndownNow(burndown);
  if (current <= 0) {
    return {
      value,
      tone: 'exhausted',
      detail: current < 0 ? `budget overspent by ${formatPercent(-current)}` : 'budget exhausted',
    };
  }
  const tone: BudgetTone = current < LOW_BUDGET ? 'warning' : 'ok';
  if (burnRate === null || burnRate <= 0 || exhaustionTime === null || now === null) {
    return { value, tone, detail: 'not burning' };
  }
  const rate = `burning at ${formatBurnRate(burnRate)}`;
  if (burndown.kind === 'calendar' && exhaustionTime > burndown.periodEnd) {
    return { value, tone, detail: `${rate}: lasts until the period ends` };
  }
  return { value, tone, detail: `${rate}: exhausted in ${formatHumanDuration(exhaustionTime - now)}` };
}
