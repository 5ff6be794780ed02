import {
  type DataFrame,
  FieldMatcherID,
  FieldType,
  MappingType,
  applyFieldOverrides,
  createDataFrame,
  createTheme,
} from '@grafana/data';
import { builtInPanelPlaceholder } from './builtInPanel';
import { installStandardFieldConfigs } from './standardFieldConfig';
import { stateStretches } from './stateStretches';

const MINUTE = 60_000;

installStandardFieldConfigs();

const NOT_FIRING_OR_FIRING = [
  {
    type: MappingType.ValueToText as const,
    options: { 0: { text: 'not firing', index: 0 }, 1: { text: 'firing', index: 1 } },
  },
];

/**
 * A frame as the host's state-timeline placeholder receives it: the panel's field config (value mappings as
 * defaults, and per field by a name override, as src/scenes/detail/charts.ts sets them) applied through the
 * placeholder's field config registry, so each field has `display`.
 */
function timelineFrame(fields: Record<string, Array<number | null | undefined>>): DataFrame {
  const length = Object.values(fields)[0].length;
  const frame = createDataFrame({
    fields: [
      { name: 'Time', type: FieldType.time, values: Array.from({ length }, (_, index) => index * MINUTE) },
      ...Object.entries(fields).map(([name, values]) => ({ name, type: FieldType.number, values })),
    ],
  });
  return applyFieldOverrides({
    data: [frame],
    fieldConfig: {
      defaults: { mappings: [{ type: MappingType.ValueToText, options: { 1: { text: 'page firing' } } }] },
      overrides: [
        {
          matcher: { id: FieldMatcherID.byRegexp, options: '.+' },
          properties: [{ id: 'mappings', value: NOT_FIRING_OR_FIRING }],
        },
      ],
    },
    fieldConfigRegistry: builtInPanelPlaceholder('state-timeline').fieldConfigRegistry,
    replaceVariables: (value) => value,
    theme: createTheme(),
  })[0];
}

describe('stateStretches: where a state timeline draws a state', () => {
  it("reads the mappings Grafana applies to the placeholder's fields (a field's override before the defaults)", () => {
    const frame = timelineFrame({ pair: [0, 1] });
    expect(frame.fields[1].display!(0).text).toBe('not firing');
    expect(frame.fields[1].display!(1).text).toBe('firing');
  });

  it('draws each run of the state from its first point to the next point of another value', () => {
    const frame = timelineFrame({ 'page 1h / 5m': [0, 1, 1, 0, 0, 1, 0] });
    expect(stateStretches([frame], 'firing')).toEqual([
      { field: 'page 1h / 5m', from: 1 * MINUTE, to: 3 * MINUTE, reachesEnd: false },
      { field: 'page 1h / 5m', from: 5 * MINUTE, to: 6 * MINUTE, reachesEnd: false },
    ]);
    expect(stateStretches([frame], 'not firing')).toHaveLength(3);
  });

  it('runs a state that lasts to the last point on to the end, and skips undefined values as Grafana does', () => {
    const frame = timelineFrame({ 'ticket 1d / 2h': [0, 1, undefined, 1, 1] });
    expect(stateStretches([frame], 'firing')).toEqual([
      { field: 'ticket 1d / 2h', from: 1 * MINUTE, to: 4 * MINUTE, reachesEnd: true },
    ]);
  });

  it('draws nothing for null values, which end a run', () => {
    const frame = timelineFrame({ pair: [1, null, 1] });
    expect(stateStretches([frame], 'firing')).toEqual([
      { field: 'pair', from: 0, to: 1 * MINUTE, reachesEnd: false },
      { field: 'pair', from: 2 * MINUTE, to: 2 * MINUTE, reachesEnd: true },
    ]);
  });

  it('finds nothing in fields without display processing', () => {
    const raw = createDataFrame({
      fields: [
        { name: 'Time', type: FieldType.time, values: [0, MINUTE] },
        { name: 'pair', type: FieldType.number, values: [1, 1] },
      ],
    });
    expect(stateStretches([raw], 'firing')).toEqual([]);
  });
});
