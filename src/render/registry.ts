// The one list of outputs. `--only` selects by name; `index`, `assets` and `json` always run.
import { indexPage } from './index-page.js';
import { modelJson } from './model-json.js';
import { staticAssets } from './static-assets.js';
import type { Renderer } from './types.js';

/** Every output, in build order. */
export const renderers: Renderer[] = [staticAssets, indexPage, modelJson];

/** Outputs produced even when `--only` names others. */
export const ALWAYS = new Set(['index', 'assets', 'json']);
