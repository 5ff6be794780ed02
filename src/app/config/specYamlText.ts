import { parseDocument, stringify } from 'yaml';
import { type SpecDraft, isDraft } from './specDraft';

/** One SLO as YAML; long PromQL stays on one line rather than being folded. */
export function specToYaml(spec: unknown): string {
  return stringify(spec, { lineWidth: 0 });
}

export type ParsedSpecYaml = { spec: SpecDraft } | { error: string };

/** Reads the YAML view back: a syntax error, or anything but one SLO (a mapping), is an error to show. */
export function specFromYaml(text: string): ParsedSpecYaml {
  const document = parseDocument(text);
  if (document.errors.length > 0) {
    const [error] = document.errors;
    const where = error.linePos ? ` at line ${error.linePos[0].line}, column ${error.linePos[0].col}` : '';
    return { error: `YAML syntax error${where}: ${error.message.split('\n')[0]}` };
  }
  const value: unknown = document.toJS();
  if (!isDraft(value)) {
    return {
      error: `An SLO is a mapping of fields (id, name, service, objective, sli…); this YAML is ${describe(value)}.`,
    };
  }
  return { spec: value };
}

function describe(value: unknown): string {
  if (value === null || value === undefined) {
    return 'empty';
  }
  return Array.isArray(value) ? 'a list' : `a ${typeof value}`;
}
