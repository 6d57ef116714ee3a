// What the scheme editor checks before saving, each problem at the path of its field
// ("categories[0].nodes[3].method.satisfactory", "periods[1].deadline", "tiers.bands[2].share"),
// the same paths the server names: the form's own field checks, with messages in the current
// language, then the scheme's rules from core (schemeProblems, which the server applies again),
// then anything else the schema refuses.
import { schemeContent, schemeProblems, type SchemeContent } from '../../core/scheme/scheme.ts';
import { ApiError } from '../api/api-error.ts';
import { inLanguage } from '../shell/use-text.ts';
import { methodFieldProblems, type Tx } from './scheme-method-catalogue.ts';

export interface Problem { path: string; message: string }

export const nodePath = (ci: number, ni: number) => `categories[${ci}].nodes[${ni}]`;

/** A path as the server's request validation names it (body.content.categories.0.nodes.3.weight) in the editor's form. */
export function canonicalPath(path: string): string {
  return path.replace(/^body\.?/, '').replace(/^content\.?/, '').replace(/\.(\d+)(?=\.|$)/g, '[$1]');
}

const codeRe = /^[A-Za-z0-9_.-]+$/;
const finite = (v: unknown): v is number => typeof v === 'number' && Number.isFinite(v);
const validDay = (d: string) => /^\d{4}-\d{2}-\d{2}$/.test(d) && !Number.isNaN(Date.parse(`${d}T00:00:00Z`)) && new Date(`${d}T00:00:00Z`).toISOString().startsWith(d);

/** A code's problem: empty, too long or with characters the system does not take. */
export function codeProblem(code: string, tx: Tx): string | undefined {
  if (!code.trim()) return tx('请填写代码', 'Enter a code');
  if (code.length > 40) return tx('代码最多 40 个字符', 'At most 40 characters');
  if (!codeRe.test(code)) return tx('代码只能用字母、数字、点、下划线或连字符', 'Letters, digits, dot, underscore or hyphen only');
  return undefined;
}

/** A due day: empty, or a whole day 1–28 (every month has it). */
function dueDayProblem(day: unknown, tx: Tx): string | undefined {
  if (day === undefined || day === null) return undefined;
  return Number.isInteger(day) && (day as number) >= 1 && (day as number) <= 28 ? undefined : tx('截止日应为 1 到 28 之间的整数', 'A whole day from 1 to 28');
}

function textProblem(text: string | undefined, max: number, what: [string, string], tx: Tx, required = true): string | undefined {
  const t = (text ?? '').trim();
  if (required && !t) return tx(`请填写${what[0]}`, `Enter the ${what[1]}`);
  if (t.length > max) return tx(`${what[0]}最多 ${max} 个字`, `${what[1]}: at most ${max} characters`);
  return undefined;
}

function zodPath(path: readonly PropertyKey[]): string {
  let out = '';
  for (const p of path) out += typeof p === 'number' ? `[${p}]` : out ? `.${String(p)}` : String(p);
  return out;
}

