// Copies the template set's static files (CSS) and the images and files sessions reference.
import { readFileSync } from 'node:fs';
import type { OutputFile, Renderer } from './types.js';

/** Stylesheets under assets/, and session files under files/ keeping their source-relative paths. */
export const staticAssets: Renderer = {
  name: 'assets',
  render(ctx) {
    const out: OutputFile[] = ctx.templates.assetPaths().map((p) => ({ path: p, contents: ctx.templates.asset(p) }));
    const seen = new Set<string>();
    for (const s of ctx.model.sessions.values()) {
      for (const a of s.assets) {
        if (seen.has(a.sourcePath)) continue;
        seen.add(a.sourcePath);
        out.push({ path: `files/${a.sourcePath}`, contents: readFileSync(a.abs) });
      }
    }
    return out;
  },
};
