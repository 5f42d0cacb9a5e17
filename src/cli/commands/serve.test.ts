import { describe, expect, it } from 'vitest';
import { createProgram } from '../program.js';

const portOption = () => {
  const serve = createProgram().program.commands.find((command) => command.name() === 'serve')!;
  return serve.options.find((option) => option.long === '--port')!;
};

describe('clientele serve --port', () => {
  it('takes 0 for a free port (what the benchmarks and a second local server use) and any port to 65,535', () => {
    const parse = portOption().parseArg!;
    expect(parse('0', undefined)).toBe(0);
    expect(parse('8080', undefined)).toBe(8080);
    expect(parse('65535', undefined)).toBe(65_535);
  });

  it('refuses what is not a port, with an example', () => {
    const parse = portOption().parseArg!;
    for (const wrong of ['65536', '-1', '80.5', 'http']) expect(() => parse(wrong, undefined), wrong).toThrow(/--port 8080/);
  });
});
