import { LineCounter, parseAllDocuments } from 'yaml';
import type { ProblemList } from '../validation/problems';
import type { SourceDocument } from './source';

/**
 * Splits a YAML (or JSON) stream into its documents, each reported under `documents[i]`. A document
 * with a syntax error is reported with its line and column and left out; the others still convert.
 */
export function parseYamlDocuments(text: string, root: ProblemList): SourceDocument[] {
  const lineCounter = new LineCounter();
  const documents = parseAllDocuments(text, { lineCounter, prettyErrors: false });
  const parsed: SourceDocument[] = [];
  documents.forEach((document, index) => {
    const problems = root.at('documents').at(index);
    if (document.errors.length > 0) {
      for (const error of document.errors) {
        const { line, col } = lineCounter.linePos(error.pos[0]);
        problems.error(`YAML syntax error at line ${line}, column ${col}: ${error.message.split('\n')[0]}`);
      }
      return;
    }
    let value: unknown;
    try {
      value = document.toJS();
    } catch (error) {
      // toJS refuses documents that expand aliases without bound (a "billion laughs" paste).
      problems.error(`cannot read this document: ${error instanceof Error ? error.message : String(error)}`);
      return;
    }
    // A trailing `---` or a comment-only document is no SLO and no mistake.
    if (value !== null && value !== undefined) {
      parsed.push({ value, problems });
    }
  });
  return parsed;
}
