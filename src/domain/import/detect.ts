import { isObject } from '../validation/fields';
import { got, shown } from './source';

export type DocumentFormat = 'sloburn' | 'sloth-prometheus-v1' | 'sloth-crd' | 'openslo-v1';

export type Detection =
  | { format: DocumentFormat }
  /** A container of documents: a Kubernetes `kind: List` (under `items`) or a YAML list of objects. */
  | { items: unknown[]; itemsKey?: string }
  | { unknown: string };

const SLOTH_VERSION = 'prometheus/v1';
const SLOTH_API_VERSION = 'sloth.slok.dev/v1';
const OPENSLO_API_VERSION = 'openslo/v1';

const EXPECTED =
  'expected a Sloth file (version: prometheus/v1), a Sloth PrometheusServiceLevel (apiVersion: sloth.slok.dev/v1), ' +
  'OpenSLO objects (apiVersion: openslo/v1) or SLO Burn specs ({ slos: [...] })';

/** Which format one parsed YAML document is in, judged by its top-level fields only. */
export function detectFormat(value: unknown): Detection {
  if (Array.isArray(value)) {
    // The OpenSLO SDK writes several objects as one YAML list; our own specs may be a bare list too.
    return value.some((item) => isObject(item) && 'apiVersion' in item) ? { items: value } : { format: 'sloburn' };
  }
  if (!isObject(value)) {
    return { unknown: `not an SLO file: ${EXPECTED}${got(value)}` };
  }
  if ('apiVersion' in value) {
    return detectKubernetesStyle(value.apiVersion, value.kind, value.items);
  }
  if ('version' in value) {
    return value.version === SLOTH_VERSION
      ? { format: 'sloth-prometheus-v1' }
      : { unknown: `version ${shown(value.version)} is not supported: Sloth files use version: prometheus/v1` };
  }
  // A single spec pasted on its own is recognised by its SLI.
  if ('slos' in value || 'sli' in value) {
    return { format: 'sloburn' };
  }
  return { unknown: `not an SLO file: ${EXPECTED}` };
}

function detectKubernetesStyle(apiVersion: unknown, kind: unknown, items: unknown): Detection {
  if (apiVersion === SLOTH_API_VERSION) {
    return { format: 'sloth-crd' };
  }
  if (apiVersion === OPENSLO_API_VERSION) {
    return { format: 'openslo-v1' };
  }
  if (apiVersion === 'v1' && kind === 'List') {
    return Array.isArray(items)
      ? { items, itemsKey: 'items' }
      : { unknown: `a Kubernetes List needs items${got(items)}` };
  }
  if (typeof apiVersion === 'string' && apiVersion.startsWith('openslo/')) {
    return { unknown: `OpenSLO ${apiVersion} is not supported: only openslo/v1 is` };
  }
  return {
    unknown: `apiVersion ${shown(apiVersion)}${kind === undefined ? '' : ` (kind ${shown(kind)})`} is not supported: ${EXPECTED}`,
  };
}
