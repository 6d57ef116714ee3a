import argon2 from 'argon2';

// Argon2id, memory-hard, with the OWASP-recommended floor (19 MiB, 2 passes). Tests may lower the
// cost through PASSWORD_HASH_MEMORY_KIB; production never sets it.
const memoryCost = Number(process.env.PASSWORD_HASH_MEMORY_KIB ?? 19_456);

export function hashPassword(password: string): Promise<string> {
  return argon2.hash(password, { type: argon2.argon2id, memoryCost, timeCost: 2, parallelism: 1 });
}

export async function verifyPassword(hash: string, password: string): Promise<boolean> {
  try {
    return await argon2.verify(hash, password);
  } catch {
    return false;
  }
}

/** Hash of a password nobody knows, verified against when the username does not exist, so
 * timing does not tell which usernames are real. */
let decoy: Promise<string> | undefined;
export function decoyHash(): Promise<string> {
  decoy ??= hashPassword(`decoy-${Math.random()}`);
  return decoy;
}
