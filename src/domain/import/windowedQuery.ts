import { WINDOW_PLACEHOLDER } from '../spec';

/**
 * What a query measures, which decides whether a window can be added to it: a counter's plain
 * selector can be wrapped in `rate`, a gauge's or a ratio's cannot.
 */
export type QueryKind = 'counter' | 'gauge' | 'ratio';

export type WindowedQueryResult = { query: string } | { error: string };

const RANGE_SELECTOR = /^\[\s*((?:\d+(?:ms|s|m|h|d|w|y))+)\s*(:[^\]]*)?\]/;
const METRIC_NAME = /^[a-zA-Z_:][a-zA-Z0-9_:]*/;

/**
 * Turns a query written for one fixed window (OpenSLO queries carry no window) into one over
 * `{{.window}}`, or says why it cannot: SLO Burn evaluates every SLI over many windows (5m … 30d).
 */
export function windowedQuery(text: string, kind: QueryKind): WindowedQueryResult {
  const query = text.trim();
  if (query.includes(WINDOW_PLACEHOLDER)) {
    return { query };
  }
  const templated = templateRangeSelectors(query);
  if (templated !== undefined) {
    return { query: templated };
  }
  if (kind === 'counter' && isSeriesSelector(query)) {
    return { query: `sum(rate(${query}[${WINDOW_PLACEHOLDER}]))` };
  }
  return { error: cannotDeriveMessage(query, kind) };
}

function cannotDeriveMessage(query: string, kind: QueryKind): string {
  const start = `cannot derive a query over ${WINDOW_PLACEHOLDER} from "${query}": it has no range selector such as [5m]`;
  switch (kind) {
    case 'counter':
      return `${start} and is not a plain series selector such as metric{label="value"}; write it with a range, e.g. sum(rate(metric[5m]))`;
    case 'gauge':
      return `${start}, and a gauge (counter: false) cannot be rated; write it with a range, e.g. sum(sum_over_time(metric[5m])), or set counter: true if the metric is a counter`;
    case 'ratio':
      return `${start}; write the ratio with one, e.g. sum(rate(errors[5m])) / sum(rate(requests[5m]))`;
  }
}

/**
 * Replaces the duration of every range selector (`[5m]`, and the range of a subquery `[1h:1m]`)
 * outside string literals, where `[5m]` may legitimately appear in a regular expression.
 * Returns undefined when the query has none.
 */
function templateRangeSelectors(query: string): string | undefined {
  let result = '';
  let found = false;
  let quote: string | null = null;
  for (let i = 0; i < query.length; i++) {
    const char = query[i];
    if (quote) {
      result += char;
      if (char === '\\' && i + 1 < query.length) {
        result += query[++i];
      } else if (char === quote) {
        quote = null;
      }
      continue;
    }
    if (char === '"' || char === "'" || char === '`') {
      quote = char;
      result += char;
      continue;
    }
    const range = char === '[' ? RANGE_SELECTOR.exec(query.slice(i)) : null;
    if (range) {
      result += `[${WINDOW_PLACEHOLDER}${range[2] ?? ''}]`;
      i += range[0].length - 1;
      found = true;
      continue;
    }
    result += char;
  }
  return found ? result : undefined;
}

/** `metric`, `metric{matchers}` or `{matchers}`, nothing around it. */
export function isSeriesSelector(query: string): boolean {
  const name = METRIC_NAME.exec(query)?.[0] ?? '';
  const rest = query.slice(name.length).trim();
  if (rest === '') {
    return name !== '';
  }
  if (!rest.startsWith('{')) {
    return false;
  }
  const end = closingBrace(rest);
  return end === rest.length - 1 && (name !== '' || rest.slice(1, -1).trim() !== '');
}

/** Index of the `}` closing the `{` at 0, skipping quoted label values; -1 when unclosed. */
function closingBrace(text: string): number {
  let quote: string | null = null;
  for (let i = 1; i < text.length; i++) {
    const char = text[i];
    if (quote) {
      if (char === '\\') {
        i++;
      } else if (char === quote) {
        quote = null;
      }
    } else if (char === '"' || char === "'" || char === '`') {
      quote = char;
    } else if (char === '}') {
      return i;
    } else if (char === '{') {
      return -1;
    }
  }
  return -1;
}
