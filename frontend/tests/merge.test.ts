/**
 * The three-way merge of a day (merge.ts): every rule, as pure cases.
 * Run by `npm test` (part of `make test`).
 */

import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { mergeDays, mergeItems, mergeNote, mergeTags } from "../src/merge.js";
import {
  type DayBody,
  emptyDay,
  type Exercise,
  type Feeding,
  type Medicine,
  type PainRating,
  toBody,
} from "../src/types.js";

function day(fields: Partial<DayBody> = {}): DayBody {
  return { ...emptyDay(), ...fields };
}

function rating(id: string, score: number, time: string | null = null): PainRating {
  return { id, score, time, body_areas: ["lower_back"], leg_symptoms: [] };
}

function feed(id: string, position = "cradle", minutes: number | null = 15): Feeding {
  return { id, time: "03:00", position, supports: [], posture: "upright", minutes, side: "left" };
}

function exercise(id: string, reps: number): Exercise {
  return { id, time: null, exercise: "pelvic_floor", reps, minutes: null };
}

function medicine(id: string, key = "paracetamol", dose_mg: number | null = 500, name = ""): Medicine {
  return { id, time: "08:00:00", medicine: key, name, dose_mg };
}

const ids = (items: { id: string }[]) => items.map((item) => item.id);

describe("items, matched by id", () => {
  const a = rating("a", 5);
  const b = rating("b", 3);

  test("an item added on either side stays", () => {
    const merged = mergeItems([a], [a, b], [a, rating("c", 2)]);
    assert.deepEqual(ids(merged), ["a", "c", "b"]);
  });

  test("the same item added on both sides is kept once", () => {
    assert.deepEqual(mergeItems([], [b], [b]), [b]);
  });

  test("deleted on one side and untouched on the other stays deleted", () => {
    assert.deepEqual(mergeItems([a, b], [a], [a, b]), [a]);
    assert.deepEqual(mergeItems([a, b], [a, b], [b]), [b]);
  });

  test("deleted on both sides stays deleted", () => {
    assert.deepEqual(mergeItems([a, b], [a], [a]), [a]);
  });

  test("deleted on one side and edited on the other keeps the edit", () => {
    const edited = rating("b", 8);
    assert.deepEqual(mergeItems([a, b], [a], [a, edited]), [a, edited]);
    assert.deepEqual(mergeItems([a, b], [a, edited], [a]), [a, edited]);
  });

  test("edited on one side takes that edit", () => {
    assert.deepEqual(mergeItems([a], [rating("a", 9)], [a]), [rating("a", 9)]);
    assert.deepEqual(mergeItems([a], [a], [rating("a", 1)]), [rating("a", 1)]);
  });

  test("edited on both sides takes each field from the side that changed it", () => {
    const base = feed("f", "cradle", 15);
    const mine = feed("f", "cradle", 25); // she corrected the minutes
    const theirs = feed("f", "football", 15); // the other phone corrected the position
    assert.deepEqual(mergeItems([base], [mine], [theirs]), [feed("f", "football", 25)]);
  });

  test("an item whose keys come back in another order is not an edit", () => {
    // PostgreSQL's jsonb lists an item's keys in its own order.
    const reordered = { leg_symptoms: [], body_areas: b.body_areas, time: b.time, id: b.id, score: b.score };
    // She deleted b; the server's untouched copy of it must not bring it back.
    assert.deepEqual(mergeItems([a, b], [a], [a, reordered]), [a]);
  });

  test("the same field edited on both sides takes hers", () => {
    assert.deepEqual(mergeItems([a], [rating("a", 7)], [rating("a", 2)]), [rating("a", 7)]);
  });

  test("a nested list (body areas) is one field", () => {
    const mine = { ...a, body_areas: ["lower_back", "pelvis"] };
    assert.deepEqual(mergeItems([a], [mine], [rating("a", 5, "07:00")]), [
      { ...mine, time: "07:00" },
    ]);
  });
});

describe("tags", () => {
  test("added on either side stay, in the server's order then hers", () => {
    assert.deepEqual(mergeTags(["rested"], ["rested", "flat_shoes"], ["warm_compress", "rested"]), [
      "warm_compress",
      "rested",
      "flat_shoes",
    ]);
  });

  test("removed on either side go", () => {
    assert.deepEqual(mergeTags(["rested", "flat_shoes"], ["flat_shoes"], ["rested", "flat_shoes"]), [
      "flat_shoes",
    ]);
    assert.deepEqual(mergeTags(["rested"], ["rested"], []), []);
  });

  test("removed on one side and added back on the other stays", () => {
    // Not in the base: the other side added it anew.
    assert.deepEqual(mergeTags([], [], ["fever"]), ["fever"]);
  });
});

