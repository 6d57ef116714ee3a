// The demo district's assessment year, loaded through the same services people use: the 2026
// scheme, three quarters reported, reviewed (some late, some returned and resubmitted) and
// published as 季季评, the fourth quarter under way, a few bonus/penalty/veto entries, and the
// year's result as a draft combining the published quarters.
import { eq } from 'drizzle-orm';
import type { Db } from '../db/client.ts';
import { users } from '../db/schema/index.ts';
import type { ActionContext } from '../auth/actor.ts';
import type { Role } from '../../core/auth/roles.ts';
import { indicatorsDue, schemeContent } from '../../core/scheme/scheme.ts';
import { deadlineInstant } from '../../core/scheme/collection.ts';
import { proposeAdjustment, decideAdjustment } from '../assessment/adjustment-service.ts';
import { importValues } from '../assessment/bulk-import.ts';
import { saveValuesRow, submitValuesRow } from '../assessment/collection-service.ts';
import { attachEvidence } from '../assessment/evidence-service.ts';
import { computeRound, publishRound } from '../assessment/result-service.ts';
import { decideSubmissionRow } from '../assessment/review-service.ts';
import { createScheme, publishScheme } from '../assessment/scheme-service.ts';
import { assessedUnits } from '../assessment/unit-scope.ts';
import { demoAssessmentYear, demoSchemeContent, demoSchemeName } from './demo-assessment-scheme.ts';
import { demoValues, noise } from './demo-assessment-data.ts';

async function contextOf(db: Db, username: string): Promise<ActionContext> {
  const [u] = await db.select().from(users).where(eq(users.username, username));
  if (!u) throw new Error(`demo account ${username} missing`);
  return { actor: { id: u.id, username: u.username, displayName: u.displayName, role: u.role as Role, unitId: u.unitId, unitName: null, mustChangePassword: false, sessionId: '', csrfToken: '' }, requestId: 'demo-load' };
}

/** A tiny valid PDF, standing in for a scanned document. */
export const demoPdf = Buffer.from('%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj 2 0 obj<</Type/Pages/Kids[]/Count 0>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n');

export async function loadDemoAssessment(db: Db): Promise<{ year: number; results: number }> {
  const year = demoAssessmentYear;
  const [office, reviewer] = await Promise.all([contextOf(db, 'kaohe'), contextOf(db, 'shenhe')]);
  const draft = await createScheme(db, office, { year, name: demoSchemeName, content: schemeContent.parse(demoSchemeContent) });
  const scheme = await publishScheme(db, office, draft.id, draft.version);
  const content = scheme.content;
  const units = await assessedUnits(db, content);
  const zgc = units.find((u) => u.name === '中关村街道');
  const closed = content.periods.slice(0, 3);

  for (const [k, p] of closed.entries()) {
    // The office imports what the statistics bureau and the raters supply, units their own data.
    const entries = new Map(units.map((u) => [u.id, demoValues(content, u.categoryCode, u.code, k)]));
    await importValues(db, office, year, p.code, entries);
    for (const u of units) {
      const lateDays = noise(`late:${u.code}:${p.code}`) > 0.8 ? 3 : 0;
      const at = new Date(deadlineInstant(p.deadline).getTime() - (lateDays ? -lateDays : 2) * 86_400_000);
      let s = await submitValuesRow(db, office, year, p.code, u.id, 1, at);
      if (noise(`return:${u.code}:${p.code}`) > 0.85) {
        s = await decideSubmissionRow(db, reviewer, s.id, 'return', s.version, '部分指标与统计局口径不一致，请核实后重新报送');
        // The unit re-checks one of its own values (the statistics bureau's are not the unit's to change).
        const own = new Set(indicatorsDue(content, u.categoryCode, p.code).map((n) => n.code));
        const first = entries.get(u.id)!.find((e) => own.has(e.indicatorCode))!;
        s = await saveValuesRow(db, office, year, p.code, u.id, s.version, [{ ...first, note: '已按统计局口径核实' }]);
        s = await submitValuesRow(db, office, year, p.code, u.id, s.version, new Date(at.getTime() + 2 * 86_400_000));
      }
      await decideSubmissionRow(db, reviewer, s.id, 'approve', s.version);
    }
  }

  // Bonus, penalty and veto entries, each with evidence and approved by the reviewer.
  const pick = (name: string) => units.find((u) => u.name === name) ?? units[0]!;
  const entries = [
    { unit: pick('学院路街道'), period: 'Q1', kind: 'bonus' as const, item: 'award', points: 2, reason: '获评全市接诉即办先进集体' },
    { unit: pick('海淀街道'), period: 'H1', kind: 'penalty' as const, item: 'supervision', points: 1.5, reason: '督办事项两次亮黄牌' },
    { unit: pick('区应急管理局'), period: 'H1', kind: 'bonus' as const, item: 'award', points: 1, reason: '防汛工作受市政府通报表扬' },
    { unit: pick('四季青地区'), period: 'Q1-3', kind: 'veto' as const, item: 'safety', points: 0, reason: '辖区发生较大生产安全事故' },
  ];
  for (const e of entries) {
    const a = await proposeAdjustment(db, office, { year, period: e.period, unitId: e.unit.id, kind: e.kind, item: e.item, points: e.points, reason: e.reason });
    await attachEvidence(db, office, { adjustmentId: a.id }, { fileName: `${e.reason}.pdf`, mediaType: 'application/pdf', content: demoPdf });
    await decideAdjustment(db, reviewer, a.id, 'approve', a.version, '材料齐全，同意');
  }

  let results = 0;
  for (const p of closed) {
    const r = await computeRound(db, office, year, p.code);
    await publishRound(db, office, r.id, r.version);
    results++;
  }

  // The fourth quarter is under way: most units have entered values, some submitted, one returned.
  const last = content.periods[3]!;
  const open = units.filter((u) => u.id !== zgc?.id && noise(`open:${u.code}`) > -0.4);
  await importValues(db, office, year, last.code, new Map(open.map((u) => [u.id, demoValues(content, u.categoryCode, u.code, 3)])));
  for (const u of open.filter((x) => noise(`submit:${x.code}`) > -0.2)) {
    const s = await submitValuesRow(db, office, year, last.code, u.id, 1, new Date(deadlineInstant(last.deadline).getTime() - 60 * 86_400_000));
    if (noise(`ret4:${u.code}`) > 0.8) await decideSubmissionRow(db, reviewer, s.id, 'return', s.version, '请补充佐证材料并说明增幅较大的原因');
  }
  if (zgc) {
    // 中关村街道 has started its fourth-quarter report: half the values entered, not yet submitted.
    const half = demoValues(content, zgc.categoryCode, zgc.code, 3).filter((_, i) => i % 2 === 0);
    const due = new Set(content.categories.find((c) => c.categoryCode === zgc.categoryCode)!.nodes.filter((n) => (n.dataSource ?? 'unit') === 'unit').map((n) => n.code));
    await saveValuesRow(db, office, year, last.code, zgc.id, 0, half.filter((v) => due.has(v.indicatorCode)));
  }
  await computeRound(db, office, year, 'YEAR');
  return { year, results: results + 1 };
}

