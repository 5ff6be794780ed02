import { FieldType, standardFieldConfigEditorRegistry, valueMappingsOverrideProcessor } from '@grafana/data';

/**
 * Grafana registers its standard field options at start-up (public/app/core/... getAllStandardFieldConfigs);
 * a panel that enables them (`useFieldConfig`, as Grafana's state timeline does) gets its field config's
 * defaults and overrides applied to the fields before it renders. The host registers the one such option a
 * built-in panel of ours relies on: value mappings, defined as Grafana defines it. No editor is shown here.
 */
export function installStandardFieldConfigs(): void {
  standardFieldConfigEditorRegistry.setInit(() => [
    {
      id: 'mappings',
      path: 'mappings',
      name: 'Value mappings',
      editor: () => null,
      override: () => null,
      process: valueMappingsOverrideProcessor,
      settings: {},
      defaultValue: [],
      shouldApply: (field) => field.type !== FieldType.time,
      category: ['Value mappings'],
    },
  ]);
}
