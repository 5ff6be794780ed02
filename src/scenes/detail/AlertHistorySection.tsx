import React from 'react';
import { css } from '@emotion/css';
import { type GrafanaTheme2, dateTime } from '@grafana/data';
import { SceneObjectBase, type SceneComponentProps, type SceneObjectState, sceneGraph } from '@grafana/scenes';
import { useStyles2 } from '@grafana/ui';
import { AlertHistory } from '../../components/AlertHistory';
import { type BacktestEpisode, alertWindowLengths, formatDuration } from '../../domain';
import { stepFor } from '../../prometheus/plan';
import type { SloDetailModel } from '../viewModels/sloDetail';
import { DetailSection } from './DetailSection';
import { episodeZoomRange } from './episodeZoom';
import { useDetailState } from './useDetailState';

interface State extends SceneObjectState {
  sloId: string;
}

/**
 * What the alert pairs would have done over the visible range, per severity and per pair: the backtest
 * of the buckets the page reads, with the rule of the exported alerts. Clicking an episode zooms the
 * page's time range to it.
 */
export class AlertHistorySection extends SceneObjectBase<State> {
  static Component = AlertHistorySectionRenderer;

  zoomTo(episode: BacktestEpisode): void {
    const { from, to } = episodeZoomRange(episode);
    const range = { from: dateTime(from * 1000), to: dateTime(to * 1000) };
    sceneGraph.getTimeRange(this).onTimeRangeChange({ ...range, raw: range });
  }
}

function AlertHistorySectionRenderer({ model }: SceneComponentProps<AlertHistorySection>) {
  const { sloId } = model.useState();
  const state = useDetailState(model, sloId);
  const timeRange = sceneGraph.getTimeRange(model);
  timeRange.useState();
  const styles = useStyles2(getStyles);
  return (
    <DetailSection title="Alert history" state={state}>
      {({ detail }) => (
        <div className={styles.body}>
          <CoarseStepNote detail={detail} />
          <AlertHistory
            result={detail.alertHistory}
            timeZone={timeRange.getTimeZone()}
            onEpisodeClick={(episode) => model.zoomTo(episode)}
            label="Alert history over the time range"
          />
        </div>
      )}
    </DetailSection>
  );
}

/**
 * A range too long for the spec's own buckets in one request is read at a coarser step: the backtest then
 * evaluates at that step, and windows shorter than it are shares of a bucket. Said, with the way out.
 */
function CoarseStepNote({ detail }: { detail: SloDetailModel }) {
  const styles = useStyles2(getStyles);
  const { step } = detail.plan;
  const ownStep = stepFor(detail.spec);
  const shortest = alertWindowLengths(detail.pairs.map((pair) => pair.window))[0];
  if (step <= ownStep || shortest === undefined || step <= shortest) {
    return null;
  }
  return (
    <p className={styles.note} data-testid="alert-history-coarse-step">
      Evaluated every {formatDuration(step)}: this time range needs more {formatDuration(ownStep)} buckets than one
      request holds, so the {formatDuration(shortest)} window is read as a share of a {formatDuration(step)} bucket.
      Click an episode, or choose a shorter range, for evaluations every {formatDuration(ownStep)}.
    </p>
  );
}

const getStyles = (theme: GrafanaTheme2) => ({
  body: css({ display: 'flex', flexDirection: 'column', gap: theme.spacing(1) }),
  note: css({ margin: 0, color: theme.colors.text.secondary, fontSize: theme.typography.bodySmall.fontSize }),
});
