import type { Command } from 'commander';
import { raiseDueWarnings } from '../../server/requests/deadline-alarms.ts';
import { generateRequests } from '../../server/requests/scale-generator.ts';
import { withDatabase } from '../database.ts';

export function register(program: Command): void {
  const requests = program.command('requests').description('citizen requests (接诉即办)');

  requests.command('generate').description('fill the database with a year of synthetic requests, for the scale benchmark')
    .option('--count <n>', 'how many requests', '20000000')
    .option('--year <yyyy>', 'calendar year of the requests', '2025')
    .option('--streets <n>', 'streets and towns to spread them over (synthetic ones are added)', '343')
    .option('--batch <n>', 'rows per statement', '500000')
    .action((o: { count: string; year: string; streets: string; batch: string }) => withDatabase(async (database) => {
      const count = Number(o.count);
      const started = Date.now();
      const result = await generateRequests(database.db, {
        count, year: Number(o.year), streets: Number(o.streets), batchSize: Number(o.batch),
        onProgress: (done) => console.error(`${done.toLocaleString('en')} / ${count.toLocaleString('en')} (${Math.round((Date.now() - started) / 1000)} s)`),
      });
      await database.execScript('ANALYZE');
      console.log(`generated ${result.inserted} requests over ${result.streets} streets and towns`);
    }));

  requests.command('warn').description('raise the deadline warnings due now (the server does this every 30 s)')
    .action(() => withDatabase(async (database) => {
      console.log(`raised ${await raiseDueWarnings(database.db, new Date(), `cli-${process.pid}`)} warnings`);
    }));
}
