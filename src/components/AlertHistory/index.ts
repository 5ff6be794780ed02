export { AlertHistory, type AlertHistoryProps } from './AlertHistory';
export { episodeFigures, episodeWhen } from './EpisodeList';
export { type AlertHistoryRow, alertHistoryRows, episodeCount } from './historyRows';
