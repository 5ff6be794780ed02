import { AdaptiveScheduler, type SchedulerOptions } from '../scheduler';

const REGISTRY = Symbol.for('sloburn-slo-app/schedulers');

type Registry = Map<string, AdaptiveScheduler>;

/**
 * One scheduler per data source for everything of SLO Burn in this page (or Node process). Unlike
 * `schedulerFor`, whose registry is its module's, this one lives on `globalThis`: the app and each panel
 * plugin are separate bundles, each with its own copy of every module, and a dashboard full of burndown
 * and burn-rate panels must still queue behind one limit per data source.
 */
export function sharedSchedulerFor(key: string, options?: SchedulerOptions): AdaptiveScheduler {
  const holder = globalThis as unknown as { [REGISTRY]?: Registry };
  const registry = (holder[REGISTRY] ??= new Map());
  let scheduler = registry.get(key);
  if (!scheduler) {
    scheduler = new AdaptiveScheduler(options);
    registry.set(key, scheduler);
  }
  return scheduler;
}
