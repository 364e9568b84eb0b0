export { runWaterfall, prorata, CASE_FORMAT } from './waterfall.engine.js';
export { compareWithExpected, formatDifference, COMPARED_SECTIONS, type Difference } from './compare.util.js';
export { WaterfallError, WaterfallErrorCode, WaterfallInvariantError } from './waterfall.errors.js';
export { toCents, toMicro, formatCents, centsToNumber } from './decimal.util.js';
export type * from './case.types.js';
export { resultToCsv } from './csv.util.js';
export {
  createTape,
  profilePool,
  projectCollections,
  projectCollectionsPerAsset,
  projectionCase,
  trancheMetrics,
  runScenario,
  scenarioGrid,
  breakevenCdr,
  irr,
  type AssetTape,
  type AssetInput,
  type PoolProfile,
  type Assumptions,
  type ProjectedRow,
  type DealTemplate,
  type TrancheMetrics,
  type ScenarioResult,
} from './projection.js';
export { sampleDealTemplate, sampleTape } from './projection.sample.js';
export { lastCollectionOnOrBefore } from './dates.util.js';
