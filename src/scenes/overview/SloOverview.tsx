import React, { useMemo } from 'react';
import { css } from '@emotion/css';
import type { GrafanaTheme2 } from '@grafana/data';
import {
  SceneDataTransformer,
  SceneObjectBase,
  type SceneComponentProps,
  type SceneObjectState,
  SceneObjectUrlSyncConfig,
  type SceneObjectUrlValues,
} from '@grafana/scenes';
import { Alert, useStyles2 } from '@grafana/ui';
import { type SpecProblem, formatProblem } from '../../domain';
import { type SloQueryGroup } from '../data/sloQueryGroups';
import type { SloRowModel } from '../viewModels/sloRow';
import { OverviewSummary } from './OverviewSummary';
import { SloFilters } from './SloFilters';
import { SloTable } from './SloTable';
import { rowsFromPanelData } from './overviewRows';
import { DEFAULT_SORT, type SortOrder, formatSort, parseSort, sortRows } from './sortRows';

interface SloOverviewState extends SceneObjectState {
  groups: SloQueryGroup[];
  /** One data provider per group, same order; a direct list so the scene graph parents them here. */
  providers: SceneDataTransformer[];
  filters: SloFilters;
  problems: SpecProblem[];
  rows: SloRowModel[];
  sort: SortOrder;
}

/**
 * The overview's body: owns one data provider per query group, turns their output into rows, and
 * renders the summary, the rejected specs and the table. Sorting lives in the URL (`sort`).
 */
export class SloOverview extends SceneObjectBase<SloOverviewState> {
  static Component = SloOverviewRenderer;
  protected _urlSync = new SceneObjectUrlSyncConfig(this, { keys: ['sort'] });

  constructor(state: Omit<SloOverviewState, 'rows' | 'sort'>) {
    super({ ...state, rows: [], sort: DEFAULT_SORT });
    this.addActivationHandler(() => this.activateProviders());
  }

  getUrlState(): SceneObjectUrlValues {
    const sort = formatSort(this.state.sort);
    return { sort: sort === formatSort(DEFAULT_SORT) ? undefined : sort };
  }

  updateFromUrl(values: SceneObjectUrlValues): void {
    this.setState({ sort: parseSort(values.sort) });
  }

  setSort(sort: SortOrder): void {
    this.setState({ sort });
  }

  private activateProviders() {
    const deactivators = this.state.providers.map((provider) => provider.activate());
    const refresh = () => this.collectRows();
    const subscriptions = this.state.providers.map((provider) => provider.subscribeToState(refresh));
    refresh();
    return () => {
      subscriptions.forEach((subscription) => subscription.unsubscribe());
      deactivators.forEach((deactivate) => deactivate());
    };
  }

  private collectRows() {
    const rows = this.state.groups.flatMap((group, index) =>
      rowsFromPanelData(group.specs, this.state.providers[index].state.data)
    );
    const services = [...new Set(rows.map((row) => row.service))].sort();
    const labels = [
      ...new Set(
        rows.flatMap((row) =>
          Object.entries({ ...row.labels, ...row.groupLabels }).map(([name, value]) => `${name}=${value}`)
        )
      ),
    ].sort();
    this.state.filters.setOptions(services, labels);
    this.setState({ rows });
  }
}

function SloOverviewRenderer({ model }: SceneComponentProps<SloOverview>) {
  const { rows, problems, filters, sort } = model.useState();
  const filterState = filters.useState();
  const styles = useStyles2(getStyles);
  const visible = useMemo(
    () =>
      sortRows(
        rows.filter((row) => filters.matches(row)),
        sort
      ),
    // filterState is what `matches` reads.
    // eslint-disable-next-line react-hooks/exhaustive-deps
    [rows, sort, filterState, filters]
  );
  const errors = problems.filter((problem) => problem.severity === 'error');
  return (
    <div className={styles.container}>
      <filters.Component model={filters} />
      <OverviewSummary rows={rows} />
      {errors.length > 0 && (
        <Alert
          severity="warning"
          title={`${errors.length} problem${errors.length === 1 ? '' : 's'} in the SLO configuration: those SLOs are not shown`}
        >
          <ul className={styles.problems}>
            {errors.map((problem, index) => (
              <li key={index}>
                <code>{formatProblem(problem)}</code>
              </li>
            ))}
          </ul>
        </Alert>
      )}
      <SloTable rows={visible} total={rows.length} sort={sort} onSort={(order) => model.setSort(order)} />
    </div>
  );
}

const getStyles = (theme: GrafanaTheme2) => ({
  container: css({ display: 'flex', flexDirection: 'column', gap: theme.spacing(2) }),
  problems: css({ margin: 0, paddingLeft: theme.spacing(2) }),
});
