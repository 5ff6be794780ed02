import { escapeGoTemplate } from './goTemplate';

describe('escapeGoTemplate', () => {
  it('leaves text without a left delimiter as it is', () => {
    for (const text of [
      'Checkout availability',
      '}} and }',
      '$labels $value',
      'a "quoted" \\ back\nslash',
      '{ x }',
      '',
    ]) {
      expect(escapeGoTemplate(text)).toBe(text);
    }
  });

  it('turns every {{ into an action that prints it', () => {
    expect(escapeGoTemplate('Checkout {{ version }} availability')).toBe('Checkout {{ "{{" }} version }} availability');
    expect(escapeGoTemplate('{{ 1337 }}')).toBe('{{ "{{" }} 1337 }}');
    expect(escapeGoTemplate('{{ .Value }}{{$labels.x}}')).toBe('{{ "{{" }} .Value }}{{ "{{" }}$labels.x}}');
  });

  it('never leaves two braces side by side in the text between actions', () => {
    expect(escapeGoTemplate('{{{')).toBe('{{ "{{" }}{');
    expect(escapeGoTemplate('{{{{')).toBe('{{ "{{" }}{{ "{{" }}');
    expect(escapeGoTemplate('a{{{{{')).toBe('a{{ "{{" }}{{ "{{" }}{');
    expect(escapeGoTemplate('ends in {')).toBe('ends in {');
    expect(escapeGoTemplate('{{- trim -}}')).toBe('{{ "{{" }}- trim -}}');
    expect(escapeGoTemplate('"}}"{{"')).toBe('"}}"{{ "{{" }}"');
    expect(escapeGoTemplate('{{/* comment */}}')).toBe('{{ "{{" }}/* comment */}}');
  });
});

/**
 * Expands a template as Go's text/template lexer reads it (text up to `{{`, an action up to `}}`),
 * accepting only the action the escape writes: any other would be a live template.
 */
function expandEscaped(template: string): string {
  let output = '';
  let rest = template;
  for (let start = rest.indexOf('{{'); start >= 0; start = rest.indexOf('{{')) {
    const end = rest.indexOf('}}', start + 2);
    const action = rest.slice(start + 2, end);
    if (end < 0 || action !== ' "{{" ') {
      throw new Error(`live action in ${JSON.stringify(template)}: {{${action}`);
    }
    output += rest.slice(0, start) + '{{';
    rest = rest.slice(end + 2);
  }
  return output + rest;
}

describe('escapeGoTemplate on every short text of braces, dashes, quotes and spaces', () => {
  it('expands back to the original text', () => {
    const alphabet = ['{', '}', '-', '"', ' ', 'a'];
    const texts = [''];
    for (let length = 1; length <= 6; length++) {
      for (const text of texts.filter((candidate) => candidate.length === length - 1)) {
        texts.push(...alphabet.map((char) => text + char));
      }
    }
    expect(texts.length).toBeGreaterThan(50000);
    expect(texts.filter((text) => expandEscaped(escapeGoTemplate(text)) !== text)).toEqual([]);
  });
});
