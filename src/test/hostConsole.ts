import * as util from 'node:util';

export function formatConsole(): void {
  // The extension host forwards console arguments unformatted (`✔ %s (%dms)`), so every
  // console method formats its arguments itself before handing one string on. VS Code
  // installs them as getters that ignore assignment, hence defineProperty.
  const tag = process.env.ANA_VSCODE_RUNNER === '1' ? '@@|' : '';
  for (const method of ['log', 'info', 'warn', 'error', 'debug'] as const) {
    const original = console[method];
    Object.defineProperty(console, method, {
      configurable: true,
      writable: true,
      value: (...args: unknown[]) => original.call(console, tag + util.format(...args)),
    });
  }
}
