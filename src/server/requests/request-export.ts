// Requests as CSV for Excel: the same rows and the same masking as the list the reader sees.
import type { z } from 'zod';
import type { Db } from '../db/client.ts';
import type { requestListQuery } from '../../core/requests/request.ts';
import { statusLabels } from '../../core/requests/lifecycle.ts';
import type { Actor } from '../auth/actor.ts';
import { listRequests } from './request-queries.ts';

/** Quotes a cell; a leading = + - @ is defused so a spreadsheet never runs it as a formula. */
function cell(value: string | number | boolean | null): string {
  let text = value === null ? '' : String(value);
  if (/^[=+\-@\t\r]/.test(text)) text = `'${text}`;
  return /[",\n\r]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

const maxRows = 10_000;

export async function exportCsv(db: Db, actor: Actor, query: Omit<z.infer<typeof requestListQuery>, 'limit' | 'offset'>): Promise<string> {
  const header = ['编号', '状态', '类别', '街道乡镇', '地址', '诉求内容', '市民姓名', '联系电话', '承办单位', '受理时间', '办结时限', '是否超期'];
  const lines = [header.map(cell).join(',')];
  for (let offset = 0; offset < maxRows; offset += 500) {
    const page = await listRequests(db, actor, { ...query, limit: 500, offset });
    for (const r of page.items) {
      lines.push([r.code, statusLabels[r.status], r.serviceName, r.divisionName, r.address, r.description, r.citizenName, r.citizenPhone,
        r.leadUnitName, r.receivedAt, r.resolutionDueAt, r.overdue ? '是' : '否'].map(cell).join(','));
    }
    if (page.items.length < 500) break;
  }
  // The byte-order mark tells Excel the file is UTF-8.
  return `\uFEFF${lines.join('\r\n')}\r\n`;
}
