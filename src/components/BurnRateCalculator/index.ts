export {
  BurnRateCalculator,
  type BurnRateCalculatorProps,
  type CalculatorLive,
  type LivePairState,
} from './BurnRateCalculator';
export {
  type CalculatorInput,
  type CalculatorWindowInput,
  type CalculatorEvaluation,
  CALENDAR_PERIODS,
  calculatorSpec,
  defaultCalculatorInput,
  defaultWindowInputs,
  evaluateCalculatorInput,
  normalizeCalculatorInput,
  periodFromText,
} from './calculatorInput';
