// Many rows in one INSERT through unnest(): one array per column instead of one parameter per
// value. The statement's text is the same whatever the number of rows, so building it costs
// nothing per row, the server plans a short statement, and no batch runs into the protocol's
// limit of 65,535 parameters. Used on the hot paths (intake, the audit trail).
import { sql, type SQL } from 'drizzle-orm';

/** A column written this way: its name, its PostgreSQL type, and how to read its value off a row. */
export type UnnestColumn<T> = [column: string, type: string, value: (row: T) => unknown];

const names = <T>(columns: UnnestColumn<T>[]) => sql.raw(columns.map(([c]) => c).join(', '));

/** `unnest($1::type1[], $2::type2[], …) AS alias(col1, col2, …)`: the rows as a table to select from. */
export function unnestRows<T>(rows: T[], columns: UnnestColumn<T>[], alias: string): SQL {
  const arrays = columns.map(([, type, value]) => sql`${sql.param(rows.map(value))}::${sql.raw(type)}[]`);
  return sql`unnest(${sql.join(arrays, sql`, `)}) AS ${sql.raw(alias)}(${names(columns)})`;
}

/** `(col1, col2, …) SELECT * FROM unnest(…)`, to follow INSERT INTO table. */
export function unnestInsert<T>(rows: T[], columns: UnnestColumn<T>[]): SQL {
  return sql`(${names(columns)}) SELECT * FROM ${unnestRows(rows, columns, 'v')}`;
}

/** Values as the arrays carry them: timestamps as ISO text, JSON as its text, nothing as NULL. */
export const isoOrNull = (d: Date | null | undefined) => (d ? d.toISOString() : null);
export const jsonOrNull = (v: unknown) => (v === undefined || v === null ? null : JSON.stringify(v));

/** The rows of a raw statement's result, whichever driver ran it. */
export const rowsOf = <T>(result: unknown): T[] => (result as { rows: T[] }).rows;
