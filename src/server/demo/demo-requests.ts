// Two months of the demo district's 12345 requests over Haidian's streets and towns: most handled
// in time and called back, some late, some still open and overdue, so that the three rates,
// rankings, overdue lists, warnings and hotspots all have something to show. Before them, the
// demo assessment year's earlier months, all handled, for every street and town: the quarters the
// demo publishes compute their 接诉即办综合得分 (ZJ07) from them. Deterministic.
import { randomUUID } from 'node:crypto';
import type { Db } from '../db/client.ts';
import { dispatchRules, requestAreas, units } from '../db/schema/index.ts';
import { deadlineOf, type TimeLimit } from '../../core/requests/sla.ts';
import type { Satisfaction } from '../../core/requests/rates.ts';
import type { ActionContext } from '../auth/actor.ts';
import { findDivision } from '../org/divisions.ts';
import { allServices, createService, limitsOf, type ServiceRow } from '../requests/catalogue-service.ts';
import { importHistory, type HistoricalRequest } from '../requests/history-import.ts';
import { classDefaults } from '../requests/settings-service.ts';
import { demoAreaCentres, demoServiceGroups, demoServices } from './demo-request-catalogue.ts';
import { demoAssessmentYear } from './demo-assessment-scheme.ts';
import { noise } from './demo-assessment-data.ts';

/** A small deterministic generator (mulberry32), so every demo load is the same. */
function random(seed: number): () => number {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}

const surnames = '王李张刘陈杨赵黄周吴徐孙胡朱高林何郭马罗';
const given = ['秀兰', '桂英', '建华', '志强', '丽', '强', '明', '海峰', '淑珍', '国庆', '红梅', '雨桐'];
const replies = ['已现场核实并处理完毕，已与市民沟通。', '已协调相关方整改，后续将加强巡查。', '已安排维修，问题已解决。', '经核查，已依法处置并告知市民结果。'];

export async function loadDemoRequests(db: Db, ctx: ActionContext, now = new Date()): Promise<{ services: number; requests: number }> {
  const unitRows = await db.select({ id: units.id, name: units.name, divisionCode: units.divisionCode }).from(units);
  const unitByName = new Map(unitRows.map((u) => [u.name, u.id]));
  const unitByDivision = new Map(unitRows.filter((u) => u.divisionCode).map((u) => [u.divisionCode!, u.id]));

  const groupIds = new Map<string, string>();
  for (const g of demoServiceGroups) {
    const created = await createService(db, ctx, { code: g.code, name: g.name, responsibleKind: 'street_town', slaClass: 'general', callbackRequired: true });
    groupIds.set(g.code, created.id);
  }
  for (const s of demoServices) {
    await createService(db, ctx, {
      code: s.code, name: s.name, parentId: groupIds.get(s.group)!, responsibleKind: s.kind, slaClass: s.sla, keywords: s.keywords,
      defaultUnitId: s.department ? unitByName.get(s.department) ?? null : null, callbackRequired: s.callback ?? true, attributes: s.attributes ?? [],
      description: `${s.name}：${s.texts[0]!.replace('{place}', '')}等`,
    });
  }
  await db.insert(requestAreas).values(demoAreaCentres.map((a) => ({ divisionCode: a.divisionCode, name: findDivision(a.divisionCode)?.name ?? a.divisionCode, lat: a.lat, lon: a.lon })));
  // One explicit rule: heating complaints in the northern towns go to the town, not the department.
  const services = await allServices(db);
  const byCode = new Map(services.map((s) => [s.code, s]));
  await db.insert(dispatchRules).values({ id: randomUUID(), serviceId: byCode.get('SZSS-GN')!.id, divisionCode: '110108029', unitId: unitByDivision.get('110108029')! });

  const rand = random(20_260_301);
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rand() * xs.length)]!;
  const leaves = demoServices.map((s) => ({ demo: s, row: byCode.get(s.code)! }));
  const defaults = await classDefaults(db);
  const limits = (row: ServiceRow) => limitsOf(row, defaults);
  // Busier streets in the centre; 占道经营 and 噪音 most common; a rising wave of noise complaints at 学院路 this month.
  const weightedAreas = demoAreaCentres.flatMap((a, i) => Array<typeof a>(i < 15 ? 3 : 1).fill(a));
  const weightedServices = leaves.flatMap((l, i) => Array<typeof l>(i < 5 ? 3 : 1).fill(l));
  const dayMs = 86_400_000;
  const records: HistoricalRequest[] = [];
  const total = 480;
  for (let n = 0; n < total; n++) {
    const wave = n % 12 === 0;
    const area = wave ? demoAreaCentres.find((a) => a.divisionCode === '110108010')! : pick(weightedAreas);
    const service = wave ? leaves.find((l) => l.demo.code === 'CSGL-ZYRM')! : pick(weightedServices);
    const ageDays = wave ? rand() * 20 : rand() * 60;
    const receivedAt = new Date(now.getTime() - ageDays * dayMs);
    const unitId = assignee(service.row, area.divisionCode, unitByDivision) ?? unitByName.get('区城市管理委员会')!;
    const place = pick(area.places);
    const record: HistoricalRequest = {
      service: service.row, description: pick(service.demo.texts).replace('{place}', place), address: `海淀区${place}${1 + Math.floor(rand() * 120)}号`,
      lat: area.lat + (rand() - 0.5) * 0.012, lon: area.lon + (rand() - 0.5) * 0.014, divisionCode: area.divisionCode,
      citizenName: pick([...surnames]) + pick(given), citizenPhone: `1${pick(['38', '39', '58', '86', '36'])}${String(Math.floor(rand() * 1e8)).padStart(8, '0')}`,
      channel: rand() < 0.8 ? 'phone' : 'web', receivedAt,
    };
    // Its own stream: how far a request got depends on the load time, and must not shift the
    // places, kinds and ages of the requests after it (the demo's wave would come and go).
    lifecycle(record, limits(service.row), unitId, now, random(20_260_301 + n));
    records.push(record);
  }
  records.push(...yearHistory(leaves.filter((l) => l.row.responsibleKind === 'street_town'), unitByDivision, limits, new Date(now.getTime() - 60 * dayMs), now));
  await importHistory(db, ctx, records, 'demo');
  return { services: demoServices.length, requests: records.length };
}

