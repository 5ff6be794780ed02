import React from 'react';
import { Field, Switch } from '@grafana/ui';

interface Props {
  enabled: boolean;
  onChange: (enabled: boolean) => void;
}

export function DiscoverySection({ enabled, onChange }: Props) {
  return (
    <Field
      label="Discover SLOs from Sloth's recording rules"
      description="Also lists the SLOs that Sloth describes in the sloth_slo_info metric of the default data source."
    >
      <Switch
        id="sloburn-sloth-discovery"
        value={enabled}
        onChange={(event) => onChange(event.currentTarget.checked)}
      />
    </Field>
  );
}
