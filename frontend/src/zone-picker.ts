/**
 * The profile's time zone: a search box under the select that finds a city by typing.
 *
 * The select stays the control that is sent (without JavaScript it is all there is); typing
 * narrows its options to the places that match every word, and picks the first one, so
 * "shang" or "上海" or "china" is enough. Options carry their search words in data-search
 * (city and country in her language and in English, the IANA id, the offset).
 */

import { fill } from "./util";
import { matching, searchable } from "./zone-search";

interface Choice {
  option: HTMLOptionElement;
  text: string;
}


function element<K extends keyof HTMLElementTagNameMap>(
  tag: K,
  props: Partial<HTMLElementTagNameMap[K]> = {},
): HTMLElementTagNameMap[K] {
  return Object.assign(document.createElement(tag), props);
}

function enhance(select: HTMLSelectElement): void {
  const strings = select.dataset;
  const choices: Choice[] = Array.from(select.options, (option) => ({
    option,
    text: searchable(`${option.text} ${option.value} ${option.dataset.search ?? ""}`),
  }));
  const id = `${select.id}-search`;
  const box = element("div", { className: "zone-search" });
  const label = element("label", { htmlFor: id, textContent: strings.searchLabel ?? "" });
  const input = element("input", { type: "search", id, autocomplete: "off" });
  const hint = element("p", { className: "help", id: `${id}-hint`, textContent: strings.searchHint ?? "" });
  const status = element("p", { className: "help zone-search-status" });
  status.setAttribute("role", "status");
  input.setAttribute("aria-describedby", hint.id);
  input.setAttribute("aria-controls", select.id);
  input.enterKeyHint = "search";
  box.append(label, input, hint, status);
  select.after(box);

  input.addEventListener("input", () => {
    const found = matching(choices, input.value);
    if (!found.length) {
      status.textContent = strings.foundNone ?? "";
      return;
    }
    // The first match is chosen unless her choice is among them.
    select.replaceChildren(...found.map((choice) => choice.option));
    if (!input.value.trim()) status.textContent = "";
    else if (found.length === 1) status.textContent = strings.foundOne ?? "";
    else status.textContent = fill(strings.foundMany ?? "", { count: found.length });
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
  document.querySelectorAll<HTMLSelectElement>("select[data-zone-picker]").forEach(enhance);
}
