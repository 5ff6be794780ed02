import { css } from '@emotion/css';
import type { GrafanaTheme2 } from '@grafana/data';

interface TableLook {
  /** Tighter rows for tables inside panels and side-by-side sections. */
  dense?: boolean;
  verticalAlign?: 'top' | 'middle';
}

/** The plain data tables of the app and panels: full width, hairline rows, muted headers. */
export function dataTable(theme: GrafanaTheme2, { dense = false, verticalAlign = 'middle' }: TableLook = {}): string {
  return css({
    width: '100%',
    borderCollapse: 'collapse',
    'th, td': {
      padding: theme.spacing(dense ? 0.5 : 0.75, 1),
      borderBottom: `1px solid ${theme.colors.border.weak}`,
      textAlign: 'left',
      verticalAlign,
    },
    th: { color: theme.colors.text.secondary, fontWeight: theme.typography.fontWeightMedium },
  });
}

/** Numbers line up on the right in equal-width digits. */
export function numericCell(): string {
  return css({ textAlign: 'right !important' as 'right', fontVariantNumeric: 'tabular-nums' });
}
