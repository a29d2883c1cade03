/**
 * The day page's drafts (day/drafts.ts, and the feed draft in day/feeds.ts): when a draft
 * logs an entry and what it logs, how it changes the day's list, and when it lets go.
 */

import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { DraftHold, HOLD_MS, type PainDraft, painFromDraft, upsert } from "../src/day/drafts.js";
import { type FeedDraft, feedFromDraft } from "../src/day/feeds.js";

function painDraft(fields: Partial<PainDraft> = {}): PainDraft {
  return { score: "6", time: "10:07", areas: ["lower_back"], legs: [], ...fields };
}

function feedDraft(fields: Partial<FeedDraft> = {}): FeedDraft {
  return {
    time: "03:10",
    position: "side_lying",
    supports: ["pillow_under_baby"],
    posture: "upright",
    minutes: "15",
    side: "left",
    ...fields,
  };
}

describe("the pain draft", () => {
  test("logs nothing until a score is chosen; 0 is a score", () => {
    assert.equal(painFromDraft("a", painDraft({ score: "" })), null);
    assert.equal(painFromDraft("a", painDraft({ score: "0" }))?.score, 0);
  });

  test("logs the score, time, areas and leg symptoms under the id it is given", () => {
    const rating = painFromDraft("a", painDraft({ legs: ["down_leg"] }));
    assert.deepEqual(rating, {
      id: "a",
      score: 6,
      time: "10:07",
      body_areas: ["lower_back"],
      leg_symptoms: ["down_leg"],
    });
  });

  test("an untouched time field that is empty logs no time", () => {
    assert.equal(painFromDraft("a", painDraft({ time: null }))?.time, null);
  });
});

describe("the feed draft", () => {
  test("logs nothing until a position is chosen", () => {
    assert.equal(feedFromDraft("a", feedDraft({ position: "" })), null);
  });

  test("logs what is chosen under the id it is given", () => {
    assert.deepEqual(feedFromDraft("a", feedDraft()), {
      id: "a",
      time: "03:10",
      position: "side_lying",
      supports: ["pillow_under_baby"],
      posture: "upright",
      minutes: 15,
      side: "left",
    });
  });

  test("minutes as typed: whole, 0 to 240, none when empty or not a number", () => {
    const minutes = (typed: string) => feedFromDraft("a", feedDraft({ minutes: typed }))?.minutes;
    assert.equal(minutes("20.7"), 20);
    assert.equal(minutes("300"), 240);
    assert.equal(minutes("-5"), 0);
    assert.equal(minutes(""), null);
    assert.equal(minutes("abc"), null);
  });

  test("a bottle has no side, whatever is ticked", () => {
    assert.equal(feedFromDraft("a", feedDraft({ position: "bottle", side: "left" }))?.side, "");
  });
});

describe("a draft's entry in the day", () => {
  test("changes the entry with its id in place, or is added at the end", () => {
    const list = [
      { id: "a", n: 1 },
      { id: "b", n: 2 },
    ];
    upsert(list, { id: "a", n: 3 });
    assert.deepEqual(list, [
      { id: "a", n: 3 },
      { id: "b", n: 2 },
    ]);
    upsert(list, { id: "c", n: 4 });
    assert.deepEqual(
      list.map((item) => item.id),
      ["a", "b", "c"],
    );
  });
});

describe("letting go", () => {
  test("the drafts let go five minutes after the last change, not the first", (t) => {
    const waiting = new Map<number, () => void>();
    let last = 0;
    t.mock.method(globalThis, "setTimeout", (letGo: () => void, ms: number) => {
      assert.equal(ms, 5 * 60_000);
      waiting.set(++last, letGo);
      return last;
    });
    t.mock.method(globalThis, "clearTimeout", (id: number) => waiting.delete(id));
    let letGo = 0;
    const hold = new DraftHold(() => letGo++);
    hold.held();
    hold.held();
    assert.equal(waiting.size, 1, "the first wait no longer counts");
    assert.equal(letGo, 0);
    [...waiting.values()][0]();
    assert.equal(letGo, 1);
    assert.equal(HOLD_MS, 5 * 60_000);
  });
});
