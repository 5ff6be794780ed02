import React from 'react';
import type { AppRootProps } from '@grafana/data';

export default function App(_props: AppRootProps) {
  return <div>SLO Burn</div>;
}
