import React from 'react';
import { Badge, type BadgeColor, type IconName } from '@grafana/ui';
import type { RowStatus } from '../scenes/viewModels/sloRow';

const LOOK: Record<RowStatus, { text: string; color: BadgeColor; icon: IconName; tooltip: string }> = {
  page: { text: 'Page', color: 'red', icon: 'fire', tooltip: 'A page alert pair is firing: act now' },
  exhausted: {
    text: 'Exhausted',
    color: 'red',
    icon: 'exclamation-circle',
    tooltip: 'The error budget of the period is spent',
  },
  ticket: {
    text: 'Ticket',
    color: 'orange',
    icon: 'exclamation-triangle',
    tooltip: 'A ticket alert pair is firing: act within business hours',
  },
  'insufficient-traffic': {
    text: 'Insufficient traffic',
    color: 'purple',
    icon: 'info-circle',
    tooltip: 'Too few events for an alert pair to judge (below alerting.minEvents); neither OK nor firing',
  },
  ok: { text: 'OK', color: 'green', icon: 'check', tooltip: 'No alert pair firing and budget left' },
  'no-traffic': {
    text: 'No traffic',
    color: 'blue',
    icon: 'info-circle',
    tooltip: 'Data exists but no events were served in the period',
  },
  'no-data': {
    text: 'No data',
    color: 'darkgrey',
    icon: 'question-circle',
    tooltip: 'Prometheus returned no series for this SLO',
  },
  error: { text: 'Error', color: 'red', icon: 'bug', tooltip: 'The SLO could not be evaluated' },
  loading: { text: 'Loading', color: 'darkgrey', icon: 'sync', tooltip: 'Waiting for Prometheus' },
};

export function StatusBadge({ status, detail }: { status: RowStatus; detail?: string }) {
  const look = LOOK[status];
  return <Badge text={look.text} color={look.color} icon={look.icon} tooltip={detail ?? look.tooltip} />;
}

export function statusText(status: RowStatus): string {
  return LOOK[status].text;
}
