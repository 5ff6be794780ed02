import React from 'react';
import { css, cx } from '@emotion/css';
import type { GrafanaTheme2 } from '@grafana/data';
import type { TimeZone } from '@grafana/schema';
import { Badge, useStyles2 } from '@grafana/ui';
import { type BacktestEpisode, type BacktestResult, formatDuration } from '../../domain';
import { formatHumanDuration, formatPercent } from '../format';
import { dataTable, numericCell } from '../tableStyles';
import { EpisodeList, formatTime } from './EpisodeList';
import { type AlertHistoryRow, alertHistoryRows, episodeCount, episodePairLabels } from './historyRows';

export interface AlertHistoryProps {
  /** What `backtestAlerts` (src/domain/backtest.ts) returned for the range to show; nothing is recomputed here. */
  result: BacktestResult;
  /**
   * Called with the episode the user clicks (a page can zoom its time range to `episode.start`–`episode.end`).
   * Without it, episodes are listed as plain text.
   */
  onEpisodeClick?: (episode: BacktestEpisode) => void;
  /** Time zone of the times shown, as Grafana names them ('utc', 'browser', an IANA name); default: the user's. */
  timeZone?: TimeZone;
  /** Episodes listed per row before a "Show all" button; default 5. */
  maxEpisodesPerRow?: number;
  /** Accessible name of the table; default "Alert history". */
  label?: string;
}

const DEFAULT_EPISODE_LIMIT = 5;

/**
 * What an SLO's alert pairs would have done over a range: per severity (its pairs' union, overlapping
 * pairs counted once) and per pair, the number of episodes, the time firing, the longest episode, the
 * time the low-traffic guard held the pair back, and the episodes themselves. Pairs that can never
 * fire show why instead of figures. Plain props and no Scenes, so any page or panel can show it.
 */
export function AlertHistory({
  result,
  onEpisodeClick,
  timeZone,
  maxEpisodesPerRow = DEFAULT_EPISODE_LIMIT,
  label = 'Alert history',
}: AlertHistoryProps) {
  const styles = useStyles2(getStyles);
  const rows = alertHistoryRows(result);
  const from = formatTime(result.from, timeZone);
  const to = formatTime(result.to, timeZone);

  if (result.evaluations === 0) {
    return (
      <p className={styles.empty} role="status">
        Nothing to backtest: the range from {from} to {to} is empty.
      </p>
    );
  }
  if (rows.length === 0) {
    return (
      <p className={styles.empty} role="status">
        This SLO has no alert windows.
      </p>
    );
  }
  return (
    <div className={styles.container}>
      <p className={styles.range}>
        Each pair evaluated every {formatDuration(result.stepSeconds)} from {from} to {to}, with the rule the exported
        alerts use.
      </p>
      {episodeCount(result) === 0 && (
        <p className={styles.empty} role="status">
          No pair would have fired between {from} and {to}.
        </p>
      )}
      <table className={styles.table} aria-label={label}>
        <thead>
          <tr>
            <th>Alert</th>
            <th className={styles.number}>Episodes</th>
            <th className={styles.number}>Firing</th>
            <th className={styles.number}>Longest</th>
            <th className={styles.number}>Held back (low traffic)</th>
            <th>When</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((row) => (
            <HistoryRow
              key={row.key}
              row={row}
              result={result}
              styles={styles}
              onEpisodeClick={onEpisodeClick}
              timeZone={timeZone}
              limit={maxEpisodesPerRow}
            />
          ))}
        </tbody>
      </table>
    </div>
  );
}

interface RowProps {
  row: AlertHistoryRow;
  result: BacktestResult;
  styles: ReturnType<typeof getStyles>;
  onEpisodeClick?: (episode: BacktestEpisode) => void;
  timeZone?: TimeZone;
  limit: number;
}

