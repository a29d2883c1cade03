// The day as the API reads and writes it (GET /api/v1/days/{date}/ and PUT of the same shape).

export interface PainRating {
  id: string;
  score: number;
  time: string | null;
  body_areas: string[];
}

export interface Feeding {
  id: string;
  time: string | null;
  position: string;
  supports: string[];
  posture: "" | "upright" | "hunched";
  minutes: number | null;
  side: "" | "left" | "right" | "both";
}

export interface Exercise {
  id: string;
  time: string | null;
  exercise: string;
  reps: number | null;
  minutes: number | null;
}

/** Exactly what the page PUTs: the writable fields of the API's day. */
export interface DayBody {
  mood: number | null;
  mood_tags: string[];
  habits: string[];
  warning_signs: string[];
  note: string;
  pain_ratings: PainRating[];
  feedings: Feeding[];
  exercises: Exercise[];
}

/** What the API returns: the body plus read-only fields. */
export interface DayJson extends DayBody {
  date: string;
  days_postpartum: number | null;
  updated_at: string;
}

export type Urgency = "emergency" | "doctor_today" | "gp";

export interface CatalogueItem {
  key: string;
  name: string;
  unit?: "reps" | "minutes";
  urgency?: Urgency;
}

export interface Catalogue {
  body_areas: CatalogueItem[];
  positions: CatalogueItem[];
  supports: CatalogueItem[];
  exercises: CatalogueItem[];
  habits: CatalogueItem[];
  mood_tags: CatalogueItem[];
  warning_signs: CatalogueItem[];
  guidance: {
    urgency: Record<string, { title: string; body: string }>;
    signs: Record<string, string>;
  };
}

export function emptyDay(): DayBody {
  return {
    mood: null,
    mood_tags: [],
    habits: [],
    warning_signs: [],
    note: "",
    pain_ratings: [],
    feedings: [],
    exercises: [],
  };
}

/** Keep only the writable fields, so a stored API answer can be sent back as a body. */
export function toBody(day: DayBody): DayBody {
  return {
    mood: day.mood ?? null,
    mood_tags: [...(day.mood_tags ?? [])],
    habits: [...(day.habits ?? [])],
    warning_signs: [...(day.warning_signs ?? [])],
    note: day.note ?? "",
    pain_ratings: (day.pain_ratings ?? []).map((r) => ({
      id: r.id,
      score: r.score,
      time: r.time,
      body_areas: [...r.body_areas],
    })),
    feedings: (day.feedings ?? []).map((f) => ({
      id: f.id,
      time: f.time,
      position: f.position,
      supports: [...f.supports],
      posture: f.posture,
      minutes: f.minutes,
      side: f.side,
    })),
    exercises: (day.exercises ?? []).map((e) => ({
      id: e.id,
      time: e.time,
      exercise: e.exercise,
      reps: e.reps,
      minutes: e.minutes,
    })),
  };
}
