import type { BacktestEpisode } from '../../domain';

/** Context kept on each side of an episode when zooming to it: at least this, or a quarter of its length. */
const MINIMUM_MARGIN_SECONDS = 30 * 60;
const MINUTE = 60;

/**
 * The time range that shows an episode with some context: its start and end widened by a margin (a quarter
 * of its length, at least 30 minutes), on whole minutes. An episode still open at the end of the range ends
 * there: the page then says what it says now, not what the future holds.
 */
export function episodeZoomRange(episode: Pick<BacktestEpisode, 'start' | 'end' | 'open'>): {
  from: number;
  to: number;
} {
  const margin = Math.max(MINIMUM_MARGIN_SECONDS, (episode.end - episode.start) / 4);
  const from = Math.floor((episode.start - margin) / MINUTE) * MINUTE;
  const to = episode.open ? episode.end : Math.ceil((episode.end + margin) / MINUTE) * MINUTE;
  return { from, to };
}
