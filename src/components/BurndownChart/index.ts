export { BurndownChart, type BurndownChartProps } from './BurndownChart';
export { BurndownTooltip, type BurndownTooltipProps } from './BurndownTooltip';
export { summarizeBurndown, burndownNow, type BurndownSummary, type BudgetTone } from './summary';
export { formatPercent, formatBurnRate, formatHumanDuration } from '../format';
export { alignBurndown, burndownPlotConfig, burndownColors } from './plotConfig';
