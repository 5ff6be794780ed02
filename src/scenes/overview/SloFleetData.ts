import type { TimeRange } from '@grafana/data';
import { RefreshEvent } from '@grafana/runtime';
import {
  SceneObjectBase,
  type SceneObjectState,
  type SceneQueryControllerEntry,
  type SceneTimeRangeLike,
  sceneGraph,
} from '@grafana/scenes';
import {
  type FleetLoad,
  type FleetLoaderOptions,
  type FleetReading,
  type FleetSlo,
  loadFleet,
} from '../../prometheus/fleet';
import { grafanaExecutor } from '../../prometheus/fleet/grafanaExecutor';
import { recordedRulesReaders } from '../../prometheus/recorded';
import { sloRefId } from '../data/sloQueryGroups';
import { type SloRowModel, errorRow, loadingRow, rowsFromReading } from '../viewModels/sloRow';

/** Readings are gathered and shown together at most this often: one render per batch, not per SLO. */
export const FLUSH_INTERVAL_MS = 100;

export interface SloFleetDataState extends SceneObjectState {
  /** Every SLO's rows in catalog order: the latest reading, or a loading row until the first. */
  rows: SloRowModel[];
  /** SLOs of the current load without a reading yet. */
  pending: number;
  /** When the current load started and when its first and last readings came (ms, page clock). */
  timing: { started: number; firstReading: number | null; finished: number | null } | null;
}

interface SloFleetDataOptions {
  slos: FleetSlo[];
  /**
   * Test seam: loader options (executor, cache, scheduler, readers); default: Grafana data sources, and
   * recording rules where they match.
   */
  loader?: Partial<FleetLoaderOptions>;
  /** Its own time range; default: the page's. */
  $timeRange?: SceneTimeRangeLike;
}

/**
 * The overview's data: every SLO read on its own through the fleet loader (one data-source request per
 * SLO, queued per data source, the rows in view first), or from its recording rules where those are
 * deployed for exactly its spec (one detection and a few batched reads per data source and load), as of
 * the end of the page's time range. It
 * follows the time range and the refresh picker (both change the time range's value; see
 * SceneRefreshPicker.onRefresh → SceneTimeRange.onRefresh), drops a superseded load's queued and in-flight
 * requests, registers with the scene's query controller so the refresh picker shows the load running and
 * can cancel it, and sets its state in batches.
 */
export class SloFleetData extends SceneObjectBase<SloFleetDataState> {
  private readonly slos: FleetSlo[];
  private readonly loaderOptions: FleetLoaderOptions;
  private readonly rowsById = new Map<string, SloRowModel[]>();
  private current: { load: FleetLoad; entry: SceneQueryControllerEntry } | null = null;
  private flushTimer: ReturnType<typeof setTimeout> | null = null;
  private arrived: FleetReading[] = [];
  private priorityOf: (sloId: string) => number;
  /** The range of the latest load. */
  private loaded: TimeRange | null = null;
  private reloadScheduled = false;
  /** A refresh asked for the load being scheduled (rather than only a new range). */
  private refreshed = false;

  constructor({ slos, loader, $timeRange }: SloFleetDataOptions) {
    super({ rows: slos.map(({ spec }) => loadingRow(spec)), pending: slos.length, timing: null, $timeRange });
    this.slos = slos;
    for (const { spec } of slos) {
      this.rowsById.set(spec.id, [loadingRow(spec)]);
    }
    const order = new Map(slos.map(({ spec }, index) => [spec.id, index]));
    this.priorityOf = (id) => order.get(id) ?? 0;
    this.loaderOptions = {
      executor: grafanaExecutor({ requestRefId: sloRefId }),
      // SLOs whose recording rules are deployed for exactly their spec are read from them (O(windows)
      // samples each), every other SLO raw; the detail page always reads raw.
      readers: recordedRulesReaders(),
      ...loader,
    };
    this.addActivationHandler(() => {
      const timeRange = sceneGraph.getTimeRange(this);
      this.load(timeRange.state.value);
      // A new range, and every refresh (the picker's button and its interval call SceneTimeRange.onRefresh,
      // which re-evaluates the range and publishes a RefreshEvent even when an absolute range stays the
      // same). Not every state change: the URL sync of the filters and the sort sets the range's state
      // again with the same times, which must not read the fleet again. Both in one tick are one load.
      const rangeSubscription = timeRange.subscribeToState((next) => {
        if (!sameRange(next.value, this.loaded)) {
          this.reloadSoon('range');
        }
      });
      const refreshSubscription = timeRange.subscribeToEvent(RefreshEvent, () => this.reloadSoon('refresh'));
      return () => {
        rangeSubscription.unsubscribe();
        refreshSubscription.unsubscribe();
        this.reloadScheduled = false;
        this.stop('the page was left');
      };
    });
  }

