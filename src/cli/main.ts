// The `pacesetter` command. Each file in ./commands adds its subcommands through `register`.
import { readdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { Command } from 'commander';

const program = new Command('pacesetter')
  .description('排头兵 Pacesetter — assessment, supervision and citizen requests of a district')
  .showHelpAfterError();

const commandsDir = join(dirname(fileURLToPath(import.meta.url)), 'commands');
for (const file of readdirSync(commandsDir).filter((f) => f.endsWith('.ts') && !f.endsWith('.test.ts')).sort()) {
  const module = (await import(pathToFileURL(join(commandsDir, file)).href)) as { register?: (p: Command) => void };
  module.register?.(program);
}

try {
  await program.parseAsync(process.argv);
} catch (error) {
  console.error(`pacesetter: ${error instanceof Error ? error.message : String(error)}`);
  process.exitCode = 1;
}
