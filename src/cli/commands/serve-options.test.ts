import { describe, expect, it } from 'vitest';
import { createProgram } from '../program.js';

/** The serve command's options as commander reads them from `args` (the action does not run). */
function serveOptions(args: string[]): Record<string, unknown> {
  const serve = createProgram().program.commands.find((command) => command.name() === 'serve')!;
  serve.parseOptions(args);
  return serve.opts();
}

describe('clientele serve --demo, --no-demo and --log-level', () => {
  it('tells a start that asked for the demo, refused it, or said nothing (start-server.ts decides that case by the store)', () => {
    expect(serveOptions(['--demo']).demo).toBe(true);
    expect(serveOptions(['--no-demo']).demo).toBe(false);
    expect(serveOptions([]).demo).toBeUndefined();
  });

  it('takes a pino level for --log-level and refuses another word, naming the levels', () => {
    expect(serveOptions(['--log-level', 'INFO']).logLevel).toBe('info');
    expect(() => serveOptions(['--log-level', 'verbose'])).toThrow(/one of fatal, error, warn, info, debug, trace, silent/);
  });

  it('takes the demo\'s size for --demo-customers as `demo load --customers` does, and refuses what it refuses', () => {
    expect(serveOptions(['--demo-customers', '300']).demoCustomers).toBe(300);
    expect(serveOptions([]).demoCustomers).toBeUndefined();
    for (const value of ['0', '10000001', '2.5', 'many']) {
      expect(() => serveOptions(['--demo-customers', value])).toThrow(/a whole number from 1 to 10,000,000/);
    }
  });
});
