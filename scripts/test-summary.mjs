// Prints vitest's totals as one plain line ("vitest: N passed, N failed, N skipped") for CI logs.
import { readFileSync } from 'node:fs';

const report = JSON.parse(readFileSync('test-results/vitest.json', 'utf8'));
const skipped = report.numPendingTests + report.numTodoTests;
console.log(`vitest: ${report.numPassedTests} passed, ${report.numFailedTests} failed, ${skipped} skipped`);
if (report.numTotalTests === 0) {
  console.error('No test ran: that is a failure, not a pass.');
  process.exit(1);
}
