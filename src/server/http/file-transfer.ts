// Files in and out of the API: an uploaded file arrives as the raw request body (each module
// registers the content types it takes, with its own size limit); a download names its file.
import type { FastifyReply } from 'fastify';
import { badRequest } from './errors.ts';

export const xlsxType = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

export function sendFile(reply: FastifyReply, file: { fileName: string; content: Buffer }, type: string) {
  return reply.type(type).header('content-disposition', `attachment; filename*=UTF-8''${encodeURIComponent(file.fileName)}`).send(file.content);
}

export function bodyBuffer(body: unknown): Buffer {
  if (!Buffer.isBuffer(body)) throw badRequest('请上传文件 (send the file as the request body)');
  return body;
}
