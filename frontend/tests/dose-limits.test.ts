/**
 * The page's painkiller checks (day/dose-limits.ts) on the edge cases the server is tested on
 * (tests/test_dose_limits.py): one table, two implementations, the same answers.
 */

import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { describe, test } from "node:test";
import { alertsOn, dayBefore, type DoseAlert, type DoseRule, instant, type LoggedDose } from "../src/day/dose-limits.js";

interface Case {
  name: string;
  zone: string;
  day: string;
  doses: LoggedDose[];
  alerts: DoseAlert[];
}

// Compiled to frontend/test-build/tests/, run from the repository's root by npm test.
const table = JSON.parse(readFileSync("frontend/tests/dose-limit-cases.json", "utf8")) as {
  rules: DoseRule[];
  cases: Case[];
};

describe("the shared edge cases", () => {
  for (const item of table.cases) {
    test(item.name, () => {
      assert.deepEqual(alertsOn(item.day, item.doses, table.rules, item.zone), item.alerts);
    });
  }
});

describe("instants in her zone", () => {
  test("a time that exists twice is the first, as Python's fold=0", () => {
    // London, 25 Oct 2026: 01:30 is first British Summer Time (00:30 UTC).
    assert.equal(new Date(instant("2026-10-25", "01:30", "Europe/London")).toISOString(), "2026-10-25T00:30:00.000Z");
  });
  test("a time the clocks skip reads with the offset before", () => {
    assert.equal(new Date(instant("2026-03-29", "01:30", "Europe/London")).toISOString(), "2026-03-29T01:30:00.000Z");
  });
  test("an unknown zone reads as the wall clock", () => {
    assert.equal(new Date(instant("2026-03-29", "01:30", "Mars/Olympus")).toISOString(), "2026-03-29T01:30:00.000Z");
  });
  test("the day before crosses months and years", () => {
    assert.equal(dayBefore("2027-01-01"), "2026-12-31");
    assert.equal(dayBefore("2028-03-01"), "2028-02-29");
  });
});
