import { css } from '@emotion/css';
import React, { useEffect, useMemo, useState } from 'react';
import type { GrafanaTheme2 } from '@grafana/data';
import { Button, useStyles2 } from '@grafana/ui';
import {
  BurnRateCalculator,
  type CalculatorBacktestView,
  type CalculatorInput,
  backtestLookBack,
  calculatorBacktestRange,
  calculatorInputFromSpec,
  historySecondsFor,
  tunedSpec,
} from '../../components/BurnRateCalculator';
import { formatHumanDuration } from '../../components/format';
import {
  type SloSpec,
  alertWindowLengths,
  backtestSlo,
  evaluateSlo,
  periodBounds,
  sloAlertWindows,
} from '../../domain';
import { PanelBanner } from '../shared/PanelNoticeView';
import type { PanelReading } from '../shared/panelSlo';
import { type LiveReading, liveFromReading, liveOf } from './liveBurnRates';
import { NoticeLine } from './NoticeLine';

interface Props {
  spec: SloSpec;
  reading: PanelReading;
  /** The reading is for an earlier request (a longer look-back, a new time range): a newer one is on its way. */
  loading: boolean;
  /** The look-back the reading was asked for (`SloSourceRequest.historySeconds`). */
  historySeconds: number | 'period';
  /** Asks for data reaching further back (a plan `historySeconds`). */
  onNeedHistory: (historySeconds: number) => void;
  compact?: boolean;
}

/**
 * The calculator on an SLO of the app: its objective, period, windows and guard, editable here to try
 * them out (nothing is saved), with what each window would have done over the last period and its state
 * now, both from the buckets already read. An edit that needs data from further back (a longer window or
 * period) asks for it; any other edit only re-runs the engine.
 */
export function SloTuning({ spec, reading, loading, historySeconds, onNeedHistory, compact }: Props) {
  const styles = useStyles2(getStyles);
  const own = useMemo(() => calculatorInputFromSpec(spec), [spec]);
  const [tuning, setTuning] = useState<{ sloId: string; input: CalculatorInput } | null>(null);
  const input = tuning?.sloId === spec.id ? tuning.input : own;
  const edited = JSON.stringify(input) !== JSON.stringify(own);
  const tuned = useMemo(() => tunedSpec(spec, input), [spec, input]);
  const evaluated = reading.kind === 'evaluated' ? reading.result : null;
  const now = evaluated?.evaluation.now ?? null;
  const history = evaluated?.history ?? null;
  const needed = tuned && now !== null ? backtestLookBack(tuned, now) : null;
  const covered = now !== null ? coveredLookBack(spec, now, historySeconds) : 0;
  const missing = needed !== null && needed > covered;
  // A reading still on its way may be the one with the data asked for: until then, the data read is too short.
  const ready = !loading && !missing;

  useEffect(() => {
    if (missing && needed !== null) {
      onNeedHistory(historySecondsFor(spec, needed));
    }
  }, [missing, needed, spec, onNeedHistory]);

  const result = useMemo(
    () =>
      tuned && history && now !== null && ready
        ? backtestSlo(tuned, history.events, calculatorBacktestRange(tuned, now), history.stepSeconds)
        : null,
    [tuned, history, now, ready]
  );
  const live: LiveReading = useMemo(() => {
    const fromReading = liveFromReading(reading, null);
    if (!edited || !tuned || !history || now === null) {
      return fromReading;
    }
    // The tuned windows now, from the buckets read (the SLO's own state also reads its short windows exactly).
    const evaluation = evaluateSlo(
      tuned,
      { buckets: [], events: history.events },
      { now, stepSeconds: history.stepSeconds }
    );
    return { ...fromReading, live: liveOf(evaluation) };
  }, [reading, edited, tuned, history, now]);

  const rangeLabel =
    tuned && now !== null ? `last ${formatHumanDuration(periodBounds(tuned.period, now).seconds)}` : 'last period';
  const backtest: CalculatorBacktestView | null =
    reading.kind !== 'evaluated'
      ? null
      : !tuned
        ? { rangeLabel, kind: 'invalid' }
        : result
          ? { rangeLabel, kind: 'ready', result }
          : !ready
            ? { rangeLabel, kind: 'loading' }
            : { rangeLabel, kind: 'error', message: 'the SLO was read without its buckets' };

  return (
    <>
      <div className={styles.source}>
        Alert windows of SLO <strong>{spec.name}</strong> ({spec.id})
        {edited ? (
          <>
            {' '}
            · tried out here, not saved{' '}
            <Button size="sm" variant="secondary" fill="text" icon="history" onClick={() => setTuning(null)}>
              Back to the SLO&apos;s own
            </Button>
          </>
        ) : (
          ' · edit them to see what they would have done'
        )}
      </div>
      {live.notice && <NoticeLine {...live.notice} />}
      {live.banners.map((text) => (
        <PanelBanner key={text} testId={text.startsWith('partial data') ? 'sloburn-partial-data' : undefined}>
          {text}
        </PanelBanner>
      ))}
      <BurnRateCalculator
        value={input}
        onChange={(next) => setTuning({ sloId: spec.id, input: next })}
        live={live.live}
        backtest={backtest}
        compact={compact}
      />
    </>
  );
}

/** How far before `now` the buckets of a reading asked with `historySeconds` reach. */
function coveredLookBack(spec: SloSpec, now: number, historySeconds: number | 'period'): number {
  const lengths = alertWindowLengths(sloAlertWindows(spec));
  const history = historySeconds === 'period' ? periodBounds(spec.period, now).seconds : historySeconds;
  return history + (lengths[lengths.length - 1] ?? 0);
}

const getStyles = (theme: GrafanaTheme2) => ({
  source: css({
    color: theme.colors.text.secondary,
    fontSize: theme.typography.bodySmall.fontSize,
  }),
});
