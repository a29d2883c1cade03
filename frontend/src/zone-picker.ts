/**
 * The profile's time zone: the search box under the select finds a city by typing.
 *
 * The select stays the control that is sent (without JavaScript it is all there is, and the
 * search box, in the page from the start, stays hidden); typing narrows its options to the
 * places that match every word, and picks the first one, so "shang" or "上海" or "china" is
 * enough. Options carry their search words in data-search (city and country in her language
 * and in English, the IANA id, the offset).
 */

import { fill } from "./util";
import { matching, searchable } from "./zone-search";

interface Choice {
  option: HTMLOptionElement;
  text: string;
}

function enhance(box: HTMLElement): void {
  const select = document.getElementById(box.dataset.zoneSearch ?? "");
  const input = box.querySelector<HTMLInputElement>("input[type=search]");
  const status = box.querySelector<HTMLElement>("[role=status]");
  if (!(select instanceof HTMLSelectElement) || !input || !status) return;
  const words = status.dataset;
  const choices: Choice[] = Array.from(select.options, (option) => ({
    option,
    text: searchable(`${option.text} ${option.value} ${option.dataset.search ?? ""}`),
  }));

  input.addEventListener("input", () => {
    const found = matching(choices, input.value);
    if (!found.length) {
      status.textContent = words.foundNone ?? "";
      return;
    }
    // The first match is chosen unless her choice is among them.
    select.replaceChildren(...found.map((choice) => choice.option));
    if (!input.value.trim()) status.textContent = "";
    else if (found.length === 1) status.textContent = words.foundOne ?? "";
    else status.textContent = fill(words.foundMany ?? "", { count: found.length });
  });
  // Enter in the search box chooses, it does not send the whole form.
  input.addEventListener("keydown", (event) => {
    if (event.key === "Enter") {
      event.preventDefault();
      select.focus();
    }
  });
}

export function initZonePickers(): void {
  document.querySelectorAll<HTMLElement>("[data-zone-search]").forEach(enhance);
}
