/**
 * Items other pages add to a day (a finished pelvic-floor session, a symptom check), saved
 * through the day's outbox like anything logged on Today: offline they wait in IndexedDB, and
 * a conflict with another device is merged three ways (merge.ts).
 *
 * The recovery pages' own script (recovery.ts) is a separate entry that shares no module with
 * this bundle, so the two speak by events on the document:
 *   "backcare:day-item"  {request, timeZone, field, item}  add the item, or replace the one with
 *                        its id; an item without an id gets one, and the time now
 *   "backcare:day-item-saved"  {request, id, date, result, message?}  what became of it
 * The item goes on today's date in her time zone (a page kept offline since yesterday logs on
 * the real today).
 */

import { newest } from "./day/page";
import * as outbox from "./outbox";
import { basedOnDay, queue, sync, watch } from "./sync";
import { type DayBody, type DayJson, emptyDay, toBody } from "./types";
import { nowHHMM, readJson, todayIn, uuid } from "./util";

type ItemField = "pelvic_floor_sessions" | "symptom_checks";
const FIELDS: ItemField[] = ["pelvic_floor_sessions", "symptom_checks"];

interface Request {
  request: string;
  timeZone: string;
  field: ItemField;
  item: { id?: string; time?: string | null } & Record<string, unknown>;
}

/** The day as her edits stand: her unsent body, else the newest copy the server confirmed. */
async function currentBody(user: string, date: string): Promise<DayBody> {
  const pending = await outbox.getUnsent(user, date);
  if (pending) {
    watch(user, date, pending.based, () => undefined);
    return pending.body;
  }
  const served = readJson<DayJson>("day-data");
  const serverDay = served && served.date === date ? served : null;
  const saved = newest([serverDay, await outbox.getConfirmed(user, date)]);
  watch(user, date, basedOnDay(saved), () => undefined);
  return saved ? toBody(saved) : emptyDay();
}

async function addItem(user: string, detail: Request): Promise<Record<string, unknown>> {
  const date = todayIn(detail.timeZone || "UTC");
  const id = detail.item.id || uuid();
  const item = { ...detail.item, id, time: detail.item.time ?? nowHHMM() };
  const body = await currentBody(user, date);
  const list = body[detail.field] as unknown as { id: string }[];
  const index = list.findIndex((entry) => entry.id === id);
  if (index >= 0) list[index] = item;
  else list.push(item);
  await queue(user, date, toBody(body));
  const result = await sync(user, date);
  return { request: detail.request, id, date, result: result.kind, message: "message" in result ? result.message : "" };
}

/** Listen for items from the recovery pages (see the module's comment). One at a time: each
 * reads the body the one before it queued. */
export function acceptDayItems(user: string): void {
  let last: Promise<unknown> = Promise.resolve();
  document.addEventListener("backcare:day-item", (event) => {
    const detail = (event as CustomEvent<Request>).detail;
    if (!detail || !FIELDS.includes(detail.field) || !detail.item) return;
    last = last
      .then(() => addItem(user, detail))
      .then((answer) => document.dispatchEvent(new CustomEvent("backcare:day-item-saved", { detail: answer })));
  });
}