function HistoryRow({ row, result, styles, onEpisodeClick, timeZone, limit }: RowProps) {
  const testId = `alert-history-${row.severity}${row.kind === 'severity' ? '' : `-${row.label}`}`;
  if (row.kind === 'severity') {
    const name = `${row.severity} (any pair)`;
    return (
      <tr className={styles.severityRow} data-testid={testId}>
        <th scope="row">
          <Badge text={row.severity} color={row.severity === 'page' ? 'red' : 'orange'} />{' '}
          <span className={styles.muted}>any pair</span>
        </th>
        {row.summary === null ? (
          <td colSpan={5} className={styles.muted}>
            No {row.severity} pair can fire.
          </td>
        ) : (
          <>
            <Figures summary={row.summary} styles={styles} />
            <td className={styles.number}>
              <span className={styles.muted}>—</span>
            </td>
            <td>
              <EpisodeList
                episodes={row.summary.episodes}
                rowName={name}
                pairsOf={(episode) => episodePairLabels(episode, result)}
                onEpisodeClick={onEpisodeClick}
                timeZone={timeZone}
                limit={limit}
              />
            </td>
          </>
        )}
      </tr>
    );
  }
  const name = `${row.severity} ${row.label}`;
  const pairName = (
    <th scope="row" className={styles.pairName}>
      {row.label}
      <span className={styles.muted}>
        {' '}
        at {row.window.factor}×
        {row.kind === 'pair' && ` (error ratio above ${formatPercent(row.backtest.thresholdRatio)})`}
      </span>
    </th>
  );
  if (row.kind === 'problem') {
    return (
      <tr data-testid={testId}>
        {pairName}
        <td colSpan={5} className={styles.problem}>
          Not evaluated: {row.messages.join('; ')}.
        </td>
      </tr>
    );
  }
  return (
    <tr data-testid={testId}>
      {pairName}
      <Figures summary={row.backtest} styles={styles} />
      <td className={styles.number}>
        {row.backtest.insufficientTrafficSeconds > 0 ? (
          formatHumanDuration(row.backtest.insufficientTrafficSeconds)
        ) : (
          <span className={styles.muted}>none</span>
        )}
      </td>
      <td>
        <EpisodeList
          episodes={row.backtest.episodes}
          rowName={name}
          onEpisodeClick={onEpisodeClick}
          timeZone={timeZone}
          limit={limit}
        />
      </td>
    </tr>
  );
}

function Figures({
  summary,
  styles,
}: {
  summary: { count: number; firingSeconds: number; longest: BacktestEpisode | null };
  styles: ReturnType<typeof getStyles>;
}) {
  const none = <span className={styles.muted}>—</span>;
  return (
    <>
      <td className={cx(styles.number, summary.count > 0 && styles.fired)}>{summary.count}</td>
      <td className={styles.number}>{summary.count > 0 ? formatHumanDuration(summary.firingSeconds) : none}</td>
      <td className={styles.number}>
        {summary.longest ? formatHumanDuration(summary.longest.end - summary.longest.start) : none}
      </td>
    </>
  );
}

const getStyles = (theme: GrafanaTheme2) => ({
  container: css({ display: 'flex', flexDirection: 'column', gap: theme.spacing(1), minWidth: 0 }),
  range: css({ margin: 0, color: theme.colors.text.secondary, fontSize: theme.typography.bodySmall.fontSize }),
  empty: css({
    margin: 0,
    padding: theme.spacing(1, 1.5),
    borderRadius: theme.shape.radius.default,
    background: theme.colors.success.transparent,
    color: theme.colors.text.primary,
  }),
  table: cx(
    dataTable(theme, { dense: true, verticalAlign: 'top' }),
    css({ 'tbody th': { fontWeight: theme.typography.fontWeightRegular, whiteSpace: 'nowrap' } })
  ),
  severityRow: css({ background: theme.colors.background.secondary }),
  pairName: css({ paddingLeft: `${theme.spacing(3)} !important` }),
  number: cx(numericCell(), css({ whiteSpace: 'nowrap' })),
  fired: css({ color: theme.colors.error.text, fontWeight: theme.typography.fontWeightMedium }),
  problem: css({ color: theme.colors.warning.text }),
  muted: css({ color: theme.colors.text.secondary }),
});