/** Every problem of the draft, first one per path. */
export function formProblems(content: SchemeContent, tx: Tx): Problem[] {
  const out: Problem[] = [];
  const add = (path: string, message: string | undefined) => { if (message) out.push({ path, message }); };
  const nonNegative = (path: string, v: unknown, what: [string, string], nullable = false) => {
    if (v === null || v === undefined) { if (!nullable) add(path, tx(`请填写${what[0]}`, `Enter the ${what[1]}`)); return; }
    if (!finite(v)) add(path, tx(`${what[0]}应为数字`, `${what[1]}: a number`));
    else if (v < 0) add(path, tx(`${what[0]}不能为负数`, `${what[1]} cannot be negative`));
  };

  if (content.periods.length === 0) add('periods', tx('至少需要一个考核期', 'At least one period is needed'));
  content.periods.forEach((p, i) => {
    const at = `periods[${i}]`;
    add(`${at}.code`, codeProblem(p.code, tx));
    add(`${at}.label`, textProblem(p.label, 20, ['名称', 'name'], tx));
    if (!validDay(p.deadline ?? '')) add(`${at}.deadline`, tx('请选择截止日期', 'Choose the deadline'));
    nonNegative(`${at}.weight`, p.weight, ['权重', 'weight']);
  });

  content.categories.forEach((c, ci) => c.nodes.forEach((node, ni) => {
    const at = nodePath(ci, ni);
    add(`${at}.code`, codeProblem(node.code, tx));
    add(`${at}.name`, textProblem(node.name, 100, ['名称', 'name'], tx));
    nonNegative(`${at}.weight`, node.weight, ['权重', 'weight']);
    add(`${at}.unitOfMeasure`, textProblem(node.unitOfMeasure, 20, ['计量单位', 'unit'], tx, false));
    add(`${at}.description`, textProblem(node.description, 500, ['说明', 'description'], tx, false));
    for (const k of ['target', 'min', 'max'] as const) if (node[k] != null && !finite(node[k])) add(`${at}.${k}`, tx('应为数字或留空', 'A number or empty'));
    add(`${at}.dueDay`, dueDayProblem(node.dueDay, tx));
    if (node.method) for (const [k, m] of Object.entries(methodFieldProblems(node.method, tx))) add(`${at}.method.${k}`, m);
  }));
  for (const [k, m] of Object.entries(methodFieldProblems(content.defaultMethod, tx))) add(`defaultMethod.${k}`, m);
  add('monthlyDueDay', dueDayProblem(content.monthlyDueDay, tx));

  content.vetoItems.forEach((v, i) => {
    add(`vetoItems[${i}].code`, codeProblem(v.code, tx));
    add(`vetoItems[${i}].name`, textProblem(v.name, 40, ['事项名称', 'name'], tx));
  });
  if (content.vetoItems.length > 20) add('vetoItems', tx('一票否决事项最多 20 项', 'At most 20 veto items'));
  const a = content.adjustment;
  nonNegative('adjustment.bonusCap', a.bonusCap, ['加分上限', 'bonus cap'], true);
  nonNegative('adjustment.penaltyCap', a.penaltyCap, ['扣分上限', 'penalty cap'], true);
  nonNegative('adjustment.vetoScoreCap', a.vetoScoreCap, ['否决后得分上限', 'veto score cap'], true);
  for (const [item, cap] of Object.entries(a.itemCaps)) {
    add(`adjustment.itemCaps.${item}`, codeProblem(item, tx));
    nonNegative(`adjustment.itemCaps.${item}`, cap, ['单项上限', 'item cap']);
  }
  content.tiers?.bands.forEach((b, i) => {
    add(`tiers.bands[${i}].name`, textProblem(b.name, 20, ['等次名称', 'tier name'], tx));
    if ('share' in b && b.share !== undefined && (!finite(b.share) || b.share < 0 || b.share > 1)) add(`tiers.bands[${i}].share`, tx('比例应在 0% 到 100% 之间', 'Between 0 % and 100 %'));
    if ('min' in b && b.min !== undefined && !finite(b.min)) add(`tiers.bands[${i}].min`, tx('最低分应为数字或留空', 'A number or empty'));
  });

  for (const p of schemeProblems(content)) add(p.path, inLanguage(p.message, tx));
  const parsed = schemeContent.safeParse(content);
  if (!parsed.success) for (const issue of parsed.error.issues) add(zodPath(issue.path), tx(`格式不正确：${issue.message}`, `Invalid: ${issue.message}`));
  return firstPerPath(out);
}

/** One problem per path: the first, which is the most specific (the form's own). */
export function firstPerPath(problems: Problem[]): Problem[] {
  const seen = new Set<string>();
  return problems.filter((p) => !seen.has(p.path) && seen.add(p.path));
}

/** The fields a refused save names: 422 details.problems (the scheme's rules) or 400 details (request validation). */
export function problemsOfError(error: unknown, tx: Tx): Problem[] {
  if (!(error instanceof ApiError)) return [];
  const d = error.details as { problems?: unknown } | unknown[] | null | undefined;
  const list = Array.isArray(d) ? d : Array.isArray((d as { problems?: unknown } | null)?.problems) ? (d as { problems: unknown[] }).problems : [];
  return list.flatMap((x) => {
    const { path, message } = (x ?? {}) as { path?: unknown; message?: unknown };
    if (typeof path !== 'string') return [];
    return [{ path: canonicalPath(path), message: inLanguage(typeof message === 'string' ? message : error.message, tx) }];
  });
}

/** Looks problems up by field; `under` finds those of a node or a section. */
export class Problems {
  private readonly byPath: Map<string, string>;
  constructor(readonly list: Problem[]) { this.byPath = new Map(list.map((p) => [p.path, p.message])); }
  at = (path: string): string | undefined => this.byPath.get(path);
  under = (prefix: string): Problem[] => this.list.filter((p) => p.path === prefix || p.path.startsWith(`${prefix}.`) || p.path.startsWith(`${prefix}[`));
}

/** Whether a problem's path lies within one of the paths just changed (its server message is then stale). */
export const touches = (path: string, changed: string[]) => changed.some((c) => path === c || path.startsWith(`${c}.`) || path.startsWith(`${c}[`) || c.startsWith(`${path}.`));
