import { css } from '@emotion/css';
import React, { useCallback, useMemo, useState } from 'react';
import type { GrafanaTheme2, PanelProps } from '@grafana/data';
import { LoadingPlaceholder, useStyles2 } from '@grafana/ui';
import {
  BurnRateCalculator,
  type CalculatorInput,
  normalizeCalculatorInput,
} from '../../components/BurnRateCalculator';
import { PanelBanner, PanelNoticeView } from '../shared/PanelNoticeView';
import { useSloReading } from '../shared/useSloReading';
import { readLiveBurnRates } from './liveBurnRates';
import { NoticeLine } from './NoticeLine';
import { SloTuning } from './SloTuning';
import { type BurnRateOptions, DEFAULT_BURNRATE_OPTIONS } from './types';

/**
 * The burn-rate calculator as a panel: its inputs are the panel options (edited in the panel or in
 * the options pane, saved with the dashboard); with bad and total queries it also shows each window's
 * current burn rate and each pair's state next to its threshold. On an SLO of the app it starts from the
 * SLO's inputs, lets them be tried out, and shows what each window would have done over the last period.
 */
export function BurnRatePanel(props: PanelProps<BurnRateOptions>) {
  const { data, width, height, timeRange, replaceVariables, onOptionsChange } = props;
  const options: BurnRateOptions = { ...DEFAULT_BURNRATE_OPTIONS, ...props.options };
  const styles = useStyles2(getStyles);
  const fromSlo = options.source === 'slo';
  const sloId = fromSlo ? replaceVariables(options.sloId ?? '').trim() : '';
  const datasource = fromSlo ? replaceVariables(options.datasource ?? '').trim() : '';
  // The SLO's last period, unless a tried-out window or period needs data from further back.
  const [extraHistory, setExtraHistory] = useState<{ sloId: string; seconds: number } | null>(null);
  const historySeconds = extraHistory?.sloId === sloId ? extraHistory.seconds : 'period';
  const onNeedHistory = useCallback((seconds: number) => setExtraHistory({ sloId, seconds }), [sloId]);
  const slo = useSloReading(
    fromSlo && sloId !== ''
      ? { sloId, datasource, from: timeRange.from.unix(), to: timeRange.to.unix(), historySeconds }
      : null
  );
  const inputKey = JSON.stringify([
    props.options?.objective,
    props.options?.period,
    props.options?.windows,
    props.options?.minEvents,
  ]);
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
    return (
      <div className={styles.container} style={{ width, height }} data-testid="sloburn-burnrate-panel">
        <SloTuning
          spec={slo.spec}
          reading={slo.reading}
          loading={slo.loading}
          historySeconds={historySeconds}
          onNeedHistory={onNeedHistory}
          compact
        />
      </div>
    );
  }

  const reading = queriesLive ?? { live: null, notice: null, banners: [] };
  const onChange = (next: CalculatorInput) => onOptionsChange({ ...props.options, ...next });
  return (
    <div className={styles.container} style={{ width, height }} data-testid="sloburn-burnrate-panel">
      {reading.notice && <NoticeLine {...reading.notice} />}
      {reading.banners.map((text) => (
        <PanelBanner key={text} testId={text.startsWith('partial data') ? 'sloburn-partial-data' : undefined}>
          {text}
        </PanelBanner>
      ))}
      <BurnRateCalculator value={input} onChange={onChange} live={reading.live} compact />
    </div>
  );
}

const getStyles = (theme: GrafanaTheme2) => ({
  container: css({
    display: 'flex',
    flexDirection: 'column',
    gap: theme.spacing(1),
    overflow: 'auto',
  }),
});
