import { createInterface } from 'node:readline/promises';

/**
 * Asks before an irreversible step. `--yes` answers for scripts; without a terminal and without
 * `--yes` the answer is no, so nothing is destroyed by accident.
 */
export async function confirm(question: string, yes: boolean | undefined): Promise<boolean> {
  if (yes) return true;
  if (!process.stdin.isTTY) {
    console.error(`${question}\nRefused: pass --yes to confirm when not running in a terminal.`);
    return false;
  }
  const rl = createInterface({ input: process.stdin, output: process.stdout });
  try {
    const answer = await rl.question(`${question} Type "yes" to continue: `);
    return answer.trim().toLowerCase() === 'yes';
  } finally {
    rl.close();
  }
}
