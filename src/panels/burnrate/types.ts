import { type CalculatorInput, defaultCalculatorInput } from '../../components/BurnRateCalculator';
import { DEFAULT_EVENT_QUERY_OPTIONS, type EventQueryOptions } from '../shared/types';

/**
 * The calculator's inputs (objective, period, windows) live in the panel options, so a saved dashboard
 * reopens as it was; the event options make it live.
 */
export interface BurnRateOptions extends EventQueryOptions, CalculatorInput {}

export const DEFAULT_BURNRATE_OPTIONS: BurnRateOptions = {
  ...DEFAULT_EVENT_QUERY_OPTIONS,
  ...defaultCalculatorInput(),
};
