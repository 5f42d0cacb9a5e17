import { runCommandLine } from './run-command-line.js';

const { exitCode } = await runCommandLine(process.argv);
if (exitCode !== 0) process.exitCode = exitCode;
