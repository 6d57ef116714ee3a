// A stable name for a database handle, so memory kept per process never mixes two databases
// (tests open many).
import type { Db } from '../db/client.ts';

const keys = new WeakMap<Db, number>();
let next = 0;

export function dbKey(db: Db): number {
  let key = keys.get(db);
  if (key === undefined) {
    key = ++next;
    keys.set(db, key);
  }
  return key;
}
