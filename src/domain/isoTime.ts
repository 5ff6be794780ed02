/** An instant as people and JSON read it: RFC 3339 in UTC, without milliseconds when they are zero. */
export function isoTime(unixSeconds: number): string {
  return new Date(unixSeconds * 1000).toISOString().replace('.000Z', 'Z');
}
