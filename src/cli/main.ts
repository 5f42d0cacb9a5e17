import { runCommandLine } from './run-command-line.js';
import { dropOutputToClosedReaders } from './output.js';

dropOutputToClosedReaders();

const { exitCode } = await runCommandLine(process.argv);
if (exitCode !== 0) process.exitCode = exitCode;
