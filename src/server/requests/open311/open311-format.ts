// Open311 answers in XML (required by the specification) or JSON (optional), chosen by the
// extension of the resource: /services.xml, /services.json. XML is built with fast-xml-parser.
import type { FastifyReply } from 'fastify';
import { XMLBuilder } from 'fast-xml-parser';

export type Open311Format = 'xml' | 'json';

const builder = new XMLBuilder({ format: true, indentBy: '  ', suppressEmptyNode: false, processEntities: true });

/** Empty values become empty elements; lists become repeated elements named `itemName`. */
function xmlValue(value: unknown, itemName: string): unknown {
  if (value === null || value === undefined) return '';
  if (Array.isArray(value)) return { [itemName]: value.map((v) => xmlValue(v, itemName)) };
  if (typeof value === 'object') {
    return Object.fromEntries(Object.entries(value as Record<string, unknown>).map(([k, v]) => [k, xmlValue(v, childName(k))]));
  }
  return String(value);
}

/** The element name of one entry of a list element in GeoReport v2. */
function childName(listName: string): string {
  return ({ attributes: 'attribute', values: 'value', endpoints: 'endpoint', formats: 'format' } as Record<string, string>)[listName] ?? 'item';
}

export function toXml(rootName: string, itemName: string | null, body: unknown): string {
  const content = itemName && Array.isArray(body) ? { [itemName]: body.map((b) => xmlValue(b, itemName)) } : xmlValue(body, 'item');
  return `<?xml version="1.0" encoding="utf-8"?>\n${builder.build({ [rootName]: content }) as string}`;
}

export function send(reply: FastifyReply, format: Open311Format, status: number, rootName: string, itemName: string | null, body: unknown): FastifyReply {
  if (format === 'json') return reply.code(status).type('application/json; charset=utf-8').send(JSON.stringify(body));
  return reply.code(status).type('text/xml; charset=utf-8').send(toXml(rootName, itemName, body));
}

export class Open311Error extends Error {
  constructor(readonly status: 400 | 403 | 404 | 413 | 415, readonly description: string) {
    super(description);
  }
}

export function sendErrors(reply: FastifyReply, format: Open311Format, status: number, descriptions: string[]): FastifyReply {
  return send(reply, format, status, 'errors', 'error', descriptions.map((description) => ({ code: status, description })));
}

/** "services.json" → ["services", "json"]; null when the extension is not one we serve. */
export function splitFormat(file: string): [string, Open311Format] | null {
  const dot = file.lastIndexOf('.');
  if (dot <= 0) return null;
  const ext = file.slice(dot + 1).toLowerCase();
  return ext === 'xml' || ext === 'json' ? [file.slice(0, dot), ext] : null;
}

/** The format a URL asks for, for error answers: JSON when it ends in .json, XML otherwise. */
export function formatOfUrl(url: string): Open311Format {
  return /\.json(\?|$)/i.test(url) ? 'json' : 'xml';
}
