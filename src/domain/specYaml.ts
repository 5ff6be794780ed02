import { parseDocument } from 'yaml';
import { type SpecValidationResult, validateSloSpecs } from './validation/validate';

/** Parses YAML (or JSON) SLO specs and validates them; a syntax error becomes a problem with its line. */
export function parseSloSpecsYaml(text: string): SpecValidationResult {
  const document = parseDocument(text);
  if (document.errors.length > 0) {
    return {
      valid: [],
      problems: document.errors.map((error) => ({
        path: '',
        message: `YAML syntax error${error.linePos ? ` at line ${error.linePos[0].line}, column ${error.linePos[0].col}` : ''}: ${firstLine(error.message)}`,
        severity: 'error' as const,
      })),
    };
  }
  return validateSloSpecs(document.toJS());
}

function firstLine(message: string): string {
  return message.split('\n')[0];
}
