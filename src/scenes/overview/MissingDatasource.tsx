import React from 'react';
import { SceneObjectBase, type SceneObjectState } from '@grafana/scenes';
import { EmptyState, TextLink } from '@grafana/ui';
import { PLUGIN_ID } from '../../settings/appSettings';

/** Shown instead of empty tables when SLOs have nowhere to read from. */
export class MissingDatasource extends SceneObjectBase<SceneObjectState> {
  static Component = () => (
    <EmptyState variant="call-to-action" message="Choose a Prometheus data source for SLO Burn">
      SLOs without their own <code>datasourceUid</code> are read from the app&apos;s default data source, and none is
      set. <TextLink href={`/plugins/${PLUGIN_ID}`}>Open the configuration page</TextLink> to choose one.
    </EmptyState>
  );
}
