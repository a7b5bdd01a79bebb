// The one list of outputs. `--only` selects by name; `index`, `assets` and `json` always run.
import { assessmentsOutput } from './assessments/index.js';
import { handbook } from './handbook/index.js';
import { indexPage } from './index-page.js';
import { modelJson } from './model-json.js';
import { pdfOutput } from './pdf/index.js';
import { scheduleOutput, trainerOutput } from './schedule/index.js';
import { slides } from './slides/index.js';
import { staticAssets } from './static-assets.js';
import type { Renderer } from './types.js';

/** Every output, in build order. */
export const renderers: Renderer[] = [staticAssets, indexPage, modelJson, scheduleOutput, trainerOutput, handbook, assessmentsOutput, slides, pdfOutput];

/** Outputs produced even when `--only` names others. */
export const ALWAYS = new Set(['index', 'assets', 'json']);
