import React from 'react';
import { css } from '@emotion/css';
import type { GrafanaTheme2 } from '@grafana/data';
import { SceneObjectBase, type SceneComponentProps, type SceneObjectState } from '@grafana/scenes';
import { useStyles2 } from '@grafana/ui';
import { BurndownChart } from '../../components/BurndownChart';
import { useElementSize } from '../../components/useElementSize';
import { DetailSection } from './DetailSection';
import { useDetailState } from './useDetailState';

interface State extends SceneObjectState {
  sloId: string;
}

/** The error-budget burndown with its ideal line and projected exhaustion: the burndown panel's own chart. */
export class BurndownSection extends SceneObjectBase<State> {
  static Component = BurndownSectionRenderer;
}

function BurndownSectionRenderer({ model }: SceneComponentProps<BurndownSection>) {
  const { sloId } = model.useState();
  const state = useDetailState(model, sloId);
  const styles = useStyles2(getStyles);
  const { ref, width, height } = useElementSize<HTMLDivElement>({ width: 560, height: 280 });
  return (
    <DetailSection title="Error budget burndown" state={state}>
      {({ detail }) => (
        <div ref={ref} className={styles.chart}>
          <BurndownChart burndown={detail.burndown} width={width} height={height} periodLabel={detail.periodLabel} />
        </div>
      )}
    </DetailSection>
  );
}

const getStyles = (theme: GrafanaTheme2) => ({
  chart: css({ height: 280, width: '100%', minWidth: 0 }),
});
