import {
  EmbeddedScene,
  SceneControlsSpacer,
  SceneFlexItem,
  SceneFlexLayout,
  SceneRefreshPicker,
  SceneTimePicker,
  SceneTimeRange,
} from '@grafana/scenes';
import { type SloSpec, alertingPeriodSeconds, formatDuration, sloAlertWindows } from '../../domain';
import { createSloDataProvider } from '../data/sloDataProvider';
import { AlertHistorySection } from './AlertHistorySection';
import { AlertPairsTable } from './AlertPairsTable';
import { BreakdownTable } from './BreakdownTable';
import { BurndownSection } from './BurndownSection';
import { SloDetailHeader } from './SloDetailHeader';
import { alertStateTimeline, burnRateChart, sliChart, trafficChart } from './charts';

/**
 * The detail page's time range unless the URL says otherwise: the SLO's period (its nominal length for a
 * calendar period), so that the alert history covers what the budget does.
 */
export function detailTimeRange(spec: SloSpec): { from: string; to: string } {
  return { from: `now-${formatDuration(alertingPeriodSeconds(spec.period))}`, to: 'now' };
}

/**
 * The detail page's main tab: the answers first, then the evidence (alert history, charts), then where it
 * burns.
 */
export function statusScene(spec: SloSpec, datasourceUid: string, timeRange = detailTimeRange(spec)): EmbeddedScene {
  const factors = sloAlertWindows(spec).map((window) => window.factor);
  const row = (height: number, ...bodies: Array<SceneFlexItem['state']['body']>) =>
    new SceneFlexItem({
      minHeight: height,
      body: new SceneFlexLayout({
        direction: 'row',
        children: bodies.map((body) => new SceneFlexItem({ body, minWidth: 360 })),
      }),
    });
  return new EmbeddedScene({
    $timeRange: new SceneTimeRange(timeRange),
    $data: createSloDataProvider([spec], 'detail', datasourceUid),
    controls: [
      new SceneControlsSpacer(),
      new SceneTimePicker({ isOnCanvas: true }),
      new SceneRefreshPicker({ isOnCanvas: true, intervals: ['1m', '5m', '15m', '1h'] }),
    ],
    body: new SceneFlexLayout({
      direction: 'column',
      children: [
        new SceneFlexItem({ body: new SloDetailHeader({ spec }) }),
        new SceneFlexItem({ body: new AlertPairsTable({ sloId: spec.id }) }),
        new SceneFlexItem({ minHeight: 200, body: alertStateTimeline() }),
        new SceneFlexItem({ body: new AlertHistorySection({ sloId: spec.id }) }),
        row(340, burnRateChart(factors), new BurndownSection({ sloId: spec.id })),
        new SceneFlexItem({ body: new BreakdownTable({ sloId: spec.id, datasourceUid }) }),
        row(300, sliChart(), trafficChart()),
      ],
    }),
  });
}
