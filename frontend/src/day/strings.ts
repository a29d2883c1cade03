/** The words the script shows, translated by the server into the page's language. */

import { readJson } from "../util";

export interface Strings {
  saving: string;
  saved: string;
  offline: string;
  retrying: string;
  error: string;
  loggedOut: string;
  merged: string;
  refreshed: string;
  painTitle: string;
  minutes: string;
  noteCount: string;
  listSeparator: string;
  timerStart: string;
  timerStop: string;
  doseMg: string;
}

export function loadStrings(): Strings {
  const strings = readJson<Strings>("day-strings");
  if (!strings) throw new Error("The page has no #day-strings block.");
  return strings;
}