describe("mood", () => {
  test("takes the side that changed it", () => {
    assert.equal(mergeDays(day({ mood: 3 }), day({ mood: 2 }), day({ mood: 3 })).mood, 2);
    assert.equal(mergeDays(day({ mood: 3 }), day({ mood: 3 }), day({ mood: 5 })).mood, 5);
  });

  test("cleared on one side stays cleared", () => {
    assert.equal(mergeDays(day({ mood: 3 }), day({ mood: null }), day({ mood: 3 })).mood, null);
  });

  test("changed on both sides takes hers", () => {
    assert.equal(mergeDays(day({ mood: 3 }), day({ mood: 1 }), day({ mood: 4 })).mood, 1);
  });
});

describe("sleep and pain interference", () => {
  const base = day({ sleep_hours: 5, sleep_quality: "woke_few", pain_interference: 4 });

  test("each takes the side that changed it, like mood", () => {
    const mine = { ...base, sleep_hours: 4.5 };
    const theirs = { ...base, sleep_quality: "hardly" as const, pain_interference: 7 };
    const merged = mergeDays(base, mine, theirs);
    assert.equal(merged.sleep_hours, 4.5);
    assert.equal(merged.sleep_quality, "hardly");
    assert.equal(merged.pain_interference, 7);
  });

  test("cleared on one side stays cleared; changed on both sides takes hers", () => {
    const merged = mergeDays(base, { ...base, sleep_hours: null, pain_interference: 2 }, {
      ...base,
      pain_interference: 9,
    });
    assert.equal(merged.sleep_hours, null);
    assert.equal(merged.pain_interference, 2);
  });
});

describe("medicines, matched by id like the other items", () => {
  test("a dose added on each phone: both stay", () => {
    const base = day({ medicines: [medicine("m1")] });
    const mine = { ...base, medicines: [medicine("m1"), medicine("m2", "ibuprofen", 400)] };
    const theirs = { ...base, medicines: [medicine("m1"), medicine("m3", "other_medicine", null, "Codeine")] };
    assert.deepEqual(ids(mergeDays(base, mine, theirs).medicines), ["m1", "m3", "m2"]);
  });

  test("edited on both sides takes each field from the side that changed it", () => {
    const base = day({ medicines: [medicine("m", "paracetamol", 500)] });
    const mine = day({ medicines: [{ ...medicine("m", "paracetamol", 1000) }] });
    const theirs = day({ medicines: [{ ...medicine("m", "paracetamol", 500), time: "09:30:00" }] });
    assert.deepEqual(mergeDays(base, mine, theirs).medicines, [{ ...medicine("m", "paracetamol", 1000), time: "09:30:00" }]);
  });

  test("deleted on one side and untouched on the other stays deleted", () => {
    const base = day({ medicines: [medicine("m")] });
    assert.deepEqual(mergeDays(base, day(), base).medicines, []);
  });

  test("leg symptoms on a rating are one field of it", () => {
    const base = day({ pain_ratings: [rating("a", 5)] });
    const mine = day({ pain_ratings: [{ ...rating("a", 5), leg_symptoms: ["down_leg"] }] });
    const theirs = day({ pain_ratings: [rating("a", 7)] });
    assert.deepEqual(mergeDays(base, mine, theirs).pain_ratings, [{ ...rating("a", 7), leg_symptoms: ["down_leg"] }]);
  });
});

describe("a body from before these fields (toBody)", () => {
  // An outbox entry or a server copy kept by an older version of the page.
  const old = {
    mood: 3,
    mood_tags: [],
    habits: ["rested"],
    warning_signs: [],
    note: "",
    pain_ratings: [{ id: "p", score: 4, time: "07:30", body_areas: ["lower_back"] }],
    feedings: [],
    exercises: [],
  } as unknown as DayBody;

  test("gets every new field with its default, and leg symptoms on each rating", () => {
    const body = toBody(old);
    assert.deepEqual(body.medicines, []);
    assert.equal(body.sleep_hours, null);
    assert.equal(body.sleep_quality, "");
    assert.equal(body.pain_interference, null);
    assert.deepEqual(body.pain_ratings, [
      { id: "p", score: 4, time: "07:30:00", body_areas: ["lower_back"], leg_symptoms: [] },
    ]);
    assert.deepEqual(Object.keys(body).sort(), Object.keys(emptyDay()).sort());
  });

  test("a rating the page builds without leg symptoms is sent with none", () => {
    const built = { id: "n", score: 2, time: "10:00", body_areas: [] };
    assert.deepEqual(toBody(day({ pain_ratings: [built] })).pain_ratings[0]?.leg_symptoms, []);
  });

  test("a medicine keeps its fields, with a name and dose by default", () => {
    const partial = { id: "m", time: "08:00", medicine: "ibuprofen" } as unknown as Medicine;
    assert.deepEqual(toBody(day({ medicines: [partial] })).medicines, [
      { id: "m", time: "08:00:00", medicine: "ibuprofen", name: "", dose_mg: null },
    ]);
  });

  test("what the server served comes back as the same body", () => {
    const served = toBody(
      day({ medicines: [medicine("m")], sleep_hours: 6.5, sleep_quality: "unbroken", pain_interference: 0 }),
    );
    assert.deepEqual(toBody(served), served);
  });
});

