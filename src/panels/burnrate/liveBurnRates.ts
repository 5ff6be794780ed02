import type { PanelData, TimeRange } from '@grafana/data';
import {
  type CalculatorInput,
  type CalculatorLive,
  calculatorSpec,
  evaluateCalculatorInput,
} from '../../components/BurnRateCalculator';
import { type SloEvaluation, alertWindowLengths, formatDuration } from '../../domain';
import { panelEvents, queryErrorMessage } from '../shared/panelEvents';
import { type PanelReading, coarseStepMessage, evaluatePanelEvents, validatePanelSpec } from '../shared/panelSlo';
import type { EventQueryOptions, PanelNotice } from '../shared/types';

export interface LiveReading {
  /** Null: no live columns (no queries, invalid inputs, or a notice instead). */
  live: CalculatorLive | null;
  /** Shown above the calculator: no data, a query error, queries it cannot read. */
  notice: PanelNotice | null;
  /** One-line warnings: partial windows, a step longer than the shortest window. */
  banners: string[];
}

const NOT_LIVE: LiveReading = { live: null, notice: null, banners: [] };

/**
 * Whether the panel has queries meant for live mode: events chosen in the options, data or errors
 * from any query, or queries named bad or total. A fresh panel's empty default query is not.
 */
export function hasEventQueries(data: PanelData, options: EventQueryOptions): boolean {
  if ((options.badQuery ?? '').trim() !== '' || (options.totalQuery ?? '').trim() !== '') {
    return true;
  }
  if (data.series.length > 0 || queryErrorMessage(data) !== null) {
    return true;
  }
  return (data.request?.targets ?? []).some((target) => !target.hide && /^(bad|total)$/i.test(target.refId));
}

/** Live burn rates of the panel's queries against the calculator's windows, by the engine. */
export function readLiveBurnRates(
  data: PanelData,
  options: EventQueryOptions,
  input: CalculatorInput,
  timeRange: TimeRange
): LiveReading {
  if (!hasEventQueries(data, options) || evaluateCalculatorInput(input).result === null) {
    return NOT_LIVE;
  }
  const validated = validatePanelSpec(calculatorSpec(input));
  if ('notice' in validated) {
    return NOT_LIVE;
  }
  const events = panelEvents(data, options);
  const reading = evaluatePanelEvents(
    validated.spec,
    events,
    { from: timeRange.from.unix(), to: timeRange.to.unix() },
    options.values
  );
  return liveFromReading(reading, events.kind === 'events' ? events.step : null);
}

/** A panel reading (from queries or an SLO) as live columns, notices and banners. */
export function liveFromReading(reading: PanelReading, step: number | null): LiveReading {
  if (reading.kind === 'notice') {
    // Live mode without numbers: the columns stay, every pair without data.
    return { live: { pairs: [] }, notice: reading.notice, banners: [] };
  }
  const { evaluation, notes } = reading.result;
  const banners = [
    partialWindowsMessage(evaluation),
    step === null ? null : coarseStepMessage(evaluation, step),
    ...notes,
  ];
  return { live: liveOf(evaluation), notice: null, banners: banners.filter((text): text is string => Boolean(text)) };
}

/** An evaluation's pairs as the calculator's live columns. */
export function liveOf(evaluation: SloEvaluation): CalculatorLive {
  const coverage = new Map(evaluation.windows.map((window) => [window.seconds, window.coverage]));
  return {
    pairs: evaluation.alerts.pairs.map((pair) => ({
      longBurnRate: pair.longBurnRate,
      shortBurnRate: pair.shortBurnRate,
      firing: pair.firing,
      state: pair.state,
      partial:
        (coverage.get(pair.window.longSeconds) ?? 1) < 0.99 || (coverage.get(pair.window.shortSeconds) ?? 1) < 0.99,
    })),
  };
}

/** "partial data: ... the 1d and 3d windows ..." when some alert windows reach before the data. */
export function partialWindowsMessage(evaluation: SloEvaluation): string | null {
  const partial = evaluation.windows.filter((window) => window.coverage < 0.99);
  if (partial.length === 0) {
    return null;
  }
  const names = partial.map((window) => formatDuration(window.seconds));
  const list = names.length === 1 ? names[0] : `${names.slice(0, -1).join(', ')} and ${names[names.length - 1]}`;
  const longest = formatDuration(
    alertWindowLengths(evaluation.alertWindows).at(-1) ?? partial[partial.length - 1].seconds
  );
  return `partial data: the data does not cover the ${list} ${names.length === 1 ? 'window' : 'windows'}; their burn rates are estimates. Set the panel's relative time to ${longest} or more.`;
}
