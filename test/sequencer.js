// Longest first: the real-engine suites (minutes) start before the emulator and unit suites (seconds), so that
// a fresh clone, with no recorded durations, does not end on a long e2e file while the other worker idles.
const Sequencer = require("@jest/test-sequencer").default;

const RANK = { e2e: 0, emulator: 1, unit: 2 };
const rankOf = (test) => RANK[test.context.config.displayName?.name] ?? 3;

class LongestFirst extends Sequencer {
  sort(tests) {
    // Within a suite, jest's order: failed first, then by recorded duration, then by file size.
    return super
      .sort(tests)
      .map((test, index) => ({ test, index }))
      .sort((a, b) => rankOf(a.test) - rankOf(b.test) || a.index - b.index)
      .map(({ test }) => test);
  }
}

module.exports = LongestFirst;
