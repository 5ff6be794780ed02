import React from 'react';
import { dataTable, numericCell } from '../../components/tableStyles';
import { css } from '@emotion/css';
import type { GrafanaTheme2 } from '@grafana/data';
import { locationService } from '@grafana/runtime';
import { Badge, Icon, Tag, TextLink, Tooltip, useStyles2 } from '@grafana/ui';
import { BudgetBar } from '../../components/BudgetBar';
import { BudgetSparkline } from '../../components/BudgetSparkline';
import { StatusBadge } from '../../components/StatusBadge';
import {
  formatBurnRate,
  formatLabels,
  formatObjective,
  formatPercent,
  formatSince,
  formatTimeToExhaustion,
  formatWindowPair,
} from '../../components/format';
import { sloDetailLink } from '../links';
import type { SloRowModel } from '../viewModels/sloRow';
import type { SortKey, SortOrder } from './sortRows';

interface Props {
  /** The rows of the page shown. */
  rows: SloRowModel[];
  /** Rows the filters let through, on every page. */
  matching: number;
  total: number;
  sort: SortOrder;
  onSort: (order: SortOrder) => void;
}

interface Column {
  key: SortKey | null;
  title: string;
  align?: 'right';
}

const COLUMNS: Column[] = [
  { key: 'status', title: 'State' },
  { key: 'service', title: 'Service' },
  { key: 'name', title: 'SLO' },
  { key: 'objective', title: 'Objective', align: 'right' },
  { key: 'sli', title: 'SLI (period)', align: 'right' },
  { key: 'budget', title: 'Budget remaining' },
  { key: 'burn1h', title: 'Burn 1h', align: 'right' },
  { key: 'burn6h', title: 'Burn 6h', align: 'right' },
  { key: null, title: 'Firing' },
  { key: 'exhaustion', title: 'Exhaustion' },
  { key: null, title: 'Budget over period' },
  { key: null, title: 'Labels' },
];

