// Evidence files (佐证材料) attached to a value or to a bonus/penalty/veto entry. The declared type
// must match the file's first bytes, so a renamed executable is not stored as a "PDF".
import { createHash, randomUUID } from 'node:crypto';
import { eq } from 'drizzle-orm';
import type { Db } from '../db/client.ts';
import { assessmentAdjustments, assessmentEvidence } from '../db/schema/index.ts';
import type { ActionContext, Actor } from '../auth/actor.ts';
import { ensure } from '../auth/policy.ts';
import { recordAudit } from '../audit/audit-trail.ts';
import { AppError, conflict, notFound, unprocessable } from '../http/errors.ts';
import { evidenceMaxBytes, evidenceTypes } from '../../core/scheme/collection.ts';
import { adjustmentPolicy, submissionPolicy } from './assessment-policy.ts';
import { loadSubmission } from './collection-service.ts';

type EvidenceType = keyof typeof evidenceTypes;

const signatures: Record<EvidenceType, number[]> = {
  'application/pdf': [0x25, 0x50, 0x44, 0x46],
  'image/png': [0x89, 0x50, 0x4e, 0x47],
  'image/jpeg': [0xff, 0xd8, 0xff],
  'application/vnd.openxmlformats-officedocument.wordprocessingml.document': [0x50, 0x4b, 0x03, 0x04],
  'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet': [0x50, 0x4b, 0x03, 0x04],
  'application/msword': [0xd0, 0xcf, 0x11, 0xe0],
  'application/vnd.ms-excel': [0xd0, 0xcf, 0x11, 0xe0],
};

export interface EvidenceUpload { fileName: string; mediaType: string; content: Buffer }

export function checkEvidence(file: EvidenceUpload): EvidenceType {
  if (file.content.length === 0) throw unprocessable('文件为空 (empty file)');
  if (file.content.length > evidenceMaxBytes) throw new AppError(413, 'too_large', `文件超过 ${evidenceMaxBytes / 1024 / 1024} MB (file too large)`);
  const type = file.mediaType.split(';')[0]!.trim().toLowerCase();
  if (!(type in signatures)) throw new AppError(415, 'unsupported_media_type', `只接受 PDF、图片和 Office 文档 (type ${type} not accepted)`);
  const magic = signatures[type as EvidenceType];
  if (!magic.every((b, i) => file.content[i] === b)) throw new AppError(415, 'unsupported_media_type', `文件内容与类型 ${evidenceTypes[type as EvidenceType]} 不符 (content does not match the declared type)`);
  if (!/^[^\\/:*?"<>|\u0000-\u001f]{1,200}$/.test(file.fileName)) throw unprocessable('文件名不合法 (invalid file name)', { field: 'fileName' });
  return type as EvidenceType;
}

type Target = { submissionId: string; indicatorCode: string } | { adjustmentId: string };

export async function attachEvidence(db: Db, ctx: ActionContext, target: Target, file: EvidenceUpload): Promise<{ id: string; fileName: string; size: number }> {
  const type = checkEvidence(file);
  return db.transaction(async (tx) => {
    if ('submissionId' in target) {
      const s = await loadSubmission(tx, target.submissionId);
      if (!submissionPolicy.read(ctx.actor, s.unitId)) throw notFound('填报');
      ensure(submissionPolicy.edit(ctx.actor, s.unitId), '只能为本单位的数据上传佐证材料');
      if (s.state === 'submitted' || s.state === 'approved') throw conflict('已报送的数据不能再添加材料 (submitted data is locked)');
    } else {
      const [a] = await tx.select().from(assessmentAdjustments).where(eq(assessmentAdjustments.id, target.adjustmentId));
      if (!a || !adjustmentPolicy.read(ctx.actor, a.unitId)) throw notFound('加扣分事项');
      ensure(adjustmentPolicy.propose(ctx.actor), '只有考核办可以为加扣分事项上传材料');
      if (a.state !== 'pending') throw conflict('事项已审定，不能再添加材料 (entry already decided)');
    }
    const id = randomUUID();
    const sha256 = createHash('sha256').update(file.content).digest('hex');
    const row = {
      id, fileName: file.fileName, mediaType: type, size: file.content.length, sha256, content: file.content, uploadedBy: ctx.actor.id,
      ...('submissionId' in target ? { submissionId: target.submissionId, indicatorCode: target.indicatorCode } : { adjustmentId: target.adjustmentId }),
    };
    await tx.insert(assessmentEvidence).values(row);
    const { content: _content, ...described } = row;
    await recordAudit(tx, { actorId: ctx.actor.id, actorName: ctx.actor.displayName, action: 'evidence.attach', entityType: 'assessment_evidence', entityId: id, before: null, after: described, requestId: ctx.requestId });
    return { id, fileName: file.fileName, size: file.content.length };
  });
}

export async function readEvidence(db: Db, actor: Actor, id: string): Promise<{ fileName: string; mediaType: string; content: Buffer }> {
  const [row] = await db.select().from(assessmentEvidence).where(eq(assessmentEvidence.id, id));
  if (!row) throw notFound('材料');
  if (row.submissionId) {
    const s = await loadSubmission(db, row.submissionId);
    if (!submissionPolicy.read(actor, s.unitId)) throw notFound('材料');
  } else if (row.adjustmentId) {
    const [a] = await db.select({ unitId: assessmentAdjustments.unitId }).from(assessmentAdjustments).where(eq(assessmentAdjustments.id, row.adjustmentId));
    if (!a || !adjustmentPolicy.read(actor, a.unitId)) throw notFound('材料');
  }
  return { fileName: row.fileName, mediaType: row.mediaType, content: row.content };
}
