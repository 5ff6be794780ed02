import { type SpecValidationResult, validateSloSpecs } from '../domain';

export const PLUGIN_ID = 'sloburn-slo-app';

/** What the app stores in its plugin settings (`jsonData`), provisioned or saved from the configuration page. */
export interface AppJsonData {
  /** SLO specs as written; validated on every read so that one bad entry never hides the others. */
  slos?: unknown[];
  /** Prometheus data source for SLOs without `datasourceUid`. */
  defaultDatasourceUid?: string;
  /** Also list the SLOs that Sloth's recording rules describe in the default data source. */
  slothDiscovery?: boolean;
}

export function specsFromSettings(jsonData: AppJsonData | undefined): SpecValidationResult {
  return validateSloSpecs({ slos: jsonData?.slos ?? [] });
}