/** Beijing wall-clock midnight of the first of a month (month 0–11; 12 is January of the next year). */
const monthStart = (year: number, month: number) => new Date(Date.UTC(year, month, 1) - 8 * 3_600_000);

/**
 * The demo assessment year's months before `before` (where the recent requests begin), never after
 * `now`: each street and town gets three to six requests a month of the kinds streets and towns
 * answer, all handled to the end. How well depends on the street's lasting quality and a slow trend
 * over the year, so the monthly composites differ between streets and move from quarter to quarter.
 */
function yearHistory(leaves: { demo: (typeof demoServices)[number]; row: ServiceRow }[], unitByDivision: Map<string, string>,
  limits: (row: ServiceRow) => { response: TimeLimit; resolution: TimeLimit }, before: Date, now: Date): HistoricalRequest[] {
  const rand = random(20_260_101);
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rand() * xs.length)]!;
  const records: HistoricalRequest[] = [];
  for (let month = 0; month < 12; month++) {
    const start = monthStart(demoAssessmentYear, month);
    const end = new Date(Math.min(monthStart(demoAssessmentYear, month + 1).getTime(), before.getTime(), now.getTime()));
    if (start >= end) break;
    for (const [i, area] of demoAreaCentres.entries()) {
      const unitId = unitByDivision.get(area.divisionCode);
      if (!unitId) continue;
      const quality = Math.min(1, Math.max(0, (noise(`hotline:${area.divisionCode}`) + 1) / 2 + noise(`hotline-trend:${area.divisionCode}`) * 0.25 * (month / 11)));
      const count = 3 + Math.floor(rand() * 3) + (i < 15 ? 1 : 0);
      for (let n = 0; n < count; n++) {
        const service = pick(leaves);
        const place = pick(area.places);
        const receivedAt = new Date(start.getTime() + rand() * (end.getTime() - start.getTime()));
        const record: HistoricalRequest = {
          service: service.row, description: pick(service.demo.texts).replace('{place}', place), address: `海淀区${place}${1 + Math.floor(rand() * 120)}号`,
          lat: area.lat + (rand() - 0.5) * 0.012, lon: area.lon + (rand() - 0.5) * 0.014, divisionCode: area.divisionCode,
          citizenName: pick([...surnames]) + pick(given), citizenPhone: `1${pick(['38', '39', '58', '86', '36'])}${String(Math.floor(rand() * 1e8)).padStart(8, '0')}`,
          channel: rand() < 0.8 ? 'phone' : 'web', receivedAt,
        };
        handled(record, limits(service.row), unitId, quality, now, rand);
        records.push(record);
      }
    }
  }
  return records;
}

