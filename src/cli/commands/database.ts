import { createWriteStream } from 'node:fs';
import { readFile } from 'node:fs/promises';
import type { Command } from 'commander';
import { verifyAuditChain } from '../../server/audit/audit-trail.ts';
import { restoreBackup, writeBackup } from '../../server/db/backup.ts';
import { dropEverything, isEmpty } from '../../server/db/reset.ts';
import { loadDemo } from '../../server/demo/load-demo.ts';
import { confirm } from '../confirm.ts';
import { withDatabase } from '../database.ts';

/** migrate, demo, backup, restore and audit verify: the operator's database commands. */
export function register(program: Command): void {
  program.command('migrate').description('apply every pending database migration')
    .action(() => withDatabase(async () => { console.log('database is up to date'); }));

  program.command('demo').description('load the demo district into an empty database; --reset replaces everything with it')
    .option('--reset', 'delete ALL data and load the demo afresh')
    .option('--yes', 'confirm --reset without asking')
    .action((options: { reset?: boolean; yes?: boolean }) => withDatabase(async (database) => {
      if (!(await isEmpty(database))) {
        if (!options.reset) throw new Error('the database already holds data; use --reset to replace it with the demo');
        if (!(await confirm('This deletes ALL data in the database.', options.yes))) { process.exitCode = 1; return; }
        await dropEverything(database);
        await database.migrate();
      }
      const loaded = await loadDemo(database);
      console.log(`demo district loaded: ${loaded.units} units, ${loaded.accounts} accounts`);
    }));

  program.command('backup').description('write a plain-SQL backup that restores into PGlite or PostgreSQL')
    .requiredOption('--out <file>', 'file to write')
    .action((options: { out: string }) => withDatabase(async (database) => {
      const out = createWriteStream(options.out, { encoding: 'utf8' });
      const result = await writeBackup(database, (chunk) => { out.write(chunk); });
      await new Promise<void>((resolve, reject) => out.end((err?: Error | null) => (err ? reject(err) : resolve())));
      console.log(`backup written to ${options.out}: ${result.tables} tables, ${result.rows} rows`);
    }));

  program.command('restore').description('replace the whole database with a backup')
    .argument('<file>', 'backup file written by `pacesetter backup`')
    .option('--yes', 'confirm without asking')
    .action((file: string, options: { yes?: boolean }) => withDatabase(async (database) => {
      const sqlText = await readFile(file, 'utf8');
      if (!(await confirm(`This replaces ALL data in the database with ${file}.`, options.yes))) { process.exitCode = 1; return; }
      await restoreBackup(database, sqlText);
      const audit = await verifyAuditChain(database.db);
      console.log(`restored from ${file}; audit chain ${audit.ok ? 'intact' : 'BROKEN'} (${audit.rowsChecked} rows)`);
    }));

  program.command('audit').description('audit trail tools')
    .command('verify').description('walk the hash chain and name the first row changed behind the application\'s back')
    .action(() => withDatabase(async (database) => {
      const result = await verifyAuditChain(database.db);
      if (result.ok) {
        console.log(`audit trail intact: ${result.rowsChecked} rows verified`);
      } else {
        const b = result.firstBreak!;
        console.error(`audit trail BROKEN at row ${b.seq}: ${b.problem} — ${b.detail} (${result.rowsChecked} rows before it verified)`);
        process.exitCode = 2;
      }
    }));
}
