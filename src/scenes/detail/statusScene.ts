import {
  EmbeddedScene,
  SceneControlsSpacer,
  SceneFlexItem,
  SceneFlexLayout,
  SceneRefreshPicker,
  SceneTimePicker,
  SceneTimeRange,
} from '@grafana/scenes';
import { type SloSpec, alertingPeriodSeconds, resolveAlertWindows } from '../../domain';
import { createSloDataProvider } from '../data/sloDataProvider';
import { DEFAULT_TIME_RANGE } from '../overview/overviewScene';
import { AlertPairsTable } from './AlertPairsTable';
import { BreakdownTable } from './BreakdownTable';
import { BurndownSection } from './BurndownSection';
import { SloDetailHeader } from './SloDetailHeader';
import { alertStateTimeline, burnRateChart, sliChart, trafficChart } from './charts';

/** The detail page's main tab: the answers first, then the evidence (charts), then where it burns. */
export function statusScene(spec: SloSpec, datasourceUid: string, timeRange = DEFAULT_TIME_RANGE): EmbeddedScene {
  const factors = resolveAlertWindows(spec, alertingPeriodSeconds(spec.period)).map((window) => window.factor);
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
        row(340, burnRateChart(factors), new BurndownSection({ sloId: spec.id })),
        new SceneFlexItem({ body: new BreakdownTable({ sloId: spec.id, datasourceUid }) }),
        row(300, sliChart(), trafficChart()),
      ],
    }),
  });
}
