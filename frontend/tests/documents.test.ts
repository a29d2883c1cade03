/**
 * Merging her recovery documents (recovery/documents.ts) when two phones changed one: a
 * week's ratings by activity, the running checklist by test, an activity field by field.
 * Run by `npm test` (part of `make test`).
 */

import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { mergeDocuments } from "../src/recovery/documents.js";

const score = (activity: string, value: number) => ({ activity, score: value });

describe("merging a week's ratings", () => {
  test("each phone's rating of a different activity is kept", () => {
    const base = { scores: [score("cot", 3)] };
    const mine = { scores: [score("cot", 3), score("seat", 5)] };
    const theirs = { scores: [score("cot", 3), score("floor", 2)] };
    assert.deepEqual(mergeDocuments(base, mine, theirs).scores, [score("cot", 3), score("floor", 2), score("seat", 5)]);
  });

  test("a rating changed on one phone takes that phone's; on both, hers", () => {
    const base = { scores: [score("cot", 3), score("seat", 4)] };
    const mine = { scores: [score("cot", 6), score("seat", 4)] };
    const theirs = { scores: [score("cot", 3), score("seat", 7)] };
    assert.deepEqual(mergeDocuments(base, mine, theirs).scores, [score("cot", 6), score("seat", 7)]);
    const both = { scores: [score("cot", 1), score("seat", 4)] };
    assert.deepEqual(mergeDocuments(base, mine, both).scores, [score("cot", 6), score("seat", 4)]);
  });

  test("a rating removed on one phone and untouched on the other goes", () => {
    const base = { scores: [score("cot", 3), score("seat", 4)] };
    const mine = { scores: [score("cot", 3)] };
    assert.deepEqual(mergeDocuments(base, mine, base).scores, [score("cot", 3)]);
  });
});

describe("merging the running checklist and an activity", () => {
  test("tests passed on two phones are both kept", () => {
    const walk = { test: "walk_30_minutes", result: "passed", date: "2026-12-01" };
    const hop = { test: "hop_on_the_spot", result: "failed", date: "2026-12-02" };
    const merged = mergeDocuments({ tests: [] }, { tests: [walk] }, { tests: [hop] });
    assert.deepEqual(merged.tests, [hop, walk]);
  });

  test("fields of an activity take the phone that changed them", () => {
    const base = { name: "Cot", suggestion: "", retired: false };
    const merged = mergeDocuments(base, { ...base, retired: true }, { ...base, name: "The cot" });
    assert.deepEqual(merged, { name: "The cot", suggestion: "", retired: true });
  });
});
