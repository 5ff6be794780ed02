import React from 'react';
import { css } from '@emotion/css';
import { type GrafanaTheme2, PanelPlugin, type PanelProps } from '@grafana/data';
import { useStyles2 } from '@grafana/ui';

/**
 * Grafana's own panels (timeseries, state-timeline, …) live in Grafana's frontend, not in any npm
 * package, so the host cannot load them. In their place: a box that says so and shows what the panel
 * received, which is all of ours that reaches such a panel: the data, and the time range its x-axis
 * would span (the `timeRange` prop, which a Scenes VizPanel takes from `data.timeRange`), also in
 * `data-time-from` and `data-time-to` (epoch milliseconds) for the specs.
 */
export function builtInPanelPlaceholder(pluginId: string): PanelPlugin {
  const plugin = new PanelPlugin((props: PanelProps) => <BuiltInPanel pluginId={pluginId} {...props} />);
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
    </div>
  );
}

function utcMinute(millis: number): string {
  return `${new Date(millis).toISOString().slice(0, 16).replace('T', ' ')} UTC`;
}

const getStyles = (theme: GrafanaTheme2) => ({
  box: css({
    display: 'flex',
    flexDirection: 'column',
    alignItems: 'center',
    justifyContent: 'center',
    gap: theme.spacing(1),
    padding: theme.spacing(2),
    textAlign: 'center',
    color: theme.colors.text.secondary,
    border: `1px dashed ${theme.colors.border.medium}`,
    borderRadius: theme.shape.radius.default,
    overflow: 'hidden',
  }),
});