describe("note", () => {
  test("changed on one side takes that side", () => {
    assert.equal(mergeNote("slept", "slept badly", "slept"), "slept badly");
    assert.equal(mergeNote("slept", "slept", "slept well"), "slept well");
    assert.equal(mergeNote("slept badly", "", "slept badly"), "");
  });

  test("changed on both sides keeps both texts", () => {
    const merged = mergeNote("", "Walked to the shop.", "Night feed at 3, back ached.");
    assert.equal(merged, "Night feed at 3, back ached.\nWalked to the shop.");
  });

  test("the shared start and end are kept once", () => {
    const base = "Morning: stiff. Evening: ok.";
    const mine = "Morning: stiff, eased after a walk. Evening: ok.";
    const theirs = "Morning: stiff. Lunch: fed on the sofa. Evening: ok.";
    const merged = mergeNote(base, mine, theirs);
    assert.ok(merged.startsWith("Morning: stiff"));
    assert.ok(merged.endsWith("Evening: ok."));
    assert.ok(merged.includes("eased after a walk") && merged.includes("Lunch: fed on the sofa"));
    assert.equal(merged.split("Morning").length, 2);
  });

  test("a text that only continues the other is not repeated", () => {
    // The last keystrokes reached the server from a closing page; the outbox had fewer.
    assert.equal(mergeNote("Back", "Back ached at nig", "Back ached at night"), "Back ached at night");
    assert.equal(mergeNote("Back", "Back ached at night", "Back ached"), "Back ached at night");
  });

  test("the same change on both sides is kept once", () => {
    assert.equal(mergeNote("a", "a b", "a b"), "a b");
  });
});

describe("a whole day", () => {
  test("phone A adds a feed offline while phone B adds an exercise: both stay", () => {
    const base = day({ mood: 3, pain_ratings: [rating("p", 5)] });
    const mine = { ...base, feedings: [feed("night-feed")] };
    const theirs = { ...base, exercises: [exercise("squeezes", 10)] };
    const merged = mergeDays(base, mine, theirs);
    assert.deepEqual(ids(merged.feedings), ["night-feed"]);
    assert.deepEqual(ids(merged.exercises), ["squeezes"]);
    assert.deepEqual(merged.pain_ratings, base.pain_ratings);
  });

  test("a day deleted on the server keeps what she changed, drops what she did not", () => {
    const base = day({ pain_ratings: [rating("old", 4)], habits: ["rested"] });
    const mine = { ...base, pain_ratings: [rating("old", 4), rating("new", 6)] };
    const merged = mergeDays(base, mine, day());
    assert.deepEqual(ids(merged.pain_ratings), ["new"]);
    assert.deepEqual(merged.habits, []);
  });

  test("merging with no changes on her side gives the server's day", () => {
    const base = day({ note: "x", habits: ["rested"] });
    const theirs = day({ note: "x y", habits: ["rested", "flat_shoes"], mood: 4 });
    assert.deepEqual(mergeDays(base, base, theirs), theirs);
  });

  test("merging with no changes on the server gives her day", () => {
    const base = day({ note: "x" });
    const mine = day({ note: "x y", mood: 2, feedings: [feed("f")] });
    assert.deepEqual(mergeDays(base, mine, base), mine);
  });

  test("merging is stable: merging the result again changes nothing", () => {
    const base = day({ habits: ["rested"], pain_ratings: [rating("a", 5)] });
    const mine = day({ habits: ["flat_shoes"], pain_ratings: [rating("a", 6), rating("b", 2)], note: "m" });
    const theirs = day({ habits: ["rested", "warm_compress"], pain_ratings: [], note: "t" });
    const merged = mergeDays(base, mine, theirs);
    assert.deepEqual(mergeDays(theirs, merged, theirs), merged);
    assert.deepEqual(mergeDays(merged, merged, merged), merged);
  });
});
