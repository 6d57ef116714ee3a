import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Command } from 'commander';
import { describe, expect, it } from 'vitest';
import { parseCsv } from '../../core/assessment/coinr-format.ts';
import { register } from './index-command.ts';

const root = fileURLToPath(new URL('../../../', import.meta.url));
const asem = (f: string): string => join(root, 'examples/asem', f);

function program(): Command {
  const p = new Command('pacesetter').exitOverride();
  register(p);
  return p;
}

describe('pacesetter index', () => {
  it('writes the ASEM example index in rank order, matching COINr to 1e-6', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'index-'));
    const out = join(dir, 'asem.csv');
    await program().parseAsync(['index', '--idata', asem('ASEM_iData.csv'), '--imeta', asem('ASEM_iMeta.csv'), '--pipeline', asem('pipeline.json'), '--out', out], { from: 'user' });
    const got = parseCsv(readFileSync(out, 'utf8'));
    const ref = parseCsv(readFileSync(join(root, 'src/core/assessment/fixtures/asem-coinr-reference.csv'), 'utf8'));
    expect(got[0]!.slice(0, 5)).toEqual(['uCode', 'Rank', 'Index', 'Conn', 'Sust']);
    expect(got).toHaveLength(52);
    const col = new Map(got[0]!.map((c, j) => [c, j]));
    ref.slice(1).forEach((r, i) => {
      expect(got[i + 1]![0]).toBe(r[0]);
      expect(got[i + 1]![1]).toBe(r[1]);
      ref[0]!.slice(2).forEach((c, j) => expect(Math.abs(Number(got[i + 1]![col.get(c)!]) - Number(r[j + 2]))).toBeLessThan(1e-6));
    });
  });
  it('reports bad input with the unit and the indicator', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'index-'));
    const data = readFileSync(asem('ASEM_iData.csv'), 'utf8').replace(/^(Belgium,BEL,.*?,.*?,.*?,.*?,.*?,.*?,.*?,.*?,.*?,)[^,]+/m, '$1oops');
    writeFileSync(join(dir, 'bad.csv'), data);
    await expect(
      program().parseAsync(['index', '--idata', join(dir, 'bad.csv'), '--imeta', asem('ASEM_iMeta.csv'), '--pipeline', asem('pipeline.json'), '--out', join(dir, 'o.csv')], { from: 'user' }),
    ).rejects.toThrow(/unit BEL, indicator LPI/);
  });
});
