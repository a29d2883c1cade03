import { resolve } from "node:path";
import { defineConfig } from "vite";

const src = resolve(import.meta.dirname, "frontend/src");

// Every script a page loads is one file of its own: app.js on every page, and beside it the
// script of the one page that needs it. frontend/build.mjs builds each entry on its own
// (BACKCARE_ENTRY), so no two share a chunk: a shared chunk would be a file app.js imports that
// the service worker does not keep offline, under a name production's static files do not hash.
// (`npm run watch` builds them together, for editing; `npm run build` is what ships.)
export const ENTRIES: Record<string, string> = {
  app: resolve(src, "app.ts"),
  // The Insights page's charts.
  insights: resolve(src, "insights.ts"),
  // The Export page and export progress.
  export: resolve(src, "export.ts"),
  // The Reminders page's notification switch.
  reminders: resolve(src, "reminders.ts"),
  // The pelvic-floor session and recovery pages.
  recovery: resolve(src, "recovery.ts"),
  sw: resolve(src, "sw.ts"),
};

const only = process.env.BACKCARE_ENTRY;

// Django serves frontend/dist as static files and templates name them directly, so the
// build writes fixed file names (no content hashes): app.js, app.css, sw.js, icons/*.png.
// In production Django's manifest storage adds the hashes when it collects them.
export default defineConfig({
  root: resolve(import.meta.dirname, "frontend"),
  publicDir: resolve(import.meta.dirname, "frontend/public"),
  base: "./",
  build: {
    outDir: resolve(import.meta.dirname, "frontend/dist"),
    // The first entry's build empties the folder; the others add to it.
    emptyOutDir: !only || only === Object.keys(ENTRIES)[0],
    modulePreload: false,
    sourcemap: false,
    rolldownOptions: {
      input: only ? { [only]: ENTRIES[only] } : ENTRIES,
      output: {
        entryFileNames: "[name].js",
        chunkFileNames: "[name].js",
        assetFileNames: "[name][extname]",
      },
    },
  },
});
