import { css } from '@emotion/css';
import React, { useMemo } from 'react';
import { type GrafanaTheme2, LoadingState, type PanelData, type PanelProps, type TimeRange } from '@grafana/data';
import { LoadingPlaceholder, useStyles2 } from '@grafana/ui';
import { BurndownChart } from '../../components/BurndownChart';
import { describePeriod, formatDuration, parseDuration } from '../../domain';
import { BANNER_HEIGHT, PanelBanner, PanelNoticeView } from '../shared/PanelNoticeView';
import { panelEvents } from '../shared/panelEvents';
import { type PanelReading, evaluatePanelEvents, notice, validatePanelSpec } from '../shared/panelSlo';
import { useSloReading } from '../shared/useSloReading';
import { type BurndownOptions, DEFAULT_BURNDOWN_OPTIONS, burndownSpecFields } from './types';

const GAP = 4;

/** Panel queries → engine → burndown, or the notice that says why not. Pure, for tests and reuse. */
export function readBurndownFromQueries(data: PanelData, options: BurndownOptions, timeRange: TimeRange): PanelReading {
  const validated = validatePanelSpec(burndownSpecFields(options));
  if ('notice' in validated) {
    return { kind: 'notice', notice: validated.notice };
  }
  const events = panelEvents(data, options);
  const reading = evaluatePanelEvents(
    validated.spec,
    events,
    { from: timeRange.from.unix(), to: timeRange.to.unix() },
    options.values
  );
  if (reading.kind === 'evaluated' && events.kind === 'events' && validated.spec.budgetingMethod === 'timeslices') {
    const slice = parseDuration(validated.spec.timesliceWindow ?? '5m');
    if (events.step > slice) {
      reading.result.notes.push(
        `the data has one point per ${formatDuration(events.step)}, longer than the ${formatDuration(slice)} time slices: slices are estimated`
      );
    }
  }
  return reading;
}

/**
 * Remaining error budget over the SLO period, from the panel's bad and total queries or from an SLO
 * of the app. Every number comes from the engine; the panel only wires data in and messages out.
 */
export function BurndownPanel(props: PanelProps<BurndownOptions>) {
  const { data, width, height, timeRange, timeZone, replaceVariables } = props;
  const options: BurndownOptions = { ...DEFAULT_BURNDOWN_OPTIONS, ...props.options };
  const styles = useStyles2(getStyles);
  const fromSlo = options.source === 'slo';
  const sloId = fromSlo ? replaceVariables(options.sloId ?? '').trim() : '';
  const datasource = fromSlo ? replaceVariables(options.datasource ?? '').trim() : '';
  const from = timeRange.from.unix();
  const to = timeRange.to.unix();
  const slo = useSloReading(fromSlo && sloId !== '' ? { sloId, datasource, from, to } : null);
  // `options` is rebuilt on every render; what it holds is what matters.
  const optionsKey = JSON.stringify(props.options);
  const queries = useMemo(
    () => (fromSlo ? null : readBurndownFromQueries(data, options, timeRange)),
    // eslint-disable-next-line react-hooks/exhaustive-deps
    [fromSlo, data, timeRange, optionsKey]
  );

  let reading: PanelReading | null;
  if (fromSlo) {
    reading =
      sloId === ''
        ? notice(
            'info',
            'Choose an SLO',
            'Set “SLO” in the panel options to the id of an SLO of the SLO Burn app, or to a variable such as $slo.'
          )
        : slo.reading;
  } else if (data.state === LoadingState.Loading && data.series.length === 0) {
    reading = null;
  } else {
    reading = queries;
  }

  if (reading === null) {
    return <LoadingPlaceholder text="Loading…" />;
  }
  if (reading.kind === 'notice') {
    return <PanelNoticeView notice={reading.notice} />;
  }
  const { evaluation, partial, notes, spec } = reading.result;
  const banners = [partial, ...notes].filter((text): text is string => Boolean(text));
  const chartHeight = height - banners.length * (BANNER_HEIGHT + GAP);
  return (
    <div className={styles.container} style={{ width, height }}>
      {banners.map((text) => (
        <PanelBanner key={text} testId={text === partial ? 'sloburn-partial-data' : undefined}>
          {text}
        </PanelBanner>
      ))}
      <BurndownChart
        burndown={evaluation.burndown}
        width={width}
        height={Math.max(0, chartHeight)}
        timeZone={timeZone}
        periodLabel={describePeriod(spec.period)}
        showSummary={options.showSummary !== false}
      />
    </div>
  );
}

const getStyles = (_theme: GrafanaTheme2) => ({
  container: css({
    display: 'flex',
    flexDirection: 'column',
    gap: GAP,
    overflow: 'hidden',
  }),
});
