// `pacesetter index`: builds a composite index from COINr-format CSVs and a pipeline spec.
import { readFileSync, writeFileSync } from 'node:fs';
import type { Command } from 'commander';
import { AssessmentError, parseCoinr, resultTable, runAssessment, tableToCsv } from '../../core/assessment/index.ts';

export interface IndexOptions {
  idata: string;
  imeta: string;
  pipeline: string;
  out: string;
}

/** Reads the files, runs the engine and writes the result CSV; returns the number of units written. */
export function buildIndexFile(o: IndexOptions): number {
  const read = (path: string, what: string): string => {
    try {
      return readFileSync(path, 'utf8');
    } catch (e) {
      throw new Error(`cannot read ${what} ${path}: ${e instanceof Error ? e.message : String(e)}`);
    }
  };
  const input = parseCoinr(read(o.idata, '--idata'), read(o.imeta, '--imeta'));
  let spec: unknown;
  try {
    spec = JSON.parse(read(o.pipeline, '--pipeline'));
  } catch (e) {
    if (e instanceof SyntaxError) throw new Error(`--pipeline ${o.pipeline} is not valid JSON: ${e.message}`);
    throw e;
  }
  const table = resultTable(runAssessment(input, spec));
  writeFileSync(o.out, tableToCsv(table), 'utf8');
  return table.rows.length;
}

export function register(program: Command): void {
  program
    .command('index')
    .description('build a composite index from COINr-format iData/iMeta CSVs and a pipeline spec (JSON); writes one row per unit in rank order')
    .requiredOption('--idata <file>', 'indicator data CSV (uCode, groups, Time, denominators, one column per indicator)')
    .requiredOption('--imeta <file>', 'indicator metadata CSV (Level, iCode, Direction, Weight, Denominator, Parent, Type…)')
    .requiredOption('--pipeline <file>', 'pipeline spec JSON (see docs/assessment-engine.md)')
    .requiredOption('--out <file>', 'output CSV: uCode, Rank, every aggregate, every normalised indicator')
    .action((o: IndexOptions) => {
      try {
        const n = buildIndexFile(o);
        console.log(`wrote ${n} units to ${o.out}`);
      } catch (e) {
        if (e instanceof AssessmentError) throw new Error(e.message);
        throw e;
      }
    });
}
