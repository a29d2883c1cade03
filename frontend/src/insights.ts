/**
 * The Insights page's charts: her pain over time, and under it one strip per thing she logged,
 * on the same x scale, so she can hold her pain against each habit at a glance. Hand-drawn
 * SVG from the JSON the page embeds (#insights-data, #insights-strings); no chart library.
 *
 * A separate entry, loaded only on the Insights page. It imports nothing from app.ts's
 * modules, so the build never splits out a shared chunk that app.js would then need.
 *
 * Taps: every day is a column as tall as both charts together; a tap or click anywhere in a
 * chart opens the nearest day's log (in a long range a column can be thinner than a pixel, so
 * the nearest day is the only sensible target). Mouse hover shows that day's figures.
 *
 * Keyboard: one tab stop for the whole block, not one per day (hundreds in a long range).
 * Left/Right move a day, Page Up/Down a week, Home/End to the ends; the day's figures show,
 * and are announced, in the read-out line; Enter or Space opens its log. Screen readers in
 * browse mode read the charts' summaries instead, and the server-rendered table below the
 * charts has every day's figures with a link to each day.
 */

import "./pages/insights.css";

interface Day {
  date: string;
  logged: boolean;
  pain: number | null;
  worst: number | null;
  ratings: number;
  average: number | null;
  trend: number | null;
}

interface Exposure {
  key: string;
  kind: string;
  name: string;
  days: number[];
  // Logged days that say nothing about it (no sleep logged): blank, like a day not logged.
  unknown?: number[];
}

interface Payload {
  from: string;
  to: string;
  days: Day[];
  exposures: Exposure[];
}

interface Strings {
  painLabel: string;
  averageChange: string;
  stripsLabel: string;
  tapHint: string;
  dayPain: string;
  dayPainWorst: string;
  dayNoRating: string;
  dayNotLogged: string;
  dayAverage: string;
  dayLogged: string;
  listSeparator: string;
  kinds: Record<string, string>;
}

// Plot margins, the same in both charts so that their x scales match: room for the pain
// axis's labels on the left.
const LEFT = 26;
const RIGHT = 10;
const PAIN_TOP = 10;
const PAIN_BOTTOM = 24;
const AXIS_FONT = 11;
const LABEL_FONT = 12.5;
const STRIP_HEIGHT = 12;
const ROW_HEIGHT = 34;
const KIND_HEIGHT = 22;

function readJson<T>(id: string): T | null {
  try {
    return JSON.parse(document.getElementById(id)?.textContent ?? "") as T;
  } catch {
    return null;
  }
}

function fill(text: string, values: Record<string, string | number>): string {
  return text.replace(/\{(\w+)\}/g, (all, name: string) =>
    name in values ? String(values[name]) : all,
  );
}

