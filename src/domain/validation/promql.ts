import { WINDOW_PLACEHOLDER } from '../spec';
import type { ProblemList } from './problems';

const CLOSING: Record<string, string> = { '(': ')', '[': ']', '{': '}' };

/**
 * Cheap structural checks that catch the usual copy-paste mistakes before Prometheus does: a
 * missing `{{.window}}`, an unclosed bracket or quote. Not a PromQL parser.
 */
export function checkWindowedQuery(query: string, problems: ProblemList): void {
  if (!query.includes(WINDOW_PLACEHOLDER)) {
    problems.error(`missing ${WINDOW_PLACEHOLDER}`);
  }
  checkBalanced(query.split(WINDOW_PLACEHOLDER).join('5m'), problems);
  warnIntegerLeMatchers(query, problems);
}

/** `le="1"`, `le != '30'`: an equality (or inequality) matcher on a whole-number `le` value. */
const INTEGER_LE_MATCHER = /(?:^|[{,\s])le\s*(!?=)(?!~)\s*(["'`])(\d+)\2/g;

/**
 * Prometheus 3 stores classic-histogram bounds normalised as floats (`le="1"` is ingested as `le="1.0"`),
 * so a matcher on the integer as written silently matches nothing there (and `!=` everything), while
 * Prometheus 2 still matches it. A regular expression matches both.
 */
function warnIntegerLeMatchers(query: string, problems: ProblemList): void {
  const seen = new Set<string>();
  for (const match of query.matchAll(INTEGER_LE_MATCHER)) {
    const [, operator, , bound] = match;
    const matcher = `le${operator}"${bound}"`;
    if (seen.has(matcher)) {
      continue;
    }
    seen.add(matcher);
    const regex = `le${operator === '=' ? '=~' : '!~'}"${bound}(\\\\.0)?"`;
    problems.warning(
      `matches ${matcher} exactly: Prometheus 3 stores classic-histogram bounds as floats (le="${bound}.0"), so there it silently matches ${operator === '=' ? 'nothing' : 'every bucket'}; use ${regex} to match both forms`
    );
  }
}

export function checkBalanced(query: string, problems: ProblemList): void {
  const stack: Array<{ char: string; position: number }> = [];
  let quote: string | null = null;
  for (let i = 0; i < query.length; i++) {
    const char = query[i];
    if (quote) {
      if (char === '\\') {
        i++;
      } else if (char === quote) {
        quote = null;
      }
      continue;
    }
    if (char === '"' || char === "'" || char === '`') {
      quote = char;
    } else if (CLOSING[char]) {
      stack.push({ char, position: i });
    } else if (char === ')' || char === ']' || char === '}') {
      const open = stack.pop();
      if (!open || CLOSING[open.char] !== char) {
        problems.error(`unexpected "${char}" at character ${i + 1}`);
        return;
      }
    }
  }
  if (quote) {
    problems.error(`unclosed ${quote} quote`);
  } else if (stack.length > 0) {
    const open = stack[stack.length - 1];
    problems.error(`"${open.char}" at character ${open.position + 1} is never closed`);
  }
}

/** A series selector: `metric`, `metric{matchers}` or `{matchers}`. */
export function checkSeriesSelector(selector: string, problems: ProblemList): void {
  if (!/^([a-zA-Z_:][a-zA-Z0-9_:]*)?\s*(\{.*\})?$/s.test(selector) || selector === '') {
    problems.error('must be a series selector such as metric{label="value"}');
    return;
  }
  checkBalanced(selector, problems);
}
