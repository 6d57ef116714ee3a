// The audit trail as the API shows it: one set of zod schemas for the server's responses and the
// web app's types.
import { z } from 'zod';

/** One row of an entity's history (GET /api/audit/:type/:id). */
export const historyEntry = z.object({
  seq: z.number(), at: z.string(), actorName: z.string(), action: z.string(), before: z.unknown(), after: z.unknown(),
});
export type HistoryEntry = z.infer<typeof historyEntry>;

/** One row of the newest changes across records (GET /api/audit). */
export const recentChange = z.object({
  seq: z.number(), at: z.string(), actorName: z.string(), action: z.string(),
  /** The audited entity's type, as the module that audits it registered it. */
  entityType: z.string(),
  entityId: z.string(),
});
export type RecentChange = z.infer<typeof recentChange>;

/** The outcome of walking the hash chain (GET /api/audit/verify, `pacesetter audit verify`). */
export const verifyResult = z.object({
  ok: z.boolean(),
  rowsChecked: z.number(),
  /** The first row that does not fit the chain, and why. */
  firstBreak: z.object({ seq: z.number(), problem: z.enum(['edited', 'inserted', 'deleted']), detail: z.string() }).optional(),
});
export type VerifyResult = z.infer<typeof verifyResult>;
