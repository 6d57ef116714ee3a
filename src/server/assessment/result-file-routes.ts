// Exports of a result: rankings as Excel, the notice of results (考核结果通报) and a unit's
// scorecard as Word documents.
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { asc, eq } from 'drizzle-orm';
import { actorOf } from '../auth/request-guard.ts';
import { assessmentResults, assessmentSchemes, unitCategories } from '../db/schema/index.ts';
import { errorResponses, idParams, zodApp, type RouteDeps } from '../http/api-app.ts';
import { resultNoticeDocx, scorecardDocx } from './result-notice.ts';
import { parsedResult, unitScorecard } from './result-views.ts';
import { resultWorkbook } from './result-workbook.ts';
import { sendFile } from '../http/file-transfer.ts';

const docxType = 'application/vnd.openxmlformats-officedocument.wordprocessingml.document';
const ok = { 200: z.unknown(), ...errorResponses };

export function resultFiles(app: FastifyInstance, { db }: RouteDeps): void {
  const api = zodApp(app);
  const tags = ['assessment'];
  const config = { access: 'user' as const };
  const categoryNames = async () => new Map((await db.select({ code: unitCategories.code, name: unitCategories.name }).from(unitCategories)).map((c) => [c.code, c.name]));

  api.get('/api/assessment/results/:id/export.xlsx', {
    config, schema: { tags, summary: 'Rankings and scores as Excel', params: idParams, response: ok },
  }, async (request, reply) => {
    const r = await parsedResult(db, actorOf(request), request.params.id);
    return sendFile(reply, { fileName: `${r.outcome.label}结果.xlsx`, content: await resultWorkbook(r.summary, r.outcome, await categoryNames()) }, 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
  });

  api.get('/api/assessment/results/:id/notice.docx', {
    config, schema: { tags, summary: 'The notice of results (考核结果通报) as Word', params: idParams, response: ok },
  }, async (request, reply) => {
    const r = await parsedResult(db, actorOf(request), request.params.id);
    const [scheme] = await db.select({ name: assessmentSchemes.name }).from(assessmentSchemes).where(eq(assessmentSchemes.id, r.summary.schemeId));
    // The document number counts the year's published notices in order.
    const published = await db.select({ id: assessmentResults.id }).from(assessmentResults).where(eq(assessmentResults.year, r.summary.year)).orderBy(asc(assessmentResults.publishedAt));
    const sequence = Math.max(1, published.findIndex((p) => p.id === r.summary.id) + 1);
    const content = await resultNoticeDocx(r.summary, r.outcome, scheme?.name ?? '', await categoryNames(), sequence);
    return sendFile(reply, { fileName: `关于${r.outcome.label}结果的通报.docx`, content }, docxType);
  });

  api.get('/api/assessment/results/:id/units/:unitCode/scorecard.docx', {
    config, schema: { tags, summary: "A unit's scorecard as Word", params: z.strictObject({ id: z.uuid(), unitCode: z.string().min(1).max(40) }), response: ok },
  }, async (request, reply) => {
    const actor = actorOf(request);
    const data = await unitScorecard(db, actor, request.params.id, request.params.unitCode);
    const r = await parsedResult(db, actor, request.params.id);
    return sendFile(reply, { fileName: `${data.unit.name}${r.outcome.label}成绩单.docx`, content: await scorecardDocx(data, r.outcome.label) }, docxType);
  });
}
