/**
 * Deterministic SLO specs (as written in a spec file) whose free text holds what breaks templates,
 * PromQL strings and YAML: braces, template actions, quotes, backslashes, newlines, `$`, unicode.
 */

/** Mulberry32: the same sequence for the same seed on every machine. */
export function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let mixed = Math.imul(state ^ (state >>> 15), state | 1);
    mixed ^= mixed + Math.imul(mixed ^ (mixed >>> 7), mixed | 61);
    return ((mixed ^ (mixed >>> 14)) >>> 0) / 4294967296;
  };
}

const FRAGMENTS = [
  '{{',
  '}}',
  '{{ 1337 }}',
  '{{ .Value }}',
  '{{ $labels.job }}',
  '{{ $value }}',
  '{{-',
  ' -}}',
  '{{- " -}}',
  '{{{',
  '}}}',
  '"}}"',
  '{{/* comment */}}',
  '{',
  '}',
  '"',
  "'",
  '`',
  '\\',
  '\\"',
  '\\n',
  '\n',
  '\t',
  '$',
  '$labels',
  '$value',
  '$1',
  '%s',
  '<b>&amp;</b>',
  'é',
  'Grüße',
  '日本語',
  'Ωμέγα',
  '🔥',
  '👩‍💻',
  ' ',
  ': ',
  '- ',
  '# ',
  '|',
  '>',
  '*',
  '&',
  '!',
  '@',
  '?',
  ',',
  '[',
  ']',
  'checkout',
  'availability',
];

const PRINTABLE_ASCII = Array.from({ length: 95 }, (_, index) => String.fromCharCode(32 + index));

/**
 * Text of 1 to 8 pieces, each a fragment or a printable ASCII character, without the leading and
 * trailing white space the validator trims (so that the spec keeps it exactly) and never empty.
 */
export function hostileText(random: () => number): string {
  const pick = <T>(items: readonly T[]) => items[Math.floor(random() * items.length)];
  for (;;) {
    const pieces = 1 + Math.floor(random() * 8);
    const text = Array.from({ length: pieces }, () => (random() < 0.75 ? pick(FRAGMENTS) : pick(PRINTABLE_ASCII)))
      .join('')
      .trim();
    if (text !== '') {
      return text;
    }
  }
}

const PERIODS = ['30d', '28d', '7d'];
/** Objectives whose every alert threshold stays below an error ratio of 0.5. */
const OBJECTIVES = [99, 99.5, 99.9, 99.95];

/**
 * `count` specs with hostile names, services, descriptions, label values and runbook URLs (http or
 * https, as the validator requires), all on one events SLI over `errorMetric` and `totalMetric`.
 */
export function hostileSpecDocuments(
  seed: number,
  count: number,
  errorMetric: string,
  totalMetric: string
): Array<Record<string, unknown>> {
  const random = seededRandom(seed);
  const pick = <T>(items: readonly T[]) => items[Math.floor(random() * items.length)];
  return Array.from({ length: count }, (_, index) => ({
    id: `hostile-${index}`,
    name: hostileText(random),
    service: hostileText(random),
    description: hostileText(random),
    labels: { team: hostileText(random), tier: hostileText(random) },
    runbookUrl: `${pick(['https', 'http'])}://runbooks.example.com/${hostileText(random)}`,
    objective: pick(OBJECTIVES),
    period: { rolling: pick(PERIODS) },
    sli: {
      events: {
        errorQuery: `sum(rate(${errorMetric}[{{.window}}]))`,
        totalQuery: `sum(rate(${totalMetric}[{{.window}}]))`,
      },
    },
  }));
}
