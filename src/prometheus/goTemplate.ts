/**
 * Makes text come out literally from a Go text/template, as Prometheus expands every alert label value
 * and annotation. Outside an action the template lexer looks only for `{{`: `}}`, `$`, quotes and
 * backslashes are plain text there. So each `{{` becomes an action printing the string "{{". Matching
 * left to right, a leftover single `{` is never followed by another `{`, so no new delimiter can form;
 * the action starts with `{{ ` (no `-`), so it trims nothing around it.
 */
export function escapeGoTemplate(text: string): string {
  return text.replace(/\{\{/g, '{{ "{{" }}');
}
