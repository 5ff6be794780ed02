import { config } from '@grafana/runtime';

/** Grafana's plugin settings API accepts changes only from organization admins (and server admins). */
export function canSaveSettings(user: { orgRole?: string; isGrafanaAdmin?: boolean } | undefined): boolean {
  return user?.orgRole === 'Admin' || user?.isGrafanaAdmin === true;
}

export function currentUserCanSaveSettings(): boolean {
  return canSaveSettings(config.bootData?.user);
}