export function SloTable({ rows, matching, total, sort, onSort }: Props) {
  const styles = useStyles2(getStyles);
  return (
    <div className={styles.wrapper}>
      <table className={styles.table} aria-label="Service level objectives">
        <thead>
          <tr>
            {COLUMNS.map((column) => (
              <th
                key={column.title}
                className={column.align === 'right' ? styles.right : undefined}
                aria-sort={column.key === sort.key ? (sort.descending ? 'descending' : 'ascending') : undefined}
              >
                {column.key ? (
                  <button
                    type="button"
                    className={styles.sortButton}
                    onClick={() =>
                      onSort({ key: column.key!, descending: column.key === sort.key ? !sort.descending : false })
                    }
                  >
                    {column.title}
                    {column.key === sort.key && <Icon name={sort.descending ? 'arrow-down' : 'arrow-up'} size="sm" />}
                  </button>
                ) : (
                  column.title
                )}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {rows.map((row, index) => (
            // Keyed by place on the page: a filter or a sort gives the page's rows other SLOs, and updating
            // 50 rows in place costs a fraction of unmounting and mounting them (badges, tooltips, icons).
            <SloTableRow key={index} row={row} />
          ))}
        </tbody>
      </table>
      {rows.length === 0 && (
        <p className={styles.empty}>
          {total === 0
            ? 'No SLOs are configured yet: add them on the app configuration page.'
            : 'No SLO matches the filters.'}
        </p>
      )}
      {matching > 0 && matching < total && (
        <p className={styles.muted}>
          Showing {matching} of {total} SLOs.
        </p>
      )}
    </div>
  );
}

function SloTableRow({ row }: { row: SloRowModel }) {
  const styles = useStyles2(getStyles);
  // The link carries the page's time range, filters and sort (so "back" restores them), which change on
  // every filter or sort: it is rendered again then; the cells are not, unless the row's data changed.
  const link = sloDetailLink(row.id);
  return (
    <tr
      className={styles.row}
      data-testid={`slo-row-${row.id}`}
      data-status={row.status}
      onClick={(event) => openRow(event, sloDetailLink(row.id))}
    >
      <StatusCell row={row} />
      <td>{row.service}</td>
      <td>
        <div className={styles.nameLine}>
          <TextLink href={link} inline={false}>
            {row.name}
          </TextLink>
          {row.source === 'rules' && <RulesBadge />}
        </div>
        <RowNotes row={row} />
      </td>
      <RowCells row={row} />
    </tr>
  );
}

export const RULES_TOOLTIP =
  "Read from this SLO's recording rules (slo:sli_error:ratio_rate<window>, deployed for exactly this spec): " +
  'one sample per window instead of the period of raw data, so no budget history here. The detail page reads raw data.';

/** Marks a row whose numbers come from the SLO's recording rules rather than raw data. */
const RulesBadge = React.memo(function RulesBadge() {
  return <Badge text="rules" color="blue" icon="database" tooltip={RULES_TOOLTIP} data-testid="rules-badge" />;
});

const StatusCell = React.memo(function StatusCell({ row }: { row: SloRowModel }) {
  return (
    <td>
      <StatusBadge status={row.status} detail={row.error ?? undefined} />
    </td>
  );
});

const RowNotes = React.memo(function RowNotes({ row }: { row: SloRowModel }) {
  const styles = useStyles2(getStyles);
  const groupText = formatLabels(row.groupLabels).join(', ');
  return (
    <>
      {groupText && <div className={styles.muted}>{groupText}</div>}
      {row.error && <div className={styles.error}>{row.error}</div>}
      {row.notes.map((note) => (
        <div key={note} className={styles.muted}>
          {note}
        </div>
      ))}
    </>
  );
});

/** The row's numbers, pairs, sparkline and labels: rendered again only when its data changes. */
const RowCells = React.memo(function RowCells({ row }: { row: SloRowModel }) {
  const styles = useStyles2(getStyles);
  return (
    <>
      <td className={styles.right}>{formatObjective(row.objective)}</td>
      <td className={styles.right}>{formatPercent(row.sli, 3)}</td>
      <td>
        <BudgetBar remaining={row.budgetRemaining} />
      </td>
      <td className={styles.right}>{formatBurnRate(row.burnRate1h)}</td>
      <td className={styles.right}>{formatBurnRate(row.burnRate6h)}</td>
      <td>
        {row.firing.length === 0 ? (
          <span className={styles.muted}>—</span>
        ) : (
          row.firing.map((pair) => (
            <Tooltip
              key={`${pair.long}`}
              content={`${pair.severity}: both ${formatWindowPair(pair.long, pair.short)} burn above ${pair.factor}× ${formatSince(pair.since, row.now)}`}
            >
              <div className={`${styles.nowrap} ${pair.severity === 'page' ? styles.error : styles.warning}`}>
                {pair.severity} {formatWindowPair(pair.long, pair.short)} &gt; {pair.factor}×
              </div>
            </Tooltip>
          ))
        )}
      </td>
      <td>{formatTimeToExhaustion(row.timeToExhaustion, row.budgetRemaining)}</td>
      <td>
        <BudgetSparkline points={row.sparkline} />
      </td>
      <td>
        <div className={styles.labels}>
          {formatLabels(row.labels).map((label) => (
            <Tag key={label} name={label} />
          ))}
        </div>
      </td>
    </>
  );
});

/** The whole row opens the detail page; links, buttons and text selection keep their own behaviour. */
function openRow(event: React.MouseEvent, link: string) {
  const target = event.target as HTMLElement;
  if (target.closest('a, button') || window.getSelection()?.toString()) {
    return;
  }
  locationService.push(link);
}

const getStyles = (theme: GrafanaTheme2) => ({
  wrapper: css({ overflowX: 'auto' }),
  table: css(dataTable(theme), { th: { whiteSpace: 'nowrap' } }),
  row: css({ cursor: 'pointer', '&:hover': { background: theme.colors.action.hover } }),
  right: numericCell(),
  sortButton: css({
    background: 'none',
    border: 'none',
    padding: 0,
    color: 'inherit',
    font: 'inherit',
    cursor: 'pointer',
    display: 'inline-flex',
    alignItems: 'center',
    gap: theme.spacing(0.5),
  }),
  labels: css({ display: 'flex', gap: theme.spacing(0.5), flexWrap: 'wrap' }),
  nameLine: css({ display: 'flex', gap: theme.spacing(1), alignItems: 'center' }),
  nowrap: css({ whiteSpace: 'nowrap' }),
  muted: css({ color: theme.colors.text.secondary, fontSize: theme.typography.bodySmall.fontSize }),
  error: css({ color: theme.colors.error.text }),
  warning: css({ color: theme.colors.warning.text }),
  empty: css({ color: theme.colors.text.secondary, padding: theme.spacing(2) }),
});
