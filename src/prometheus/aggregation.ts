/**
 * Rewrites every `sum` aggregation of a query so that it keeps the given labels:
 * `sum(rate(x[5m]))` → `sum by (group) (rate(x[5m]))`, `sum by (a) (…)` → `sum by (a, group) (…)`,
 * and the trailing form `sum(…) by (a)` likewise. `sum without (…)` already keeps other labels and
 * is left alone. This is how the breakdown splits a user's error query by a label without asking
 * for a second query; terms whose series lack the label simply do not match and show up as
 * unattributed.
 */
export function sumByLabels(query: string, labels: readonly string[]): string {
  let result = '';
  let i = 0;
  while (i < query.length) {
    const char = query[i];
    if (char === '"' || char === "'" || char === '`') {
      const close = endOfString(query, i);
      result += query.slice(i, close + 1);
      i = close + 1;
      continue;
    }
    if (query.startsWith('sum', i) && !isIdentifierChar(query[i - 1]) && !isIdentifierChar(query[i + 3])) {
      const rewritten = rewriteSumAt(query, i, labels);
      if (rewritten) {
        result += rewritten.text;
        i = rewritten.end;
        continue;
      }
    }
    result += char;
    i++;
  }
  return result;
}

interface Rewrite {
  text: string;
  end: number;
}

function rewriteSumAt(query: string, start: number, labels: readonly string[]): Rewrite | null {
  let position = skipSpaces(query, start + 3);
  let grouping: string[] = [];
  const leading = readModifier(query, position);
  if (leading?.kind === 'without') {
    return null;
  }
  if (leading) {
    grouping = leading.labels;
    position = skipSpaces(query, leading.end);
  }
  if (query[position] !== '(') {
    return null;
  }
  const close = matchingParen(query, position);
  if (close < 0) {
    return null;
  }
  const inner = sumByLabels(query.slice(position + 1, close), labels);
  let end = close + 1;
  const trailing = leading ? null : readModifier(query, skipSpaces(query, end));
  if (trailing?.kind === 'without') {
    return null;
  }
  if (trailing) {
    grouping = trailing.labels;
    end = trailing.end;
  }
  const merged = [...grouping, ...labels.filter((label) => !grouping.includes(label))];
  return { text: `sum by (${merged.join(', ')}) (${inner})`, end };
}

function readModifier(
  query: string,
  position: number
): { kind: 'by' | 'without'; labels: string[]; end: number } | null {
  const modifier = /^(by|without)\s*\(([^)]*)\)/.exec(query.slice(position));
  if (!modifier) {
    return null;
  }
  const labels = modifier[2]
    .split(',')
    .map((label) => label.trim())
    .filter((label) => label !== '');
  return { kind: modifier[1] as 'by' | 'without', labels, end: position + modifier[0].length };
}

function skipSpaces(query: string, position: number): number {
  while (position < query.length && /\s/.test(query[position])) {
    position++;
  }
  return position;
}

function matchingParen(query: string, open: number): number {
  let depth = 0;
  for (let i = open; i < query.length; i++) {
    const char = query[i];
    if (char === '"' || char === "'" || char === '`') {
      i = endOfString(query, i);
    } else if (char === '(') {
      depth++;
    } else if (char === ')') {
      depth--;
      if (depth === 0) {
        return i;
      }
    }
  }
  return -1;
}

function endOfString(query: string, open: number): number {
  const quote = query[open];
  for (let i = open + 1; i < query.length; i++) {
    if (query[i] === '\\') {
      i++;
    } else if (query[i] === quote) {
      return i;
    }
  }
  return query.length;
}

function isIdentifierChar(char: string | undefined): boolean {
  return char !== undefined && /[a-zA-Z0-9_:]/.test(char);
}
