/**
 * The quick feeds (day/feeds.ts), Undo's putting back (day/undo.ts), sleep hours and doses
 * as typed (day/sleep.ts, day/medicines.ts), as pure cases.
 */

import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { elapsed, feedLike, lastFeed, otherSide, timedMinutes } from "../src/day/feeds.js";
import { doseMg, sleepHours } from "../src/day/amounts.js";
import { putBack } from "../src/day/undo.js";
import type { Feeding } from "../src/types.js";

function feed(fields: Partial<Feeding> = {}): Feeding {
  return {
    id: "a",
    time: "03:00:00",
    position: "side_lying",
    supports: ["pillow_under_baby"],
    posture: "upright",
    minutes: 20,
    side: "left",
    ...fields,
  };
}

describe("same as last feed", () => {
  test("switches left and right; both stays both; none stays none", () => {
    assert.equal(otherSide("left"), "right");
    assert.equal(otherSide("right"), "left");
    assert.equal(otherSide("both"), "both");
    assert.equal(otherSide(""), "");
  });

  test("copies position, supports and posture, on the other side, now", () => {
    const last = feed();
    const next = feedLike(last, "b", "09:15");
    assert.deepEqual(next, { ...last, id: "b", time: "09:15", side: "right" });
    next.supports.push("footstool");
    assert.deepEqual(last.supports, ["pillow_under_baby"]);
  });

  test("a bottle has no side, and minutes default to 15 when the last had none", () => {
    const next = feedLike(feed({ position: "bottle", side: "", minutes: null }), "b", "10:00");
    assert.equal(next.side, "");
    assert.equal(next.minutes, 15);
  });

  test("the last feed is the latest by time, the later entry on a tie", () => {
    const early = feed({ id: "1", time: "08:00:00" });
    const late = feed({ id: "2", time: "07:00:00" });
    assert.equal(lastFeed([early, late])?.id, "1");
    assert.equal(lastFeed([early, feed({ id: "3", time: "08:00:00" })])?.id, "3");
    assert.equal(lastFeed([]), null);
  });
});

describe("feed timer", () => {
  test("minutes are rounded, at least 1, at most 240", () => {
    assert.equal(timedMinutes(0, 20 * 60_000 + 29_000), 20);
    assert.equal(timedMinutes(0, 20 * 60_000 + 31_000), 21);
    assert.equal(timedMinutes(0, 5_000), 1);
    assert.equal(timedMinutes(0, 5 * 3600_000), 240);
  });

  test("the running face reads m:ss, then h:mm:ss", () => {
    assert.equal(elapsed(65_000), "1:05");
    assert.equal(elapsed(3_725_000), "1:02:05");
  });
});

describe("undo", () => {
  test("puts the item back where it was, once", () => {
    const [a, b, c] = [{ id: "a" }, { id: "b" }, { id: "c" }];
    assert.deepEqual(putBack([a, c], b, 1), [a, b, c]);
    assert.deepEqual(putBack([a], c, 5), [a, c]);
    assert.deepEqual(putBack([a, b], b, 0), [a, b]);
  });
});

describe("sleep and doses as typed", () => {
  test("hours are halves from 0 to 14; empty or nonsense is none", () => {
    assert.equal(sleepHours("5"), 5);
    assert.equal(sleepHours("5.5"), 5.5);
    assert.equal(sleepHours("5.3"), 5.5);
    assert.equal(sleepHours("15"), 14);
    assert.equal(sleepHours("-1"), 0);
    assert.equal(sleepHours(""), null);
    assert.equal(sleepHours("abc"), null);
  });

  test("a dose is a whole number of milligrams from 1 to 4000", () => {
    assert.equal(doseMg("500"), 500);
    assert.equal(doseMg(""), null);
    assert.equal(doseMg("0"), null);
    assert.equal(doseMg("4001"), null);
    assert.equal(doseMg("2.5"), null);
  });
});
