import { css } from '@emotion/css';
import React, { useMemo } from 'react';
import type { GrafanaTheme2, PanelProps } from '@grafana/data';
import { LoadingPlaceholder, useStyles2 } from '@grafana/ui';
import {
  BurnRateCalculator,
  type CalculatorInput,
  normalizeCalculatorInput,
} from '../../components/BurnRateCalculator';
import { PanelBanner, PanelNoticeView } from '../shared/PanelNoticeView';
import { useSloReading } from '../shared/useSloReading';
import { type LiveReading, calculatorInputOfSpec, liveFromReading, readLiveBurnRates } from './liveBurnRates';
import { type BurnRateOptions, DEFAULT_BURNRATE_OPTIONS } from './types';

/**
 * The burn-rate calculator as a panel: its inputs are the panel options (edited in the panel or in
 * the options pane, saved with the dashboard); with bad and total queries, or an SLO of the app, it
 * also shows each window's current burn rate and each pair's state next to its threshold.
 */
export function BurnRatePanel(props: PanelProps<BurnRateOptions>) {
  const { data, width, height, timeRange, replaceVariables, onOptionsChange } = props;
  const options: BurnRateOptions = { ...DEFAULT_BURNRATE_OPTIONS, ...props.options };
  const styles = useStyles2(getStyles);
  const fromSlo = options.source === 'slo';
  const sloId = fromSlo ? replaceVariables(options.sloId ?? '').trim() : '';
  const datasource = fromSlo ? replaceVariables(options.datasource ?? '').trim() : '';
  const slo = useSloReading(
    fromSlo && sloId !== '' ? { sloId, datasource, from: timeRange.from.unix(), to: timeRange.to.unix() } : null
  );
  const inputKey = JSON.stringify([props.options?.objective, props.options?.period, props.options?.windows]);
  const input = useMemo(
    () => normalizeCalculatorInput(props.options),
    // eslint-disable-next-line react-hooks/exhaustive-deps
    [inputKey]
  );
  const queriesLive = useMemo(
    () => (fromSlo ? null : readLiveBurnRates(data, options, input, timeRange)),
    // eslint-disable-next-line react-hooks/exhaustive-deps
    [fromSlo, data, input, timeRange, options.badQuery, options.totalQuery, options.seriesLabel, options.values]
  );

  let shown: CalculatorInput = input;
  let reading: LiveReading;
  if (fromSlo) {
    if (sloId === '') {
      return (
        <PanelNoticeView
          notice={{
            severity: 'info',
            title: 'Choose an SLO',
            message:
              'Set “SLO” in the panel options to the id of an SLO of the SLO Burn app, or to a variable such as $slo.',
          }}
        />
      );
    }
    if (slo.reading === null) {
      return <LoadingPlaceholder text="Loading…" />;
    }
    if (!slo.spec) {
      // Unknown or invalid SLO, unreadable settings: nothing to calculate with.
      const why =
        slo.reading.kind === 'notice'
          ? slo.reading.notice
          : { severity: 'error' as const, title: 'Cannot load the SLO', message: sloId };
      return <PanelNoticeView notice={why} />;
    }
    shown = calculatorInputOfSpec(slo.spec);
    reading = liveFromReading(slo.reading, null);
  } else {
    reading = queriesLive ?? { live: null, notice: null, banners: [] };
  }

  const onChange = fromSlo ? undefined : (next: CalculatorInput) => onOptionsChange({ ...props.options, ...next });
  return (
    <div className={styles.container} style={{ width, height }} data-testid="sloburn-burnrate-panel">
      {fromSlo && slo.spec && (
        <div className={styles.source}>
          Alert windows of SLO <strong>{slo.spec.name}</strong> ({slo.spec.id})
        </div>
      )}
      {reading.notice && <NoticeLine {...reading.notice} />}
      {reading.banners.map((text) => (
        <PanelBanner key={text} testId={text.startsWith('partial data') ? 'sloburn-partial-data' : undefined}>
          {text}
        </PanelBanner>
      ))}
      <BurnRateCalculator value={shown} onChange={onChange} live={reading.live} compact />
    </div>
  );
}

/** A notice that does not replace the calculator: it stays usable without live data. */
function NoticeLine({
  severity,
  title,
  message,
}: {
  severity: 'info' | 'warning' | 'error';
  title: string;
  message: string;
}) {
  const styles = useStyles2(getStyles);
  return (
    <div
      className={styles[severity]}
      role={severity === 'error' ? 'alert' : 'status'}
      data-testid="sloburn-panel-notice"
    >
      <strong>{title}</strong>: {message}
    </div>
  );
}

const getStyles = (theme: GrafanaTheme2) => {
  const line = {
    padding: theme.spacing(0.5, 1),
    borderRadius: theme.shape.radius.default,
    fontSize: theme.typography.bodySmall.fontSize,
    flexShrink: 0,
  };
  return {
    container: css({
      display: 'flex',
      flexDirection: 'column',
      gap: theme.spacing(1),
      overflow: 'auto',
    }),
    source: css({
      color: theme.colors.text.secondary,
      fontSize: theme.typography.bodySmall.fontSize,
    }),
    info: css({ ...line, background: theme.colors.info.transparent, color: theme.colors.text.primary }),
    warning: css({ ...line, background: theme.colors.warning.transparent, color: theme.colors.text.primary }),
    error: css({ ...line, background: theme.colors.error.transparent, color: theme.colors.text.primary }),
  };
};
