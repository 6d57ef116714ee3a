/**
 * Composite assessment engine (综合考核): pure TypeScript, no I/O, the same code in the server
 * and the browser. See docs/assessment-engine.md.
 */
export { AssessmentError, type AssessmentErrorCode, type AssessmentErrorDetails } from './errors.ts';
export type { Adjustment, AssessmentInput, Direction, PeriodData, TreeNode, UnitInfo, Veto } from './model.ts';
export { buildTree, lineage, type IndicatorTree } from './tree.ts';
export {
  parsePipelineSpec,
  pipelineSpecSchema,
  type AggregateSettings,
  type NormaliseSettings,
  type PipelineSpec,
  type PipelineSpecInput,
  type StepSpec,
} from './spec.ts';
export { runAssessment, type AssessmentResult, type PeriodOutcome, type UnitResult } from './pipeline.ts';
export { resultTable, tableToCsv, type ResultTable } from './table.ts';
export { parseCoinr, parseCsv, parseIData, parseIMeta } from './coinr-format.ts';
export { normaliseColumn } from './normalise.ts';
export { entropyWeights, criticWeights, effectiveWeights } from './weights.ts';
export { topsis, type TopsisResult } from './topsis.ts';
export { skewness, kurtosis } from './stats.ts';
export { winsorise, logCT, boxCox, treatColumn } from './outliers.ts';
export { analyseUncertainty, uncertaintySpecSchema, type UncertaintyResult, type UncertaintySpec } from './uncertainty.ts';
export { saltelliJansen } from './sensitivity.ts';
export { explainScore, explainRankChange, type ScoreExplanation, type RankChangeExplanation } from './explain.ts';
