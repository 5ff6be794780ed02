import type { PanelData } from '@grafana/data';
import {
  type SceneDataProvider,
  type SceneDataProviderResult,
  type SceneDataState,
  SceneObjectBase,
  sceneGraph,
} from '@grafana/scenes';
import { ReplaySubject } from 'rxjs';

interface VisibleRangeChartDataState extends SceneDataState {
  /** The engine's frames for this chart. */
  refId: string;
}

/**
 * The data of one detail-page chart: the engine's frames of `refId`, with `timeRange` set to the
 * page's visible time range. A VizPanel draws its x-axis from `data.timeRange` when its plugin queries
 * data (grafana/scenes VizPanel.getTimeRange), and the engine's provider carries the SLO plan's range
 * — the period plus look-back, some 31 days at "Last 24 hours" — because that is what its query runner
 * asked Prometheus for (SceneDataTransformer keeps its source's timeRange). The charts' series cover
 * the visible range only.
 *
 * Like SceneDataTransformer, it reads the data of its panel's ancestors (`parent.parent`).
 */
export class VisibleRangeChartData
  extends SceneObjectBase<VisibleRangeChartDataState>
  implements SceneDataProvider<VisibleRangeChartDataState>
{
  private readonly results = new ReplaySubject<SceneDataProviderResult>(1);

  constructor(state: Pick<VisibleRangeChartDataState, 'refId'>) {
    super(state);
    this.addActivationHandler(() => {
      const source = this.getSourceData();
      const update = () => this.update(source.state.data);
      const subscription = source.subscribeToState(update);
      update();
      return () => subscription.unsubscribe();
    });
  }

  getResultsStream() {
    return this.results;
  }

  isDataReadyToDisplay(): boolean {
    return this.getSourceData().isDataReadyToDisplay?.() ?? true;
  }

  setContainerWidth(width: number): void {
    this.getSourceData().setContainerWidth?.(width);
  }

  cancelQuery(): void {
    this.getSourceData().cancelQuery?.();
  }

  private getSourceData(): SceneDataProvider {
    if (!this.parent?.parent) {
      throw new Error('VisibleRangeChartData must sit on a panel inside a scene with data');
    }
    return sceneGraph.getData(this.parent.parent);
  }

  private update(source: PanelData | undefined): void {
    if (!source) {
      return;
    }
    const data: PanelData = {
      ...source,
      series: source.series.filter((frame) => frame.refId === this.state.refId),
      timeRange: sceneGraph.getTimeRange(this).state.value,
    };
    this.setState({ data });
    this.results.next({ origin: this, data });
  }
}
