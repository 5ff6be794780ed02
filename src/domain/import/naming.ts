/** SLO ids may only use [a-z0-9-]: lower-case, and every other character becomes "-". */
export function sanitiseId(text: string): string {
  return text.toLowerCase().replace(/[^a-z0-9-]/g, '-');
}

/**
 * `requests-availability` → `Requests availability`. Identifiers become names by this one rule
 * (separators to spaces, first letter upper-cased, the rest untouched so `API` stays `API`)
 * rather than by borrowing the description, which is often a whole sentence and is kept anyway.
 */
export function readableName(identifier: string): string {
  const words = identifier.replace(/[-_\s]+/g, ' ').trim();
  return words.charAt(0).toUpperCase() + words.slice(1);
}

/** `Internal objective` → `internal-objective`. */
export function slug(text: string): string {
  return text
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '');
}
