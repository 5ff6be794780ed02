import { useState } from 'react';

/**
 * Text for an input whose value is parsed on every keystroke (a number, a list, a map). The text is
 * kept as typed, so "99." or "team=" survive re-rendering; it is rewritten only when the value
 * changes from elsewhere to something the text does not say.
 */
export function useDraftText<T>(
  value: T,
  format: (value: T) => string,
  parse: (text: string) => T
): [string, (text: string) => T] {
  const [text, setText] = useState(() => format(value));
  const [seenValue, setSeenValue] = useState(value);
  if (!Object.is(seenValue, value)) {
    setSeenValue(value);
    if (!sameData(parse(text), value)) {
      setText(format(value));
    }
  }
  const change = (next: string): T => {
    setText(next);
    return parse(next);
  };
  return [text, change];
}

function sameData(a: unknown, b: unknown): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}