function esc(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

/** A YYYY-MM-DD date as midnight UTC; formatted in UTC, so no zone can shift its day. */
function utc(date: string): Date {
  const [y, m, d] = date.split("-").map(Number);
  return new Date(Date.UTC(y, m - 1, d));
}

function formatter(options: Intl.DateTimeFormatOptions): Intl.DateTimeFormat {
  const lang = document.documentElement.lang || undefined;
  options.timeZone = "UTC";
  try {
    return new Intl.DateTimeFormat(lang, options);
  } catch {
    return new Intl.DateTimeFormat(undefined, options);
  }
}

const n1 = (v: number) => v.toFixed(1);

/** An SVG: an image with a summary for screen readers when it has a label, else decoration. */
function svg(cls: string, label: string, width: number, height: number, body: string): string {
  const role = label ? `role="img" aria-label="${esc(label)}"` : `aria-hidden="true"`;
  return (
    `<svg class="${cls}" ${role} width="${width}" height="${height}" ` +
    `viewBox="0 0 ${width} ${height}"><g aria-hidden="true">${body}</g></svg>`
  );
}

class Charts {
  private readonly days: Day[];
  private readonly rated: boolean;
  private readonly url: string;
  private readonly shortDate: Intl.DateTimeFormat;
  private readonly longDate: Intl.DateTimeFormat;
  private readonly number: Intl.NumberFormat;
  private readonly ctx = document.createElement("canvas").getContext("2d");
  private readonly font: string;
  private width = 0;
  private plot = 1; // px per day
  private selected = -1;
  private readout: HTMLElement | null = null;

  constructor(
    private readonly root: HTMLElement,
    private readonly data: Payload,
    private readonly s: Strings,
  ) {
    this.days = data.days;
    this.rated = this.days.some((day) => day.pain !== null);
    this.url = root.dataset.dayUrl ?? "/day/DATE/";
    const years = data.from.slice(0, 4) !== data.to.slice(0, 4);
    const year: Intl.DateTimeFormatOptions = years ? { year: "numeric" } : {};
    this.shortDate = formatter({ day: "numeric", month: "short", ...year });
    this.longDate = formatter({ weekday: "short", day: "numeric", month: "short", ...year });
    let number: Intl.NumberFormat;
    try {
      number = new Intl.NumberFormat(document.documentElement.lang || undefined);
    } catch {
      number = new Intl.NumberFormat();
    }
    this.number = number;
    this.font = getComputedStyle(root).fontFamily;

    root.tabIndex = 0;
    root.addEventListener("click", (event) => this.onClick(event));
    root.addEventListener("pointermove", (event) => {
      if (event.pointerType !== "mouse") return;
      const index = this.dayAt(event);
      if (index !== null && index !== this.selected) this.select(index);
    });
    root.addEventListener("pointerleave", (event) => {
      if (event.pointerType === "mouse" && !root.matches(":focus-visible")) this.select(-1);
    });
    root.addEventListener("keydown", (event) => this.onKey(event));
    root.addEventListener("focus", () => {
      if (this.selected < 0 && root.matches(":focus-visible")) this.select(this.lastLogged());
    });
    root.addEventListener("blur", () => this.select(-1));

    let frame = 0;
    new ResizeObserver(() => {
      cancelAnimationFrame(frame);
      frame = requestAnimationFrame(() => {
        if (root.clientWidth !== this.width) this.render();
      });
    }).observe(root);
    this.render();
  }

  // ---- scales ----

  private x(index: number): number {
    return LEFT + (index + 0.5) * this.plot;
  }

  private measure(text: string, size: number, weight = 400): number {
    if (!this.ctx) return text.length * size * 0.6;
    this.ctx.font = `${weight} ${size}px ${this.font}`;
    return this.ctx.measureText(text).width;
  }

  private dayUrl(index: number): string {
    return this.url.replace("DATE", this.days[index].date);
  }

  private lastLogged(): number {
    for (let i = this.days.length - 1; i >= 0; i--) if (this.days[i].logged) return i;
    return this.days.length - 1;
  }

  // ---- drawing ----

  /**
   * The page lays out the frame (legend, headings, read-out line, boxes of the charts' final
   * size); this draws the two charts into their boxes, so nothing on the page moves.
   */
  private render(): void {
    const { days } = this;
    this.width = this.root.clientWidth;
    if (!this.width || !days.length) return;
    this.plot = Math.max(this.width - LEFT - RIGHT, 10) / days.length;
    const start = this.shortDate.format(utc(this.data.from));
    const end = this.shortDate.format(utc(this.data.to));
    const ticks = this.dateTicks();
    const painBox = this.root.querySelector<HTMLElement>(".ins-pain-box");
    if (painBox && this.rated) {
      painBox.innerHTML = this.painChart(ticks, start, end, painBox.clientHeight);
    }
    const stripsBox = this.root.querySelector<HTMLElement>(".ins-strips-box");
    if (stripsBox && this.data.exposures.length) {
      stripsBox.innerHTML = this.strips(ticks, start, end);
    }
    this.readout = this.root.querySelector(".ins-readout");
    this.select(this.selected);
  }

  /** Worst ratings as the page's legend says: it shows them only in ranges short enough. */
  private showWorst(): boolean {
    return this.root.querySelector(".ins-legend-worst") !== null;
  }

  /** A line through the values, lifted at every null so no line crosses a missing day. */
  private line(values: (number | null)[], y: (v: number) => number): string {
    let d = "";
    let run = 0;
    values.forEach((value, i) => {
      if (value === null) {
        if (run === 1) d += "h0"; // a lone value: a dot (round caps)
        run = 0;
        return;
      }
      d += `${run ? "L" : "M"}${n1(this.x(i))} ${n1(y(value))}`;
      run++;
    });
    if (run === 1) d += "h0";
    return d;
  }

  /** The pain chart, `height` px tall: its box's height, set by insights.css. */
  private painChart(ticks: Tick[], start: string, end: string, height: number): string {
    const { s, days, width } = this;
    const bottom = height - PAIN_BOTTOM;
    const y = (v: number) => PAIN_TOP + (1 - v / 10) * (bottom - PAIN_TOP);
    const right = width - RIGHT;

    let grid = "";
    let axis = "";
    for (let v = 0; v <= 10; v += 2) {
      grid += `M${LEFT} ${n1(y(v))}H${right}`;
      axis += `<text x="${LEFT - 6}" y="${n1(y(v))}" dy="0.35em" text-anchor="end">${v}</text>`;
    }
    let tickLines = "";
    for (const tick of ticks) {
      tickLines += `M${n1(tick.x)} ${PAIN_TOP}V${bottom + 4}`;
    }
    axis += this.dateLabels(ticks, height - 6);

    const r = n1(Math.min(4, Math.max(1.8, this.plot * 0.4)));
    const cap = n1(Math.min(3.5, Math.max(1, this.plot * 0.4)));
    const showWorst = this.showWorst();
    let points = "";
    let stems = "";
    let worst = "";
    days.forEach((day, i) => {
      if (day.pain === null) return;
      const cx = n1(this.x(i));
      points += `<circle class="ins-pt" cx="${cx}" cy="${n1(y(day.pain))}" r="${r}"/>`;
      // The worst rating: a faint tick above the day's point.
      if (showWorst && day.worst !== null && day.worst > day.pain) {
        stems += `M${cx} ${n1(y(day.pain))}V${n1(y(day.worst))}`;
        worst += `M${cx} ${n1(y(day.worst))}m-${cap} 0h${cap}h${cap}`;
      }
    });

    let label = fill(s.painLabel, { start, end });
    const averages = days.filter((d) => d.average !== null);
    if (averages.length > 1) {
      const first = averages[0];
      const last = averages[averages.length - 1];
      label +=
        " " +
        fill(s.averageChange, {
          first: this.number.format(first.average ?? 0),
          firstDate: this.shortDate.format(utc(first.date)),
          last: this.number.format(last.average ?? 0),
          lastDate: this.shortDate.format(utc(last.date)),
        });
    }

    const trend = this.line(
      days.map((d) => d.trend),
      y,
    );
    const average = this.line(
      days.map((d) => d.average),
      y,
    );
    return svg(
      "ins-pain",
      label,
      width,
      height,
      `<rect class="ins-hit" width="${width}" height="${height}"/>` +
        `<path class="ins-grid" d="${grid}"/><path class="ins-tick" d="${tickLines}"/>` +
        `<g class="ins-ax">${axis}</g>` +
        `<rect class="ins-hl" y="${PAIN_TOP}" height="${bottom - PAIN_TOP}" width="0"/>` +
        `<path class="ins-stem" d="${stems}"/><path class="ins-worst" d="${worst}"/>` +
        `<path class="ins-trend" d="${trend}"/><path class="ins-avg" d="${average}"/>` +
        `<g class="ins-pts">${points}</g>`,
    );
  }

  private strips(ticks: Tick[], start: string, end: string): string {
    const { s, width } = this;
    const w = this.plot;
    const gap = w > 5 ? 1.5 : w > 2.5 ? 1 : 0;
    const markWidth = Math.max(w - gap, 1);
    const labelRoom = width - LEFT;

    // The days she logged anything: a pale band under every row, so that "logged, but not
    // this" reads differently from "nothing logged" (a gap).
    const bar = (i: number, width: number) =>
      `M${n1(this.x(i) - width / 2)} 0h${n1(width)}v${STRIP_HEIGHT}h${n1(-width)}z`;
    const trackOf = (unknown: number[]) => {
      const skipped = new Set(unknown);
      let path = "";
      this.days.forEach((day, i) => {
        if (day.logged && !skipped.has(i)) path += bar(i, Math.max(w, 1));
      });
      return path;
    };
    const track = trackOf([]);

    let body = "";
    let top = 0;
    let kind = "";
    for (const exposure of this.data.exposures) {
      if (exposure.kind !== kind) {
        kind = exposure.kind;
        if (top) top += 6;
        const heading = s.kinds[kind] ?? kind;
        body += `<text class="ins-kind" x="0" y="${top + 14}">${esc(heading)}</text>`;
        top += KIND_HEIGHT;
      }
      const [name, cut] = this.fit(exposure.name, labelRoom);
      body +=
        `<text class="ins-lbl" x="${LEFT}" y="${top + 12}">${esc(name)}` +
        (cut ? `<title>${esc(exposure.name)}</title>` : "") +
        `</text>`;
      const marks = exposure.days.map((i) => bar(i, markWidth)).join("");
      body +=
        `<g transform="translate(0 ${top + 16})">` +
        `<path class="ins-track" d="${exposure.unknown?.length ? trackOf(exposure.unknown) : track}"/>` +
        `<path class="ins-mark k-${esc(kind)}" data-key="${esc(exposure.key)}" d="${marks}"/></g>`;
      top += ROW_HEIGHT;
    }
    const tickLines = ticks.map((tick) => `M${n1(tick.x)} 0V${top}`).join("");
    // Long lists get the dates again at the bottom.
    const dated = this.data.exposures.length > 3;
    const height = top + (dated ? 18 : 0);
    return svg(
      "ins-strips",
      fill(s.stripsLabel, { start, end }),
      width,
      height,
      `<rect class="ins-hit" width="${width}" height="${height}"/>` +
        `<path class="ins-tick" d="${tickLines}"/>` +
        `<g class="ins-ax">${dated ? this.dateLabels(ticks, top + 12) : ""}</g>` +
        body +
        `<rect class="ins-hl" height="${top}" width="0"/>`,
    );
  }

  private dateLabels(ticks: Tick[], y: number): string {
    return ticks
      .map((t) => `<text x="${n1(t.labelX)}" y="${y}" text-anchor="middle">${esc(t.label)}</text>`)
      .join("");
  }

  /** The name, cut with an ellipsis to fit `room` px; and whether it was cut. */
  private fit(name: string, room: number): [string, boolean] {
    if (this.measure(name, LABEL_FONT) <= room) return [name, false];
    const chars = Array.from(name);
    let lo = 0;
    let hi = chars.length;
    while (lo < hi) {
      const mid = Math.ceil((lo + hi) / 2);
      if (this.measure(chars.slice(0, mid).join("") + "…", LABEL_FONT) <= room) lo = mid;
      else hi = mid - 1;
    }
    return [chars.slice(0, lo).join("").trimEnd() + "…", true];
  }

  // ---- date labels ----

  /**
   * Few date labels that never overlap: the finest of these steps whose labels all fit is
   * used: every day, 2 days, week, fortnight (counted back from the last day, so the newest
   * day is always labelled), then the first of every 1, 2, 3 or 6 months, then years.
   */
  private dateTicks(): Tick[] {
    const { days } = this;
    const dates = days.map((day) => utc(day.date));
    const month = formatter({ month: "short" });
    const year = formatter({ year: "numeric" });
    const candidates: (() => [number, string][])[] = [];
    for (const step of [1, 2, 7, 14]) {
      candidates.push(() =>
        dates.flatMap((date, i): [number, string][] =>
          (days.length - 1 - i) % step ? [] : [[i, this.shortDate.format(date)]],
        ),
      );
    }
    for (const step of [1, 2, 3, 6, 12]) {
      candidates.push(() =>
        dates.flatMap((date, i): [number, string][] => {
          const m = date.getUTCMonth();
          if (date.getUTCDate() !== 1 || m % step) return [];
          // January says the year, so a long range reads "Nov Dec 2027 Feb".
          return [[i, (m ? month : year).format(date)]];
        }),
      );
    }
    const wanted = Math.min(2, days.length);
    for (const candidate of candidates) {
      const ticks = this.place(candidate());
      if (ticks && ticks.length >= wanted) return ticks;
    }
    const last = days.length - 1;
    return this.place([[last, this.shortDate.format(dates[last])]]) ?? [];
  }

  /** Label positions, kept inside the chart; null when two would overlap. */
  private place(labels: [number, string][]): Tick[] | null {
    const ticks: Tick[] = [];
    let lastRight = -Infinity;
    for (const [i, label] of labels) {
      const x = this.x(i);
      const half = this.measure(label, AXIS_FONT) / 2;
      const labelX = Math.min(Math.max(x, half), this.width - half);
      if (labelX - half < lastRight + 8) return null;
      lastRight = labelX + half;
      ticks.push({ x, labelX, label });
    }
    return ticks;
  }

  // ---- taps, hover and keys ----

  private dayAt(event: MouseEvent): number | null {
    const svg = (event.target as Element | null)?.closest?.("svg.ins-pain, svg.ins-strips");
    if (!svg) return null;
    const x = event.clientX - svg.getBoundingClientRect().left;
    if (x < LEFT - 8 || x > this.width - RIGHT + 8) return null;
    const index = Math.floor((x - LEFT) / this.plot);
    return Math.min(this.days.length - 1, Math.max(0, index));
  }

  private onClick(event: MouseEvent): void {
    const index = this.dayAt(event);
    if (index === null) return;
    this.select(index);
    this.open(index, event.ctrlKey || event.metaKey);
  }

  private open(index: number, newTab = false): void {
    const url = this.dayUrl(index);
    if (newTab) window.open(url, "_blank");
    else window.location.assign(url);
  }

  private onKey(event: KeyboardEvent): void {
    if (event.altKey || event.ctrlKey || event.metaKey) return;
    const last = this.days.length - 1;
    const at = this.selected < 0 ? this.lastLogged() : this.selected;
    const moves: Record<string, number> = {
      ArrowLeft: at - 1,
      ArrowRight: at + 1,
      PageUp: at - 7,
      PageDown: at + 7,
      Home: 0,
      End: last,
    };
    if (event.key in moves) {
      this.select(Math.min(last, Math.max(0, moves[event.key])));
    } else if (event.key === "Enter" || event.key === " ") {
      this.open(at);
    } else {
      return;
    }
    event.preventDefault();
  }

  private select(index: number): void {
    this.selected = index;
    const w = Math.max(this.plot, 2);
    for (const rect of this.root.querySelectorAll<SVGRectElement>(".ins-hl")) {
      rect.setAttribute("x", n1(index < 0 ? 0 : this.x(index) - w / 2));
      rect.setAttribute("width", index < 0 ? "0" : n1(w));
    }
    if (!this.readout) return;
    this.readout.classList.toggle("is-day", index >= 0);
    // One line each on screen; a screen reader hears one sentence, so a hidden separator.
    this.readout.innerHTML = (index < 0 ? [this.s.tapHint] : this.describe(index))
      .map((line) => `<span class="ins-line">${esc(line)}</span>`)
      .join(`<span class="visually-hidden">${esc(this.s.listSeparator)}</span>`);
  }

  /** What a day's read-out says, one line each: pain, the 7-day average, what she logged. */
  private describe(index: number): string[] {
    const { s } = this;
    const day = this.days[index];
    const date = this.longDate.format(utc(day.date));
    const lines: string[] = [];
    if (day.pain !== null) {
      const values = { date, pain: this.number.format(day.pain), worst: day.worst ?? "" };
      lines.push(fill(day.ratings > 1 ? s.dayPainWorst : s.dayPain, values));
    } else {
      lines.push(fill(day.logged ? s.dayNoRating : s.dayNotLogged, { date }));
    }
    if (day.average !== null) {
      lines.push(fill(s.dayAverage, { average: this.number.format(day.average) }));
    }
    const items = this.data.exposures.filter((e) => e.days.includes(index)).map((e) => e.name);
    if (items.length) lines.push(fill(s.dayLogged, { items: items.join(s.listSeparator) }));
    return lines;
  }
}

interface Tick {
  x: number;
  labelX: number;
  label: string;
}

const root = document.getElementById("insights-charts");
const data = readJson<Payload>("insights-data");
const strings = readJson<Strings>("insights-strings");
if (root && data && strings && data.days?.length) new Charts(root, data, strings);
