import { standardEditorsRegistry } from '@grafana/data';

/** The ids of Grafana's standard option editors that panel option builders look up. */
const STANDARD_EDITOR_IDS = [
  'number',
  'slider',
  'text',
  'strings',
  'select',
  'multi-select',
  'radio',
  'boolean',
  'color',
  'timezone',
  'unit',
  'field-name',
  'dashboard-uid',
  'links',
  'mappings',
  'thresholds',
  'interval',
];

/**
 * Test support: Grafana registers its option editor components at start-up, and panel option
 * builders fail without them; where nothing edits options, an editor that renders nothing will do.
 */
export function installStubOptionEditors(): void {
  standardEditorsRegistry.setInit(() => STANDARD_EDITOR_IDS.map((id) => ({ id, name: id, editor: () => null })));
}
