import React, { useState } from 'react';
import { css } from '@emotion/css';
import { type GrafanaTheme2, dateTimeFormat } from '@grafana/data';
import type { TimeZone } from '@grafana/schema';
import { Button, useStyles2 } from '@grafana/ui';
import type { BacktestEpisode } from '../../domain';
import { formatBurnRate, formatHumanDuration, formatPercent } from '../format';

interface Props {
  episodes: readonly BacktestEpisode[];
  /** What the row is, for the episodes' accessible names: `page 1h/5m`, `page (any pair)`. */
  rowName: string;
  /** Per episode, the pairs that fired during it, shown for a severity's episodes. */
  pairsOf?: (episode: BacktestEpisode) => string[];
  onEpisodeClick?: (episode: BacktestEpisode) => void;
  timeZone?: TimeZone;
  /** Listed before "show all". */
  limit: number;
}

/** A row's episodes, oldest first: when, how long, how hard it burned, what it cost; clickable when asked. */
export function EpisodeList({ episodes, rowName, pairsOf, onEpisodeClick, timeZone, limit }: Props) {
  const styles = useStyles2(getStyles);
  const [showAll, setShowAll] = useState(false);
  if (episodes.length === 0) {
    return <span className={styles.muted}>none</span>;
  }
  const shown = showAll ? episodes : episodes.slice(0, limit);
  return (
    <div className={styles.list}>
      <ul className={styles.items} aria-label={`Episodes of ${rowName}`}>
        {shown.map((episode) => {
          const when = episodeWhen(episode, timeZone);
          const figures = episodeFigures(episode);
          const pairs = pairsOf?.(episode) ?? [];
          const content = (
            <>
              <span className={styles.when}>{when}</span>
              <span className={styles.figures}>
                {figures}
                {pairs.length > 0 && ` · ${pairs.join(', ')}`}
              </span>
            </>
          );
          return (
            <li key={episode.start} data-testid="alert-history-episode">
              {onEpisodeClick ? (
                <button
                  type="button"
                  className={styles.episodeButton}
                  onClick={() => onEpisodeClick(episode)}
                  aria-label={`${rowName}: ${when}, ${figures}`}
                >
                  {content}
                </button>
              ) : (
                <span className={styles.episode}>{content}</span>
              )}
            </li>
          );
        })}
      </ul>
      {episodes.length > limit && (
        <Button size="sm" variant="secondary" fill="text" onClick={() => setShowAll((current) => !current)}>
          {showAll ? 'Show fewer' : `Show all ${episodes.length}`}
        </Button>
      )}
    </div>
  );
}

/** `2026-10-30 10:25 → 12:10`, `… → 2026-10-31 01:00`, `… → still firing`. */
export function episodeWhen(episode: BacktestEpisode, timeZone?: TimeZone): string {
  const start = formatTime(episode.start, timeZone);
  if (episode.open) {
    return `${start} → still firing`;
  }
  const sameDay = formatDay(episode.start, timeZone) === formatDay(episode.end, timeZone);
  return `${start} → ${sameDay ? dateTimeFormat(episode.end * 1000, { format: 'HH:mm', timeZone }) : formatTime(episode.end, timeZone)}`;
}

/** `1h 45m · peak 39.8× long, 40.2× short · 12.3% of the budget`. */
export function episodeFigures(episode: BacktestEpisode): string {
  const length = `${formatHumanDuration(episode.end - episode.start)}${episode.open ? ' so far' : ''}`;
  const peak = `peak ${formatBurnRate(episode.peakLongBurnRate)} long, ${formatBurnRate(episode.peakShortBurnRate)} short`;
  const budget =
    episode.budgetConsumed === null ? 'no budget to measure' : `${formatPercent(episode.budgetConsumed)} of the budget`;
  return `${length} · ${peak} · ${budget}`;
}

export function formatTime(seconds: number, timeZone?: TimeZone): string {
  return dateTimeFormat(seconds * 1000, { format: 'YYYY-MM-DD HH:mm', timeZone });
}

function formatDay(seconds: number, timeZone?: TimeZone): string {
  return dateTimeFormat(seconds * 1000, { format: 'YYYY-MM-DD', timeZone });
}

const getStyles = (theme: GrafanaTheme2) => {
  const episode = {
    display: 'flex',
    flexWrap: 'wrap' as const,
    columnGap: theme.spacing(1),
    padding: theme.spacing(0.25, 0.5),
    borderRadius: theme.shape.radius.default,
  };
  return {
    list: css({ display: 'flex', flexDirection: 'column', alignItems: 'flex-start', gap: theme.spacing(0.5) }),
    items: css({ listStyle: 'none', margin: 0, padding: 0, display: 'flex', flexDirection: 'column', gap: 2 }),
    episode: css(episode),
    episodeButton: css({
      ...episode,
      margin: 0,
      border: 'none',
      background: 'none',
      color: 'inherit',
      font: 'inherit',
      textAlign: 'left',
      cursor: 'pointer',
      '&:hover': { background: theme.colors.action.hover },
      '&:hover > span:first-child': { color: theme.colors.text.link, textDecoration: 'underline' },
      '&:focus-visible': { outline: `2px solid ${theme.colors.primary.main}`, outlineOffset: 1 },
    }),
    when: css({ fontVariantNumeric: 'tabular-nums', whiteSpace: 'nowrap' }),
    figures: css({ color: theme.colors.text.secondary }),
    muted: css({ color: theme.colors.text.secondary }),
  };
};
