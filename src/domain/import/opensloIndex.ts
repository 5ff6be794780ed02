import { isObject } from '../validation/fields';
import type { ImportedSpec, SourceDocument } from './source';

/** What OpenSLO objects in one input say about each other: SLOs name SLIs, SLIs name DataSources. */
export interface OpenSloIndex {
  slis: Map<string, SourceDocument>;
  dataSourceTypes: Map<string, unknown>;
  /** SLI names some SLO or objective refers to; the others are reported as unused. */
  referencedSlis: Set<string>;
  /** An SLI shared by several SLOs is converted, and its problems reported, once. */
  convertedSlis: Map<string, ImportedSpec | undefined>;
}

export function indexOpenSloObjects(documents: SourceDocument[]): OpenSloIndex {
  const index: OpenSloIndex = {
    slis: new Map(),
    dataSourceTypes: new Map(),
    referencedSlis: new Set(),
    convertedSlis: new Map(),
  };
  for (const document of documents) {
    const value = document.value;
    if (!isObject(value)) {
      continue;
    }
    const name = isObject(value.metadata) ? value.metadata.name : undefined;
    const spec = isObject(value.spec) ? value.spec : {};
    if (value.kind === 'SLI' && typeof name === 'string') {
      if (index.slis.has(name)) {
        document.problems
          .at('metadata')
          .at('name')
          .error(`another SLI is already named "${name}"; this one is ignored`);
      } else {
        index.slis.set(name, document);
      }
    } else if (value.kind === 'DataSource' && typeof name === 'string') {
      index.dataSourceTypes.set(name, spec.type);
    } else if (value.kind === 'SLO') {
      const objectives = Array.isArray(spec.objectives) ? spec.objectives : [];
      for (const holder of [spec, ...objectives]) {
        if (isObject(holder) && typeof holder.indicatorRef === 'string') {
          index.referencedSlis.add(holder.indicatorRef);
        }
      }
    }
  }
  return index;
}
