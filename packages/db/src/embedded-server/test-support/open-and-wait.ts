import { openDatabase } from '../../open-database';

// A stand-in for the API process: opens the embedded database in its child process, says so, and waits to be killed.
const dataDir = process.argv[2];
if (dataDir === undefined) throw new Error('usage: open-and-wait.ts <dataDir>');
await openDatabase({ dataDir, migrate: false });
process.stdout.write('open\n');
setInterval(() => undefined, 60_000);
