import react from "@vitejs/plugin-react";
import { defineConfig } from "vite";
import { routePreload } from "./build/routePreload.js";

/** Where `pnpm dev` expects the sync server (`scripts/dev.mjs` starts it there). */
const serverTarget = process.env.PARLEY_DEV_SERVER ?? "http://127.0.0.1:8080";

export default defineConfig({
  plugins: [
    react(),
    // `/f/:id` is served framework.html: the editor's lazy chunk is asked for with the page
    routePreload({ moduleSuffix: "/src/app/EditorPage.tsx", outFile: "framework.html" }),
  ],
  build: {
    outDir: "dist",
    emptyOutDir: true,
    sourcemap: true,
    // The editor chunk (Tiptap + ProseMirror + Yjs) is ~500 kB before gzip; it loads only on /f/:id.
    chunkSizeWarningLimit: 600,
  },
  server: {
    host: "127.0.0.1",
    port: 5173,
    proxy: {
      "/api": { target: serverTarget, changeOrigin: false },
      "/sync": { target: serverTarget, ws: true, changeOrigin: false },
    },
  },
});
