// Ends every run with one plain line that any CI can read: "jest: N passed, N failed, N skipped".
class SummaryReporter {
  onRunComplete(_contexts, results) {
    const { numPassedTests: passed, numFailedTests: failed, numPendingTests: skipped, numTodoTests: todo, numRuntimeErrorTestSuites: broken } = results;
    // A suite that failed to load counts as a failure even though none of its tests ran.
    process.stdout.write(`\njest: ${passed} passed, ${failed + broken} failed, ${skipped + todo} skipped\n`);
  }
}
module.exports = SummaryReporter;
