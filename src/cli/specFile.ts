import { readFileSync } from 'node:fs';
import { type SpecValidationResult, parseSloSpecsYaml } from '../domain';

export class SpecFileError extends Error {}

export function readSpecFile(path: string): SpecValidationResult {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (error) {
    throw new SpecFileError(`cannot read ${path}: ${(error as NodeJS.ErrnoException).code ?? String(error)}`);
  }
  return parseSloSpecsYaml(text);
}
