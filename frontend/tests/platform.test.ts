/**
 * Which phones get the "Add to Home Screen" guide (platform.ts).
 * Run by `npm test` (part of `make test`).
 */

import assert from "node:assert/strict";
import { test } from "node:test";
import { isIosSafari } from "../src/platform.js";

const SAFARI_IPHONE =
  "Mozilla/5.0 (iPhone; CPU iPhone OS 18_1 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/18.1 Mobile/15E148 Safari/604.1";
const CHROME_IPHONE =
  "Mozilla/5.0 (iPhone; CPU iPhone OS 18_1 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) CriOS/131.0.6778.73 Mobile/15E148 Safari/604.1";
const IPAD_AS_MAC =
  "Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/18.1 Safari/605.1.15";
const ANDROID_CHROME =
  "Mozilla/5.0 (Linux; Android 14; Pixel 8) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Mobile Safari/537.36";

test("Safari on an iPhone, and on an iPad that says it is a Mac", () => {
  assert.equal(isIosSafari(SAFARI_IPHONE, 5), true);
  assert.equal(isIosSafari(IPAD_AS_MAC, 5), true);
});

test("not other browsers on iOS, a Mac, or Android", () => {
  assert.equal(isIosSafari(CHROME_IPHONE, 5), false);
  assert.equal(isIosSafari(IPAD_AS_MAC, 0), false);
  assert.equal(isIosSafari(ANDROID_CHROME, 5), false);
});
