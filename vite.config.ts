import { resolve } from "node:path";
import { defineConfig } from "vite";

const src = resolve(import.meta.dirname, "frontend/src");

// Django serves frontend/dist as static files and templates name them directly, so the
// build writes fixed file names (no content hashes): app.js, app.css, sw.js, icons/*.png.
// In production Django's manifest storage adds the hashes when it collects them.
export default defineConfig({
  root: resolve(import.meta.dirname, "frontend"),
  publicDir: resolve(import.meta.dirname, "frontend/public"),
  base: "./",
  build: {
    outDir: resolve(import.meta.dirname, "frontend/dist"),
    emptyOutDir: true,
    modulePreload: false,
    sourcemap: false,
    rolldownOptions: {
      input: {
        app: resolve(src, "app.ts"),
        // Only the Insights page loads it; it imports nothing app.ts imports, so no shared chunk.
        insights: resolve(src, "insights.ts"),
        // The Export page and export progress only.
        export: resolve(src, "export.ts"),
        // The pelvic-floor session and recovery pages only; like insights, no shared chunk.
        recovery: resolve(src, "recovery.ts"),
        sw: resolve(src, "sw.ts"),
      },
      output: {
        entryFileNames: "[name].js",
        chunkFileNames: "[name].js",
        assetFileNames: "[name][extname]",
      },
    },
  },
});
