/**
 * The pelvic-floor session clock (recovery/timer.ts): its phases, pauses and what counts as done.
 * Run by `npm test` (part of `make test`).
 */

import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { phasesOf, SessionClock, totalSeconds } from "../src/recovery/timer.js";

const LEVEL_1 = { holds: 5, holdSeconds: 3, restSeconds: 4, quickSqueezes: 5 };

describe("the phases of a session", () => {
  test("slow holds each followed by a rest, then quick squeezes a second each", () => {
    const phases = phasesOf(LEVEL_1);
    assert.deepEqual(
      phases.slice(0, 3).map((p) => [p.kind, p.step, p.seconds, p.start]),
      [
        ["hold", 1, 3, 0],
        ["rest", 1, 4, 3],
        ["hold", 2, 3, 7],
      ],
    );
    const quick = phases.filter((p) => p.kind === "quick");
    assert.equal(quick.length, 5);
    assert.equal(phases.filter((p) => p.kind === "quickRest").length, 4); // none after the last
    assert.equal(totalSeconds(phases), 5 * 7 + 9);
  });

  test("the target level takes about three and a half minutes", () => {
    assert.equal(totalSeconds(phasesOf({ holds: 10, holdSeconds: 10, restSeconds: 10, quickSqueezes: 10 })), 219);
  });
});

describe("the clock", () => {
  test("counts down each phase and says which squeeze it is", () => {
    const clock = new SessionClock(LEVEL_1, 1000);
    clock.start(0);
    const early = clock.at(1500);
    assert.equal(early.phase?.kind, "hold");
    assert.equal(early.remaining, 1.5);
    assert.equal(early.fraction, 0.5);
    const resting = clock.at(3500);
    assert.equal(resting.phase?.kind, "rest");
    assert.equal(resting.holdsDone, 1);
  });

  test("a pause stops the count, however long it lasts", () => {
    const clock = new SessionClock(LEVEL_1, 1000);
    clock.start(0);
    clock.pause(1000);
    assert.equal(clock.at(60_000).remaining, 2);
    assert.ok(clock.paused);
    clock.resume(60_000);
    assert.equal(clock.at(61_000).remaining, 1);
    assert.equal(clock.elapsed(61_000), 2);
  });

  test("a session cut short counts only the squeezes finished", () => {
    const clock = new SessionClock(LEVEL_1, 1000);
    clock.start(0);
    const moment = clock.at(7_000 * 2 + 1000); // two holds and rests, and a second of the third
    assert.equal(moment.holdsDone, 2);
    assert.equal(moment.quickDone, 0);
    assert.equal(moment.done, false);
  });

  test("at the end everything is done, quick squeezes included", () => {
    const clock = new SessionClock(LEVEL_1, 50); // a test's short seconds
    clock.start(0);
    const end = clock.at(44 * 50);
    assert.ok(end.done);
    assert.equal(end.holdsDone, 5);
    assert.equal(end.quickDone, 5);
    assert.equal(end.phase, null);
  });
});
