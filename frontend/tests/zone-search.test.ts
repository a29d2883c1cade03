/**
 * The time zone search (zone-search.ts): what typing finds.
 * Run by `npm test` (part of `make test`).
 */

import assert from "node:assert/strict";
import { test } from "node:test";
import { matching, searchable } from "../src/zone-search.js";

const zones = [
  "Shanghai, UTC+8 Asia/Shanghai China (Shanghai) Time 中国（上海）时间",
  "São Paulo, UTC−3 America/Sao_Paulo Brazil (São Paulo) Time",
  "London, UTC+0 Europe/London United Kingdom Time",
].map((text) => ({ text: searchable(text) }));

test("every word typed must match, in any order and any case", () => {
  assert.deepEqual(matching(zones, "china shang"), [zones[0]]);
  assert.deepEqual(matching(zones, "LONDON"), [zones[2]]);
  assert.deepEqual(matching(zones, "london china"), []);
});

test("accents are optional and Chinese is found as typed", () => {
  assert.deepEqual(matching(zones, "sao paulo"), [zones[1]]);
  assert.deepEqual(matching(zones, "上海"), [zones[0]]);
});

test("an empty search shows every place", () => {
  assert.equal(matching(zones, "  ").length, 3);
});
