// Entry point of out/cli.js (`arabic-news-annotator` in package.json `bin`).
import { runCli } from './cli';

runCli(process.argv.slice(2), {
  out: (line) => process.stdout.write(`${line}\n`),
  err: (line) => process.stderr.write(`${line}\n`),
  cwd: process.cwd(),
}).then(
  (code) => { process.exitCode = code; },
  (err: unknown) => {
    process.stderr.write(`arabic-news-annotator: unexpected failure: ${err instanceof Error ? err.stack ?? err.message : String(err)}\nPlease report this with the command you ran.\n`);
    process.exitCode = 1;
  },
);
