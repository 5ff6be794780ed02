import React from 'react';
import { css } from '@emotion/css';
import { type GrafanaTheme2, PanelPlugin, type PanelProps } from '@grafana/data';
import { useStyles2 } from '@grafana/ui';
import { type StateStretch, stateStretches } from './stateStretches';

/**
 * Grafana's own panels (timeseries, state-timeline, …) live in Grafana's frontend, not in any npm
 * package, so the host cannot load them. In their place: a box that says so and shows what the panel
 * received, which is all of ours that reaches such a panel: the data, and the time range its x-axis
 * would span (the `timeRange` prop, which a Scenes VizPanel takes from `data.timeRange`), also in
 * `data-time-from` and `data-time-to` (epoch milliseconds) for the specs. A state timeline also lists the
 * boxes it would draw in the `firing` state (`stateStretches`), each with `data-field`, `data-from` and
 * `data-to`.
 */
export function builtInPanelPlaceholder(pluginId: string): PanelPlugin {
  // Grafana's built-in panels enable the standard field options (value mappings among them).
  const plugin = new PanelPlugin((props: PanelProps) => (
    <BuiltInPanel pluginId={pluginId} {...props} />
  )).useFieldConfig();
  plugin.meta = {
    id: pluginId,
    name: pluginId,
    type: 'panel',
    module: '',
    baseUrl: '',
    info: {
      author: { name: 'Grafana Labs' },
      description: '',
      links: [],
      logos: { small: '', large: '' },
      screenshots: [],
      updated: '',
      version: '',
    },
  } as unknown as PanelPlugin['meta'];
  return plugin;
}

function BuiltInPanel({ pluginId, data, width, height, timeRange }: PanelProps & { pluginId: string }) {
  const styles = useStyles2(getStyles);
  const fields = data.series.flatMap((frame) =>
    frame.fields.filter((field) => field.type !== 'time').map((field) => field.config.displayName ?? field.name)
  );
  const points = data.series.reduce((sum, frame) => sum + frame.length, 0);
  return (
    <div
      className={styles.box}
      style={{ width, height }}
      data-testid={`builtin-panel-${pluginId}`}
      data-time-from={timeRange.from.valueOf()}
      data-time-to={timeRange.to.valueOf()}
    >
      <strong>{pluginId}: built-in panel (Grafana only)</strong>
      <span>
        {data.series.length} frames, {points} points
        {fields.length > 0 ? `: ${[...new Set(fields)].join(', ')}` : ''}
      </span>
      <span data-testid="host-chart-time-range">
        time range {utcMinute(timeRange.from.valueOf())} to {utcMinute(timeRange.to.valueOf())}
      </span>
      {pluginId === 'state-timeline' && <FiringStretches data={data} />}
    </div>
  );
}

/** The boxes a state timeline would draw as firing, as a user would read them off the chart. */
function FiringStretches({ data }: Pick<PanelProps, 'data'>) {
  const stretches = stateStretches(data.series, FIRING);
  if (stretches.length === 0) {
    return <span>nothing drawn {FIRING}</span>;
  }
  // One short line that wraps: the placeholder has the panel's height, and a timeline's panel is short.
  return (
    <span aria-label={`Drawn ${FIRING}`}>
      drawn {FIRING} (UTC):{' '}
      {stretches.map((stretch, index) => (
        <React.Fragment key={`${stretch.field} ${stretch.from}`}>
          {index > 0 && '; '}
          <span
            data-testid="host-timeline-stretch"
            data-field={stretch.field}
            data-from={stretch.from}
            data-to={stretch.to}
          >
            {stretch.field} {stretchTimes(stretch)}
          </span>
        </React.Fragment>
      ))}
    </span>
  );
}

/** `10-30 10:25–13:05`, `10-30 23:00–10-31 01:00`, `10-30 11:30–end`. */
function stretchTimes({ from, to, reachesEnd }: StateStretch): string {
  const minute = (millis: number) => new Date(millis).toISOString().slice(5, 16).replace('T', ' ');
  const end = reachesEnd
    ? 'end'
    : minute(to).slice(0, 5) === minute(from).slice(0, 5)
      ? minute(to).slice(6)
      : minute(to);
  return `${minute(from)}–${end}`;
}

/** The state our alert-state timeline maps a firing pair to (src/scenes/detail/charts.ts). */
const FIRING = 'firing';

function utcMinute(millis: number): string {
  return `${new Date(millis).toISOString().slice(0, 16).replace('T', ' ')} UTC`;
}

const getStyles = (theme: GrafanaTheme2) => ({
  box: css({
    display: 'flex',
    flexDirection: 'column',
    alignItems: 'center',
    // Content taller than the panel is cut at the bottom, not at the top where the title is.
    justifyContent: 'safe center',
    gap: theme.spacing(1),
    padding: theme.spacing(2),
    textAlign: 'center',
    color: theme.colors.text.secondary,
    border: `1px dashed ${theme.colors.border.medium}`,
    borderRadius: theme.shape.radius.default,
    overflow: 'hidden',
  }),
});
