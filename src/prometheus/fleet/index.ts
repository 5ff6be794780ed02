/**
 * The fleet loader: many SLOs evaluated one request each, through a bounded, adaptive scheduler per data
 * source, rows first for the SLOs in view, history buckets kept between loads so that a refresh reads only
 * what changed. Pure TypeScript: runs in the browser and in Node. The executors live beside it
 * (`grafanaExecutor` for Grafana data sources, `httpExecutor` for the Prometheus HTTP API).
 */
export { defaultRangeCache, loadFleet } from './fleetLoader';
export type { FleetLoad, FleetLoadHandlers, FleetLoadSummary, FleetLoaderOptions } from './fleetLoader';
export { SETTLE_SECONDS, lastFinalTime, planIncrementalRead } from './incremental';
export type { IncrementalRead } from './incremental';
export { DEFAULT_MAX_CACHED_VALUES, RangeCache, rangeCacheKey } from './rangeCache';
export { rawReader } from './rawReader';
export { sharedSchedulerFor } from './sharedScheduler';
export type {
  ExecutedRequest,
  ExecutorRequest,
  FleetLoadScope,
  FleetRange,
  FleetReading,
  FleetSlo,
  PlanExecutor,
  ReadContext,
  ReaderSelector,
  SloReader,
} from './types';
