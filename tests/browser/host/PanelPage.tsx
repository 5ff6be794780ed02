import React, { useMemo } from 'react';
import { css } from '@emotion/css';
import { type GrafanaTheme2, dateTime } from '@grafana/data';
import {
  EmbeddedScene,
  SceneFlexItem,
  SceneFlexLayout,
  SceneQueryRunner,
  SceneTimeRange,
  VizPanel,
} from '@grafana/scenes';
import { useStyles2 } from '@grafana/ui';
import { useLocation, useParams } from 'react-router-dom';
import { type HostPanel, PANEL_PAGES } from '../panels';
import { HOST_DATASOURCE } from './constants';

/**
 * A dashboard of our panels, rendered the way Grafana 12+ renders dashboard panels: a Scenes
 * VizPanel per panel (PanelChrome, the plugin loaded through the plugin import utils, options with
 * the plugin's defaults) fed by a SceneQueryRunner (interval and maxDataPoints from the query
 * options, the request through runRequest and the data source). `from` and `to` are epoch
 * milliseconds or ISO times.
 */
export function PanelPage() {
  const { page = '' } = useParams();
  const { search } = useLocation();
  const definition = PANEL_PAGES[page];
  const styles = useStyles2(getStyles);
  const scene = useMemo(() => {
    if (!definition) {
      return null;
    }
    const params = new URLSearchParams(search);
    return panelScene(definition.panels, timeParam(params.get('from')), timeParam(params.get('to')));
    // One scene per page and time range; the theme never changes without a reload.
  }, [definition, search]);
  if (!definition || !scene) {
    return (
      <p>
        No panel page {page}: try {Object.keys(PANEL_PAGES).join(', ')}.
      </p>
    );
  }
  return (
    <div className={styles.page}>
      <h1 className={styles.title}>{definition.title}</h1>
      <scene.Component model={scene} />
    </div>
  );
}

function timeParam(value: string | null): string {
  if (!value) {
    throw new Error('a panel page needs ?from=…&to=… (epoch milliseconds or ISO time)');
  }
  return /^\d+$/.test(value) ? dateTime(Number(value)).toISOString() : value;
}

function panelScene(panels: HostPanel[], from: string, to: string): EmbeddedScene {
  return new EmbeddedScene({
    $timeRange: new SceneTimeRange({ from, to, timeZone: 'utc' }),
    body: new SceneFlexLayout({
      direction: 'column',
      children: panels.map(
        (panel) =>
          new SceneFlexItem({
            height: panel.height,
            body: new VizPanel({
              key: panel.key,
              title: panel.title,
              pluginId: panel.pluginId,
              options: panel.options,
              fieldConfig: { defaults: {}, overrides: [] },
              $data:
                panel.queries.length > 0
                  ? new SceneQueryRunner({
                      datasource: { uid: HOST_DATASOURCE.uid, type: HOST_DATASOURCE.type },
                      queries: panel.queries.map((query) => ({
                        ...query,
                        datasource: { uid: HOST_DATASOURCE.uid, type: HOST_DATASOURCE.type },
                        range: true,
                        instant: false,
                        editorMode: 'code',
                        legendFormat: query.refId,
                      })),
                      minInterval: panel.minInterval,
                      maxDataPoints: panel.maxDataPoints,
                    })
                  : undefined,
            }),
          })
      ),
    }),
  });
}

const getStyles = (theme: GrafanaTheme2) => ({
  page: css({
    display: 'flex',
    flexDirection: 'column',
    gap: theme.spacing(2),
    padding: theme.spacing(2, 3),
    minHeight: '100vh',
    background: theme.colors.background.canvas,
  }),
  title: css({ margin: 0, fontSize: theme.typography.h2.fontSize }),
});
