/**
 * Entry of the recovery pages only (the pelvic-floor session and "Your recovery"): the session
 * timer and the checks, ratings and checklist that go with it. Loaded by those pages' own
 * <script>, so Today never downloads it; see recovery/page-tools.ts for why it shares no
 * module with app.js.
 */

import "./pages/recovery.css";
import { initRecoveryPage } from "./recovery/recovery-page";
import { initSessionPage } from "./recovery/session-page";

const session = document.getElementById("pelvic-floor");
if (session) initSessionPage(session);
const recovery = document.getElementById("recovery");
if (recovery) initRecoveryPage(recovery);
