import { getBackendSrv, isFetchError } from '@grafana/runtime';
import { lastValueFrom } from 'rxjs';
import { type AppJsonData, PLUGIN_ID } from '../../settings/appSettings';

export interface PluginSettingsUpdate {
  enabled: boolean;
  pinned: boolean;
  jsonData: AppJsonData;
}

/** Grafana's plugin settings API; it answers 403 unless the user is an organization admin. */
export async function saveSettings(update: PluginSettingsUpdate): Promise<void> {
  await lastValueFrom(
    getBackendSrv().fetch({
      url: `/api/plugins/${PLUGIN_ID}/settings`,
      method: 'POST',
      data: update,
      // The page shows the failure itself, next to the Save button.
      showErrorAlert: false,
    })
  );
}

/** The server's reason for a failed save, with the HTTP status when there is one. */
export function saveErrorMessage(error: unknown): string {
  if (isFetchError(error)) {
    const data: unknown = error.data;
    const serverMessage =
      typeof data === 'object' && data !== null && typeof (data as { message?: unknown }).message === 'string'
        ? (data as { message: string }).message
        : undefined;
    const reason = serverMessage || error.message || error.statusText || 'no reason given';
    return error.status ? `${error.status}${error.statusText ? ` ${error.statusText}` : ''}: ${reason}` : reason;
  }
  return error instanceof Error ? error.message : String(error);
}
