/**
 * The Reminders page's own script: the notification switch (push.ts). Only that page loads it,
 * so Today's app.js does not carry it.
 */

import { initPushPanel } from "./push";

const pushPanel = document.getElementById("push-panel");
if (pushPanel) initPushPanel(pushPanel);
