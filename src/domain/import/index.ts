import { isObject, warnUnknownFields } from '../validation/fields';
import { ProblemList, type SpecProblem } from '../validation/problems';
import { type SpecValidationResult, validateSloSpecs } from '../validation/validate';
import { type DocumentFormat, detectFormat } from './detect';
import { convertOpenSloDocument } from './openslo';
import { type OpenSloIndex, indexOpenSloObjects } from './opensloIndex';
import { convertSlothCrd, convertSlothV1 } from './sloth';
import { type ImportedSpec, type SourceDocument, got } from './source';
import { parseYamlDocuments } from './yamlDocuments';

export type ImportFormat = DocumentFormat | 'unknown';

export interface ImportResult {
  /**
   * The format of the first document that is in a known one; a file may mix formats, and each
   * document is converted by its own.
   */
  format: ImportFormat;
  /** Our specs as plain objects, before validation (so the preview can show exactly what will be saved). */
  specs: ImportedSpec[];
  /**
   * Problems found while converting: what could not be converted and why, with a path into the
   * source documents such as `documents[0].spec.slos[1].sli.plugin`.
   */
  problems: SpecProblem[];
  /** validateSloSpecs(specs): the usable specs and their problems (paths `slos[i]...` refer to `specs`). */
  validation: SpecValidationResult;
}

/** A document in a known format, or one whose reason for being unknown is reported in turn. */
type DetectedDocument = SourceDocument & ({ format: DocumentFormat } | { format: 'unknown'; reason: string });

/** Lists inside lists are unpacked this deep; YAML aliases can make a list contain itself. */
const MAX_LIST_DEPTH = 4;

/**
 * Converts a Sloth, OpenSLO or SLO Burn file (YAML or JSON, one or many documents) into SLO Burn
 * specs. Never throws on user input; a document or SLO that cannot be converted is reported and
 * never hides the others.
 */
export function importSloFile(text: string): ImportResult {
  const root = new ProblemList();
  const parsed = parseYamlDocuments(typeof text === 'string' ? text : '', root);
  if (parsed.length === 0 && root.problems.length === 0) {
    root.error('no YAML documents: paste a Sloth, OpenSLO or SLO Burn file');
  }
  const documents = parsed.flatMap((document) => detectDocuments(document, 0));
  const openSlo = indexOpenSloObjects(documents.filter((document) => document.format === 'openslo-v1'));
  const known = documents.filter((document) => document.format !== 'unknown');
  const specs = documents.flatMap((document) => {
    try {
      return convertDocument(document, openSlo);
    } catch (error) {
      // A safety net for the preview: a converter bug must not take the whole page down.
      document.problems.error(`could not convert this document: ${error instanceof Error ? error.message : error}`);
      return [];
    }
  });
  return {
    format: known[0]?.format ?? 'unknown',
    specs,
    problems: withoutDuplicates(root.problems),
    validation: validateSloSpecs(specs),
  };
}

function detectDocuments(document: SourceDocument, depth: number): DetectedDocument[] {
  const detection = detectFormat(document.value);
  if ('format' in detection) {
    return [{ ...document, format: detection.format }];
  }
  if ('unknown' in detection) {
    return [{ ...document, format: 'unknown', reason: detection.unknown }];
  }
  if (depth >= MAX_LIST_DEPTH) {
    return [
      { ...document, format: 'unknown', reason: `lists nested deeper than ${MAX_LIST_DEPTH} levels are not read` },
    ];
  }
  const itemsProblems = detection.itemsKey ? document.problems.at(detection.itemsKey) : document.problems;
  if (isObject(document.value)) {
    warnUnknownFields(document.value, ['apiVersion', 'kind', 'metadata', 'items'], document.problems);
  }
  return detection.items.flatMap((item, position) =>
    detectDocuments({ value: item, problems: itemsProblems.at(position) }, depth + 1)
  );
}

function convertDocument(document: DetectedDocument, openSlo: OpenSloIndex): ImportedSpec[] {
  switch (document.format) {
    case 'sloburn':
      return ownSpecs(document);
    case 'sloth-prometheus-v1':
      return convertSlothV1(document);
    case 'sloth-crd':
      return convertSlothCrd(document);
    case 'openslo-v1':
      return convertOpenSloDocument(document, openSlo);
    case 'unknown':
      document.problems.error(document.reason);
      return [];
  }
}

/** Our own format passes through untouched: validation judges it, against the paths it knows. */
function ownSpecs({ value, problems }: SourceDocument): ImportedSpec[] {
  if (Array.isArray(value)) {
    return objectsOf(value, problems);
  }
  if (!isObject(value)) {
    return [];
  }
  if (!('slos' in value)) {
    return [value];
  }
  warnUnknownFields(value, ['slos'], problems);
  if (value.slos === null || value.slos === undefined) {
    return [];
  }
  if (!Array.isArray(value.slos)) {
    problems.at('slos').error(`must be a list of SLOs${got(value.slos)}`);
    return [];
  }
  return objectsOf(value.slos, problems.at('slos'));
}

function objectsOf(list: unknown[], problems: ProblemList): ImportedSpec[] {
  return list.filter((item, position): item is ImportedSpec => {
    if (!isObject(item)) {
      problems.at(position).error(`must be an SLO (an object)${got(item)}`);
    }
    return isObject(item);
  });
}

/** An SLI shared by several SLOs, or a list item seen twice through an alias, is reported once. */
function withoutDuplicates(problems: SpecProblem[]): SpecProblem[] {
  const seen = new Set<string>();
  return problems.filter((problem) => {
    const key = `${problem.severity}\u0000${problem.path}\u0000${problem.message}`;
    if (seen.has(key)) {
      return false;
    }
    seen.add(key);
    return true;
  });
}
