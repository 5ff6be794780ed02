import React, { useMemo } from 'react';
import { css } from '@emotion/css';
import type { GrafanaTheme2 } from '@grafana/data';
import {
  SceneObjectBase,
  type SceneComponentProps,
  type SceneObjectState,
  SceneObjectUrlSyncConfig,
  type SceneObjectUrlValues,
} from '@grafana/scenes';
import { Alert, Pagination, useStyles2 } from '@grafana/ui';
import { type SpecProblem, formatProblem } from '../../domain';
import type { SloRowModel } from '../viewModels/sloRow';
import { OverviewSummary } from './OverviewSummary';
import type { SloFleetData } from './SloFleetData';
import { SloFilters } from './SloFilters';
import { SloTable } from './SloTable';
import { DEFAULT_SORT, type SortOrder, formatSort, parseSort, sortRows } from './sortRows';

/**
 * Rows per page. Grafana's own InteractiveTable paginates (react-table's usePagination with
 * @grafana/ui's Pagination below): a page of 50 rows renders in a few milliseconds whatever the fleet,
 * filtering and sorting a thousand row models is a millisecond or two, and the page keeps scrolling as
 * Grafana's app pages do, where virtualised rows would need a scroll box of their own inside the page.
 */
export const PAGE_SIZE = 25;

interface SloOverviewState extends SceneObjectState {
  fleet: SloFleetData;
  filters: SloFilters;
  problems: SpecProblem[];
  sort: SortOrder;
  /** Zero-based page of the filtered, sorted rows. */
  page: number;
}

/**
 * The overview's body: the fleet's rows, filtered and sorted (in the URL: `sort` here, the filters in
 * SloFilters), one page at a time, the summary and the rejected specs. The SLOs of the page in view are
 * read first: whenever the page, the sort or the filters change, the SLOs still queued are reordered.
 */
export class SloOverview extends SceneObjectBase<SloOverviewState> {
  static Component = SloOverviewRenderer;
  protected _urlSync = new SceneObjectUrlSyncConfig(this, { keys: ['sort'] });

  constructor(state: Omit<SloOverviewState, 'sort' | 'page'>) {
    super({ ...state, sort: DEFAULT_SORT, page: 0 });
    this.addActivationHandler(() => this.activateFleet());
  }

  getUrlState(): SceneObjectUrlValues {
    const sort = formatSort(this.state.sort);
    return { sort: sort === formatSort(DEFAULT_SORT) ? undefined : sort };
  }

  updateFromUrl(values: SceneObjectUrlValues): void {
    this.setState({ sort: parseSort(values.sort), page: 0 });
  }

  setSort(sort: SortOrder): void {
    this.setState({ sort, page: 0 });
    this.prioritize();
  }

  setPage(page: number): void {
    this.setState({ page });
    this.prioritize();
  }

  /** The rows the filters let through, sorted. */
  visibleRows(rows: readonly SloRowModel[] = this.state.fleet.state.rows): SloRowModel[] {
    const { filters, sort } = this.state;
    return sortRows(
      rows.filter((row) => filters.matches(row)),
      sort
    );
  }

  private activateFleet() {
    const { fleet, filters } = this.state;
    // Queue positions first, then the load: the fleet is this object's child, activated (loading) here.
    this.prioritize();
    const deactivate = fleet.activate();
    const offerOptions = () => this.offerFilterOptions();
    const fleetSubscription = fleet.subscribeToState((next, previous) => {
      if (next.rows !== previous.rows) {
        offerOptions();
      }
    });
    const filterSubscription = filters.subscribeToState((next, previous) => {
      if (
        next.search !== previous.search ||
        next.services !== previous.services ||
        next.states !== previous.states ||
        next.labels !== previous.labels
      ) {
        this.setState({ page: 0 });
        this.prioritize();
      }
    });
    offerOptions();
    return () => {
      fleetSubscription.unsubscribe();
      filterSubscription.unsubscribe();
      deactivate();
    };
  }

  /** The current page's SLOs first, then the rest in the table's order, then those filtered out. */
  private prioritize(): void {
    const { fleet, page } = this.state;
    const ordered = this.visibleRows();
    const first = page * PAGE_SIZE;
    const positions = new Map<string, number>();
    const place = (id: string, position: number) => {
      if (!positions.has(id)) {
        positions.set(id, position);
      }
    };
    ordered.slice(first, first + PAGE_SIZE).forEach((row, index) => place(row.id, index));
    ordered.forEach((row, index) => place(row.id, PAGE_SIZE + index));
    fleet.state.rows.forEach((row, index) => place(row.id, PAGE_SIZE + ordered.length + index));
    fleet.prioritize((id) => positions.get(id) ?? Number.MAX_SAFE_INTEGER);
  }

  private offerFilterOptions() {
    const rows = this.state.fleet.state.rows;
    const services = [...new Set(rows.map((row) => row.service))].sort();
    const labels = [
      ...new Set(
        rows.flatMap((row) =>
          Object.entries({ ...row.labels, ...row.groupLabels }).map(([name, value]) => `${name}=${value}`)
        )
      ),
    ].sort();
    this.state.filters.setOptions(services, labels);
  }
}

function SloOverviewRenderer({ model }: SceneComponentProps<SloOverview>) {
  const { problems, filters, sort, page, fleet } = model.useState();
  const { rows, pending } = fleet.useState();
  const filterState = filters.useState();
  const styles = useStyles2(getStyles);
  const visible = useMemo(
    () => model.visibleRows(rows),
    // filterState and sort are what `visibleRows` reads.
    // eslint-disable-next-line react-hooks/exhaustive-deps
    [rows, sort, filterState, model]
  );
  const pages = Math.max(1, Math.ceil(visible.length / PAGE_SIZE));
  const current = Math.min(page, pages - 1);
  const errors = problems.filter((problem) => problem.severity === 'error');
  return (
    <div className={styles.container}>
      <filters.Component model={filters} />
      <OverviewSummary rows={rows} pending={pending} />
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
      <SloTable
        rows={visible.slice(current * PAGE_SIZE, (current + 1) * PAGE_SIZE)}
        matching={visible.length}
        total={rows.length}
        sort={sort}
        onSort={(order) => model.setSort(order)}
      />
      <Pagination
        className={styles.pagination}
        currentPage={current + 1}
        numberOfPages={pages}
        onNavigate={(next) => model.setPage(next - 1)}
        hideWhenSinglePage
      />
    </div>
  );
}

const getStyles = (theme: GrafanaTheme2) => ({
  container: css({ display: 'flex', flexDirection: 'column', gap: theme.spacing(2) }),
  problems: css({ margin: 0, paddingLeft: theme.spacing(2) }),
  pagination: css({ alignSelf: 'center' }),
});
