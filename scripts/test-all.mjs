// `npm test`: every check in order — type check, lint, unit tests in Node, then the same kind of
// mocha suite inside a real VS Code extension host — and one closing line with the total.
import { spawn } from 'node:child_process';

const steps = [
  ['typecheck', 'npm', ['run', '--silent', 'typecheck']],
  ['lint', 'npm', ['run', '--silent', 'lint']],
  ['unit', 'npm', ['run', '--silent', 'test:unit']],
  ['vscode', 'npm', ['run', '--silent', 'test:vscode']],
];
const SUMMARY = /^(unit|vscode): (\d+) passed, (\d+) failed$/;
let passed = 0, failed = 0;
const counted = new Set();

for (const [name, cmd, args] of steps) {
  process.stdout.write(`\n== ${name} ==\n`);
  const code = await new Promise((resolve) => {
    const child = spawn(cmd, args, { stdio: ['ignore', 'pipe', 'inherit'] });
    let pending = '';
    child.stdout.on('data', (chunk) => {
      process.stdout.write(chunk);
      pending += chunk;
      const lines = pending.split('\n');
      pending = lines.pop();
      for (const line of lines) {
        const m = SUMMARY.exec(line.trim());
        // The vscode runner repeats its line at the very end; count each suite once.
        if (m && !counted.has(m[1])) { counted.add(m[1]); passed += Number(m[2]); failed += Number(m[3]); }
      }
    });
    child.on('close', (c) => resolve(c ?? 1));
  });
  if (code !== 0) {
    process.stdout.write(`\n${name} failed (exit ${code}); later steps skipped.\n`);
    if (failed === 0) failed = 1;
    process.stdout.write(`total: ${passed} passed, ${failed} failed\n`);
    process.exit(code);
  }
}
if (!counted.has('unit') || !counted.has('vscode')) {
  process.stdout.write('A test suite printed no result line: treating the run as failed.\n');
  process.stdout.write(`total: ${passed} passed, ${failed || 1} failed\n`);
  process.exit(1);
}
process.stdout.write(`\ntotal: ${passed} passed, ${failed} failed\n`);
