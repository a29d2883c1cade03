// Builds every entry of vite.config.ts on its own, one after the other, so that each page's
// script is a single file with everything it needs (see ENTRIES there).
import { build, loadConfigFromFile } from "vite";

const configFile = new URL("../vite.config.ts", import.meta.url).pathname;
const loaded = await loadConfigFromFile({ command: "build", mode: "production" }, configFile);
const entries = Object.keys(loaded.config.build.rolldownOptions.input);

for (const entry of entries) {
  process.env.BACKCARE_ENTRY = entry;
  await build({ configFile, logLevel: "warn" });
}
