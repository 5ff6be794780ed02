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