/** A request of the past months, handled to the end: responded, replied, called back and closed; in time and well as the street's quality goes. */
function handled(r: HistoricalRequest, limits: { response: TimeLimit; resolution: TimeLimit }, unitId: string, quality: number, now: Date, rand: () => number): void {
  const dispatchAt = later(r.receivedAt, 3 + rand() * 10);
  const responseDue = deadlineOf(dispatchAt, limits.response);
  const respondAt = new Date(dispatchAt.getTime() + (responseDue.getTime() - dispatchAt.getTime()) * (rand() < 0.9 + 0.09 * quality ? rand() * 0.8 : 1.1 + rand()));
  const startAt = later(respondAt, 20 + rand() * 120);
  const span = deadlineOf(dispatchAt, limits.resolution).getTime() - respondAt.getTime();
  const replyAt = new Date(respondAt.getTime() + span * (rand() < 0.85 + 0.13 * quality ? 0.2 + rand() * 0.7 : 1.05 + rand() * 0.5));
  const callbackAt = later(replyAt, 60 * (2 + rand() * 40));
  if (callbackAt > now) return lifecycle(r, limits, unitId, now, rand);
  const resolved = rand() < 0.84 + 0.15 * quality;
  const x = rand();
  const satisfaction: Satisfaction = resolved ? (x < 0.65 + 0.3 * quality ? 'satisfied' : x < 0.985 ? 'basically_satisfied' : 'unsatisfied') : (x < 0.3 ? 'basically_satisfied' : 'unsatisfied');
  Object.assign(r, {
    dispatch: { unitId, at: dispatchAt }, accepted: respondAt, started: startAt, reply: { at: replyAt, text: replies[Math.floor(rand() * replies.length)]! },
    callback: { at: callbackAt, resolved, satisfaction }, closed: later(callbackAt, 30),
  });
}

function assignee(service: ServiceRow, divisionCode: string, unitByDivision: Map<string, string>): string | null {
  if (service.responsibleKind === 'street_town') return unitByDivision.get(divisionCode) ?? null;
  return service.defaultUnitId;
}

const later = (at: Date, minutes: number) => new Date(at.getTime() + minutes * 60_000);

/** Walks a request as far as its age allows, mostly on time, sometimes late, sometimes stuck. */
function lifecycle(r: HistoricalRequest, limits: { response: TimeLimit; resolution: TimeLimit }, unitId: string, now: Date, rand: () => number): void {
  const dispatchAt = later(r.receivedAt, 3 + rand() * 10);
  if (dispatchAt > now) return;
  r.dispatch = { unitId, at: dispatchAt };
  const responseDue = deadlineOf(dispatchAt, limits.response);
  const slowUnit = unitId.charCodeAt(0) % 5 === 0;
  const respondAt = new Date(dispatchAt.getTime() + (responseDue.getTime() - dispatchAt.getTime()) * (rand() < (slowUnit ? 0.7 : 0.95) ? rand() * 0.8 : 1.1 + rand()));
  if (respondAt > now) return;
  r.accepted = respondAt;
  const resolutionDue = deadlineOf(dispatchAt, limits.resolution);
  const span = resolutionDue.getTime() - respondAt.getTime();
  const stuck = rand() < (slowUnit ? 0.25 : 0.08);
  const startAt = later(respondAt, 20 + rand() * 120);
  if (startAt > now) return;
  r.started = startAt;
  if (stuck) return;
  const replyAt = new Date(respondAt.getTime() + span * (rand() < 0.88 ? 0.2 + rand() * 0.7 : 1.05 + rand() * 0.5));
  if (replyAt > now) return;
  r.reply = { at: replyAt, text: replies[Math.floor(rand() * replies.length)]! };
  const callbackAt = later(replyAt, 60 * (2 + rand() * 40));
  if (callbackAt > now) return;
  const resolved = rand() < (slowUnit ? 0.7 : 0.88);
  const x = rand();
  const satisfaction: Satisfaction = resolved ? (x < 0.75 ? 'satisfied' : x < 0.95 ? 'basically_satisfied' : 'unsatisfied') : (x < 0.2 ? 'basically_satisfied' : 'unsatisfied');
  r.callback = { at: callbackAt, resolved, satisfaction };
  if (!resolved) return;
  const closeAt = later(callbackAt, 30);
  if (closeAt <= now) r.closed = closeAt;
}
