// The day as the API reads and writes it (GET /api/v1/days/{date}/ and PUT of the same shape).

export type LegSymptom = "down_leg" | "numb_tingling";

export interface PainRating {
  id: string;
  score: number;
  time: string | null;
  body_areas: string[];
  /**
   * Pain going down the leg, numbness or tingling in it. Always there in a body made by
   * toBody (what is sent and compared); a rating being built, or kept from before, may leave
   * it out.
   */
  leg_symptoms?: LegSymptom[];
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

/** The catalogue key of a medicine she names herself. */
export const OTHER_MEDICINE = "other_medicine";

export interface Medicine {
  id: string;
  time: string | null;
  /** A catalogue key of kind "medicine". */
  medicine: string;
  /** Typed in for "other_medicine", "" for the others. */
  name: string;
  dose_mg: number | null;
}

export type SleepQuality = "" | "unbroken" | "woke_few" | "woke_often" | "hardly";

/** A timed pelvic-floor session, logged when it ends. */
export interface PelvicFloorSession {
  id: string;
  time: string | null;
  level: number;
  holds: number;
  hold_seconds: number;
  quick_squeezes: number;
  effort: "" | "comfortable" | "hard";
}

/** A symptom check: the symptoms ticked (none: an empty list), and the tummy gap if checked. */
export interface SymptomCheck {
  id: string;
  time: string | null;
  context: "weekly" | "after_session" | "tummy_gap";
  symptoms: string[];
  tummy_gap_fingers: number | null;
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
  medicines: Medicine[];
  /** Hours slept last night, in steps of 0.5; null: not logged. */
  sleep_hours: number | null;
  sleep_quality: SleepQuality;
  /** How much pain got in the way of her day, 0 to 10; null: not logged. */
  pain_interference: number | null;
  pelvic_floor_sessions: PelvicFloorSession[];
  symptom_checks: SymptomCheck[];
}

/** What the API returns: the body plus read-only fields. */
export interface DayJson extends DayBody {
  date: string;
  days_postpartum: number | null;
  updated_at: string;
  /** The version of the day's content, its ETag: what a change to it is based on. */
  version: string;
}

export type Urgency = "emergency" | "doctor_today" | "gp";

export interface CatalogueItem {
  key: string;
  name: string;
  unit?: "reps" | "minutes";
  urgency?: Urgency;
}

export interface PhoneLine {
  /** What the phone dials, for the tel: link. */
  dial: string;
  label: string;
}

export interface Catalogue {
  body_areas: CatalogueItem[];
  positions: CatalogueItem[];
  supports: CatalogueItem[];
  exercises: CatalogueItem[];
  habits: CatalogueItem[];
  mood_tags: CatalogueItem[];
  warning_signs: CatalogueItem[];
  medicines: CatalogueItem[];
  guidance: {
    urgency: Record<string, { title: string; body: string }>;
    signs: Record<string, string>;
    /**
     * Tap-to-call lines for the blocks of these urgencies (those that say "call emergency
     * services"), and the line saying the app calls nobody (the emergency block's).
     */
    call: { lines: PhoneLine[]; note: string; for: Urgency[] };
    /** Helplines shown with a sign (thoughts of self-harm), where we have checked ones. */
    sign_lines: Record<string, PhoneLine[]>;
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
    medicines: [],
    sleep_hours: null,
    sleep_quality: "",
    pain_interference: null,
    pelvic_floor_sessions: [],
    symptom_checks: [],
  };
}

/**
 * A time as the server stores and serves it (HH:MM:SS): the page's inputs give HH:MM, and a
 * body must read exactly as the server's copy of the same day, or comparing the two (the
 * three-way merge) would take every item of hers for an edited one.
 */
function storedTime(value: string | null | undefined): string | null {
  if (!value) return null;
  return /^\d\d:\d\d$/.test(value) ? `${value}:00` : value;
}

/** A pain rating as the server stores it, whoever made it: the page, or an older copy. */
export function toPainRating(r: PainRating): Required<PainRating> {
  return {
    id: r.id,
    score: r.score,
    time: storedTime(r.time),
    body_areas: [...(r.body_areas ?? [])],
    leg_symptoms: [...(r.leg_symptoms ?? [])],
  };
}

/**
 * Keep only the writable fields, as the server serves them, so a body can be compared with
 * the server's copy and a stored API answer sent back as a body. A field or item key missing
 * (a body kept by an older version of the page, or an older server copy) gets its default,
 * so the body is a whole day the server takes.
 */
export function toBody(day: Partial<DayBody>): DayBody {
  return {
    mood: day.mood ?? null,
    mood_tags: [...(day.mood_tags ?? [])],
    habits: [...(day.habits ?? [])],
    warning_signs: [...(day.warning_signs ?? [])],
    note: day.note ?? "",
    pain_ratings: (day.pain_ratings ?? []).map(toPainRating),
    feedings: (day.feedings ?? []).map((f) => ({
      id: f.id,
      time: storedTime(f.time),
      position: f.position,
      supports: [...f.supports],
      posture: f.posture,
      minutes: f.minutes,
      side: f.side,
    })),
    exercises: (day.exercises ?? []).map((e) => ({
      id: e.id,
      time: storedTime(e.time),
      exercise: e.exercise,
      reps: e.reps,
      minutes: e.minutes,
    })),
    medicines: (day.medicines ?? []).map((m) => ({
      id: m.id,
      time: storedTime(m.time),
      medicine: m.medicine,
      name: m.name ?? "",
      dose_mg: m.dose_mg ?? null,
    })),
    // A server copy holds 5.0 where the page has 5: the same number in JavaScript.
    sleep_hours: day.sleep_hours ?? null,
    sleep_quality: day.sleep_quality ?? "",
    pain_interference: day.pain_interference ?? null,
    pelvic_floor_sessions: (day.pelvic_floor_sessions ?? []).map((s) => ({
      id: s.id,
      time: storedTime(s.time),
      level: s.level,
      holds: s.holds,
      hold_seconds: s.hold_seconds,
      quick_squeezes: s.quick_squeezes,
      effort: s.effort ?? "",
    })),
    symptom_checks: (day.symptom_checks ?? []).map((c) => ({
      id: c.id,
      time: storedTime(c.time),
      context: c.context,
      symptoms: [...(c.symptoms ?? [])],
      tummy_gap_fingers: c.tummy_gap_fingers ?? null,
    })),
  };
}
