import type { Command } from 'commander';
import { buildApp } from '../../server/app.ts';
import { startHousekeeping } from '../../server/auth/housekeeping.ts';
import { readConfig } from '../../server/config.ts';
import { isEmpty } from '../../server/db/reset.ts';
import { demoAccounts, demoPassword } from '../../server/demo/demo-district.ts';
import { loadDemo } from '../../server/demo/load-demo.ts';
import { openConfiguredDatabase } from '../database.ts';

export function register(program: Command): void {
  program.command('serve')
    .description('migrate the database, load the demo district on first start, and serve the API and web app')
    .option('--no-demo', 'do not load demo data into an empty database')
    .action(async (options: { demo: boolean }) => {
      const config = readConfig();
      const database = await openConfiguredDatabase();
      let demoLoaded = false;
      if (options.demo && (await isEmpty(database))) {
        const loaded = await loadDemo(database);
        console.log(`已载入演示数据：海淀区 ${loaded.units} 个单位，${loaded.accounts} 个演示账号 (demo data loaded)`);
        demoLoaded = true;
      }
      const app = await buildApp({ database, logger: { level: config.logLevel } });
      const stopHousekeeping = startHousekeeping(database.db, (error) => app.log.error({ err: error }, 'housekeeping failed'));
      const address = await app.listen({ port: config.port, host: config.host });
      const where = config.databaseUrl ? 'PostgreSQL server' : `embedded PGlite in ${config.dataDir}`;
      console.log(`\n排头兵 Pacesetter is running at ${address.replace('0.0.0.0', 'localhost')}  (database: ${where})`);
      console.log(`API docs: ${address}/api/docs`);
      if (demoLoaded || !config.databaseUrl) {
        console.log(`\nDemo accounts (password ${demoPassword}):`);
        for (const a of demoAccounts) console.log(`  ${a.username.padEnd(8)} ${a.label}`);
      }
      const stop = async () => {
        stopHousekeeping();
        await app.close();
        await database.close();
        process.exit(0);
      };
      process.once('SIGINT', stop);
      process.once('SIGTERM', stop);
    });
}