  /** Queue positions for the SLOs still to read: lower first (the table's current page). */
  prioritize(priorityOf: (sloId: string) => number): void {
    this.priorityOf = priorityOf;
    this.current?.load.prioritize(priorityOf);
  }

  /**
   * One load for what happened in this tick. A refresh keeps the rows as they are until their new
   * reading, as a dashboard keeps its panels; another range shows them loading, since their numbers are
   * as of another instant.
   */
  private reloadSoon(cause: 'range' | 'refresh'): void {
    this.refreshed ||= cause === 'refresh';
    if (!this.reloadScheduled) {
      this.reloadScheduled = true;
      queueMicrotask(() => {
        if (this.reloadScheduled && this.isActive) {
          const keepRows = this.refreshed;
          this.reloadScheduled = false;
          this.refreshed = false;
          this.load(sceneGraph.getTimeRange(this).state.value, keepRows);
        }
      });
    }
  }

  private load(range: TimeRange, keepRows = true): void {
    this.stop('superseded by a newer load');
    this.loaded = range;
    if (!keepRows) {
      for (const { spec } of this.slos) {
        this.rowsById.set(spec.id, [loadingRow(spec)]);
      }
      this.setState({ rows: this.collect() });
    }
    const started = performance.now();
    const entry: SceneQueryControllerEntry = {
      type: 'sloburn/overview',
      origin: this,
      cancel: () => this.cancel(),
    };
    const load = loadFleet(
      this.slos,
      { from: range.from.valueOf() / 1000, to: range.to.valueOf() / 1000 },
      this.loaderOptions,
      {
        onReading: (reading) => this.arrive(reading),
        priorityOf: (id) => this.priorityOf(id),
      }
    );
    this.current = { load, entry };
    sceneGraph.getQueryController(this)?.queryStarted(entry);
    this.setState({ pending: this.slos.length, timing: { started, firstReading: null, finished: null } });
    load.done.then((summary) => {
      if (this.current?.load !== load) {
        return;
      }
      this.flush();
      this.current = null;
      sceneGraph.getQueryController(this)?.queryCompleted(entry);
      if (!summary.aborted) {
        this.setState({ timing: { ...this.state.timing!, finished: performance.now() } });
      }
    });
  }

  /** The user cancelled (the refresh picker while running): SLOs not read yet say so. */
  private cancel(): void {
    const load = this.current?.load;
    this.stop('cancelled');
    if (!load) {
      return;
    }
    for (const { spec } of this.slos) {
      if ((this.rowsById.get(spec.id) ?? []).every((row) => row.status === 'loading')) {
        this.rowsById.set(spec.id, [errorRow(spec, 'not read: the load was cancelled; refresh to read it')]);
      }
    }
    this.setState({ rows: this.collect(), pending: 0 });
  }

  private stop(reason: string): void {
    if (this.flushTimer !== null) {
      clearTimeout(this.flushTimer);
      this.flushTimer = null;
    }
    this.arrived = [];
    if (this.current) {
      const { load, entry } = this.current;
      this.current = null;
      load.abort(new Error(reason));
      sceneGraph.getQueryController(this)?.queryCompleted(entry);
    }
  }

  private arrive(reading: FleetReading): void {
    this.arrived.push(reading);
    if (this.flushTimer === null) {
      this.flushTimer = setTimeout(() => this.flush(), FLUSH_INTERVAL_MS);
    }
  }

  private flush(): void {
    if (this.flushTimer !== null) {
      clearTimeout(this.flushTimer);
      this.flushTimer = null;
    }
    if (this.arrived.length === 0) {
      return;
    }
    for (const { slo, reading } of this.arrived) {
      this.rowsById.set(slo.spec.id, rowsFromReading(reading));
    }
    this.arrived = [];
    const timing = this.state.timing;
    this.setState({
      rows: this.collect(),
      pending: this.current?.load.pending() ?? 0,
      timing: timing && timing.firstReading === null ? { ...timing, firstReading: performance.now() } : timing,
    });
  }

  private collect(): SloRowModel[] {
    return this.slos.flatMap(({ spec }) => this.rowsById.get(spec.id) ?? [loadingRow(spec)]);
  }
}

function sameRange(a: TimeRange, b: TimeRange | null): boolean {
  return b !== null && a.from.valueOf() === b.from.valueOf() && a.to.valueOf() === b.to.valueOf();
}
