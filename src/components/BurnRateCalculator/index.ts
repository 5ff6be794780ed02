export {
  BurnRateCalculator,
  type BurnRateCalculatorProps,
  type CalculatorLive,
  type CalculatorBacktestView,
  type LivePairState,
  severitySummaryText,
} from './BurnRateCalculator';
export {
  backtestLookBack,
  calculatorBacktestRange,
  calculatorInputFromSpec,
  historySecondsFor,
  tunedSpec,
} from './calculatorBacktest';
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
