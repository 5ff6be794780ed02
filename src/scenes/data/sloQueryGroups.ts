const SEPARATOR = '/';

/**
 * Query refIds carry the SLO id where one request holds the queries of several SLOs (a detail page's query
 * runner), or so that a request names its SLO (the overview's, one SLO each).
 */
export function sloRefId(sloId: string, refId: string): string {
  return `${sloId}${SEPARATOR}${refId}`;
}

export function splitSloRefId(refId: string): { sloId: string; refId: string } | null {
  const index = refId.indexOf(SEPARATOR);
  return index < 0 ? null : { sloId: refId.slice(0, index), refId: refId.slice(index + 1) };
}
