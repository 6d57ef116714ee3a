import { z } from 'zod';
import { AssessmentError } from './errors.ts';

/**
 * The pipeline spec: a JSON document listing the steps in the order they run, each with its
 * settings globally and optionally per level (aggregation, weights) or per indicator. See
 * docs/assessment-engine.md for every field.
 */

const finite = z.number().refine(Number.isFinite, 'must be a finite number');
const share = finite.refine((v) => v >= 0 && v <= 1, 'must be between 0 and 1');

export const normaliseSettingsSchema = z.discriminatedUnion('method', [
  z.object({ method: z.literal('none') }).strict(),
  z
    .object({ method: z.literal('minmax'), range: z.tuple([finite, finite]).default([0, 100]) })
    .strict()
    .refine((s) => s.range[0] < s.range[1], { message: 'range must be [lower, upper] with lower < upper', path: ['range'] }),
  z.object({ method: z.literal('zscore'), mean: finite.default(0), sd: finite.refine((v) => v > 0, 'must be > 0').default(1) }).strict(),
  z.object({ method: z.literal('rank') }).strict(),
  z.object({ method: z.literal('percentileRank'), scale: finite.default(1) }).strict(),
  z.object({ method: z.literal('borda') }).strict(),
  z.object({ method: z.literal('distToMax'), scale: finite.default(1) }).strict(),
  z.object({ method: z.literal('distToRef'), unit: z.string().min(1), cap: z.boolean().default(false), scale: finite.default(1) }).strict(),
  z.object({ method: z.literal('distToTarget'), target: finite.optional(), cap: z.boolean().default(false), scale: finite.default(1) }).strict(),
  z.object({ method: z.literal('fracMax'), scale: finite.default(1) }).strict(),
  z
    .object({ method: z.literal('goalposts'), lower: finite, upper: finite, scale: finite.default(1), truncate: z.boolean().default(true) })
    .strict()
    .refine((s) => s.lower < s.upper, { message: 'lower must be below upper', path: ['upper'] }),
  z
    .object({
      method: z.literal('efficacy'),
      unacceptable: finite.optional(),
      satisfactory: finite.optional(),
      base: finite.default(60),
      span: finite.default(40),
      cap: z.boolean().default(true),
    })
    .strict(),
  z
    .object({
      method: z.literal('targetCompletion'),
      target: finite.optional(),
      fullMarks: finite.default(100),
      cap: finite.refine((v) => v > 0, 'must be > 0').nullable().default(null),
    })
    .strict(),
  z
    .object({ method: z.literal('rankPoints'), fullMarks: finite.default(100), step: finite.refine((v) => v >= 0, 'must be ≥ 0').default(1), floor: finite.default(0) })
    .strict(),
]);
export type NormaliseSettings = z.infer<typeof normaliseSettingsSchema>;

export const aggregateSettingsSchema = z
  .object({
    method: z.enum(['arithmetic', 'geometric', 'harmonic', 'generalised', 'copeland']).default('arithmetic'),
    p: finite.optional(),
    dataThreshold: share.optional(),
  })
  .strict()
  .refine((s) => s.method !== 'generalised' || s.p !== undefined, { message: 'generalised mean needs p', path: ['p'] });
export type AggregateSettings = z.infer<typeof aggregateSettingsSchema>;

export const weightMethodSchema = z.enum(['manual', 'equal', 'entropy', 'critic']);
export type WeightMethod = z.infer<typeof weightMethodSchema>;

const imputeMethod = z.enum(['none', 'mean', 'median', 'groupMean', 'groupMedian', 'previousPeriod']);
const imputeSettings = z
  .object({ method: imputeMethod, group: z.string().min(1).optional(), fallback: imputeMethod.optional() })
  .strict();
export type ImputeSettings = z.infer<typeof imputeSettings>;

const treatSettings = z
  .object({
    method: z.enum(['winsorise', 'boxcox', 'none']).default('winsorise'),
    winmax: z.number().int().min(0).nullable().default(5),
    skewThreshold: finite.default(2),
    kurtThreshold: finite.default(3.5),
    forceWinsorise: z.boolean().default(false),
    fallback: z.enum(['logCT', 'boxcox', 'none']).default('logCT'),
    lambda: finite.default(0.5),
    combine: z.boolean().default(false),
  })
  .strict();
export type TreatSettings = z.infer<typeof treatSettings>;

const levelKey = z.string().regex(/^[1-9][0-9]*$/, 'level keys are level numbers, e.g. "2"');

export const stepSchema = z.discriminatedUnion('step', [
  z
    .object({
      step: z.literal('denominate'),
      scaleFactor: finite.default(1),
      indicators: z.record(z.string(), z.object({ denominator: z.string().nullable(), scaleFactor: finite.optional() }).strict()).default({}),
    })
    .strict(),
  imputeSettings
    .extend({ step: z.literal('impute'), indicators: z.record(z.string(), imputeSettings).default({}) })
    .strict()
    .refine((s) => !['groupMean', 'groupMedian'].includes(s.method) || s.group !== undefined, {
      message: 'group imputation needs the group column',
      path: ['group'],
    }),
  z
    .object({
      step: z.literal('screen'),
      minDataShare: share,
      force: z.object({ include: z.array(z.string()).default([]), exclude: z.array(z.string()).default([]) }).strict().default({ include: [], exclude: [] }),
    })
    .strict(),
  treatSettings.extend({ step: z.literal('treat'), indicators: z.record(z.string(), z.union([z.literal('none'), treatSettings.partial()])).default({}) }).strict(),
  z
    .object({ step: z.literal('normalise'), global: normaliseSettingsSchema.default({ method: 'minmax', range: [0, 100] }), indicators: z.record(z.string(), normaliseSettingsSchema).default({}) })
    .strict(),
  z
    .object({
      step: z.literal('weight'),
      method: weightMethodSchema.default('manual'),
      weights: z.record(z.string(), finite.refine((v) => v >= 0, 'must be ≥ 0')).default({}),
      levels: z.record(levelKey, weightMethodSchema).default({}),
      nodes: z.record(z.string(), weightMethodSchema).default({}),
    })
    .strict(),
  z
    .object({
      step: z.literal('aggregate'),
      global: aggregateSettingsSchema.default({ method: 'arithmetic' }),
      levels: z.record(levelKey, aggregateSettingsSchema).default({}),
      nodes: z.record(z.string(), aggregateSettingsSchema).default({}),
    })
    .strict(),
  z.object({ step: z.literal('topsis'), normalisation: z.enum(['vector', 'minmax']).default('vector') }).strict(),
  z
    .object({
      step: z.literal('adjust'),
      bonusCap: finite.nullable().default(null),
      penaltyCap: finite.nullable().default(null),
      itemCaps: z.record(z.string(), finite).default({}),
      veto: z.object({ scoreCap: finite.nullable().default(null), tierCap: z.string().nullable().default(null) }).strict().default({ scoreCap: null, tierCap: null }),
    })
    .strict(),
  z
    .object({
      step: z.literal('combinePeriods'),
      weights: z.record(z.string(), finite.refine((v) => v >= 0, 'must be ≥ 0')),
      missing: z.enum(['renormalise', 'zero']).default('renormalise'),
    })
    .strict(),
  z
    .object({
      step: z.literal('rank'),
      category: z.string().min(1).optional(),
      tieTolerance: finite.refine((v) => v >= 0, 'must be ≥ 0').default(1e-9),
      tiers: z
        .discriminatedUnion('by', [
          z.object({ by: z.literal('share'), bands: z.array(z.object({ name: z.string().min(1), share: share.optional() }).strict()).min(1) }).strict(),
          z.object({ by: z.literal('score'), bands: z.array(z.object({ name: z.string().min(1), min: finite.optional() }).strict()).min(1) }).strict(),
        ])
        .optional(),
    })
    .strict(),
]);
export type StepSpec = z.infer<typeof stepSchema>;
export type StepName = StepSpec['step'];

export const pipelineSpecSchema = z
  .object({
    $schema: z.string().optional(),
    description: z.string().optional(),
    version: z.literal(1).default(1),
    steps: z.array(stepSchema).min(1),
  })
  .strict();
export type PipelineSpec = z.infer<typeof pipelineSpecSchema>;
export type PipelineSpecInput = z.input<typeof pipelineSpecSchema>;

const DATA_STEPS: readonly StepName[] = ['denominate', 'impute', 'screen', 'treat'];
const LATER_ORDER: readonly StepName[] = ['normalise', 'weight', 'aggregate', 'topsis', 'adjust', 'combinePeriods', 'rank'];

/**
 * Parses and validates a pipeline spec. Errors name the offending field as a JSON path
 * (e.g. `steps[3].global.range`).
 */
export function parsePipelineSpec(input: unknown): PipelineSpec {
  const r = pipelineSpecSchema.safeParse(input);
  if (!r.success) {
    const issue = r.error.issues[0]!;
    const field = formatPath(issue.path);
    throw new AssessmentError('SPEC_INVALID', `Pipeline spec: ${field || '(root)'}: ${issue.message}`, { field });
  }
  const spec = r.data;
  const seen = new Set<StepName>();
  let laterIndex = -1;
  spec.steps.forEach((s, i) => {
    const field = `steps[${i}].step`;
    if (seen.has(s.step)) throw new AssessmentError('SPEC_INVALID', `Pipeline spec: ${field}: step ${s.step} appears twice.`, { field });
    seen.add(s.step);
    if (DATA_STEPS.includes(s.step)) {
      if (laterIndex >= 0) {
        throw new AssessmentError('SPEC_INVALID', `Pipeline spec: ${field}: ${s.step} must come before normalise and the steps after it.`, { field });
      }
      return;
    }
    const k = LATER_ORDER.indexOf(s.step);
    if (k < laterIndex) {
      throw new AssessmentError(
        'SPEC_INVALID',
        `Pipeline spec: ${field}: ${s.step} must come before ${LATER_ORDER[laterIndex]}; the order is ${LATER_ORDER.join(' → ')}.`,
        { field },
      );
    }
    laterIndex = k;
  });
  if (!seen.has('normalise') && seen.has('aggregate')) {
    throw new AssessmentError('SPEC_INVALID', 'Pipeline spec: steps: aggregate needs a normalise step before it.', { field: 'steps' });
  }
  return spec;
}

function formatPath(path: readonly PropertyKey[]): string {
  let out = '';
  for (const p of path) {
    if (typeof p === 'number') out += `[${p}]`;
    else out += out.length === 0 ? String(p) : `.${String(p)}`;
  }
  return out;
}

export function findStep<N extends StepName>(spec: PipelineSpec, name: N): Extract<StepSpec, { step: N }> | undefined {
  return spec.steps.find((s) => s.step === name) as Extract<StepSpec, { step: N }> | undefined;
}
