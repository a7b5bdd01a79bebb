// The GitHub Actions workflows of the starter repository and of this project, parsed with a YAML
// parser: triggers, permissions, caching and the steps that check, build and publish.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { describe, expect, it } from 'vitest';
import { ROOT } from './helpers/cli.js';

interface Step {
  uses?: string;
  run?: string;
  with?: Record<string, unknown>;
  id?: string;
}
interface Job {
  'runs-on': string;
  container?: string;
  needs?: string;
  steps: Step[];
  environment?: { name: string; url: string };
}
interface Workflow {
  name: string;
  on: Record<string, unknown>;
  permissions: Record<string, string>;
  concurrency?: { group: string };
  jobs: Record<string, Job>;
}

function workflow(path: string): Workflow {
  const text = readFileSync(join(ROOT, path), 'utf8');
  expect(text).not.toMatch(/\t/);
  return parse(text, { strict: true, uniqueKeys: true }) as Workflow;
}

const step = (job: Job, match: (s: Step) => boolean) => {
  const i = job.steps.findIndex(match);
  expect(i, 'step not found').toBeGreaterThanOrEqual(0);
  return { step: job.steps[i]!, index: i };
};
const uses = (name: string) => (s: Step) => s.uses?.split('@')[0] === name;
const runs = (re: RegExp) => (s: Step) => s.run !== undefined && re.test(s.run);

function expectNodeWithNpmCache(job: Job): void {
  const checkout = step(job, uses('actions/checkout'));
  const node = step(job, uses('actions/setup-node'));
  expect(node.step.with).toMatchObject({ cache: 'npm' });
  expect(Number(node.step.with!['node-version'])).toBeGreaterThanOrEqual(20);
  const ci = step(job, runs(/^npm ci\b/));
  expect(checkout.index).toBeLessThan(node.index);
  expect(node.index).toBeLessThan(ci.index);
  for (const s of job.steps) if (s.uses) expect(s.uses).toMatch(/^[\w-]+\/[\w-]+@v\d+$/);
}

function expectPublish(w: Workflow, buildCommand: RegExp): void {
  expect(Object.keys(w.on)).toContain('push');
  expect(w.on.push).toEqual({ branches: ['main'] });
  expect(w.permissions).toEqual({ contents: 'read', pages: 'write', 'id-token': 'write' });
  expect(w.concurrency?.group).toBe('pages');
  const build = w.jobs.build!;
  expectNodeWithNpmCache(build);
  expect(build.container).toMatch(/bookworm/);
  expect(step(build, uses('actions/checkout')).step.with).toMatchObject({ 'fetch-depth': 0 });
  const apt = step(build, runs(/apt-get install/));
  expect(apt.step.run).toMatch(/apt-get update && apt-get install -y .*\bchromium\b.*\bfonts-noto-cjk\b/);
  const cmd = step(build, runs(buildCommand));
  expect(cmd.step.run).toMatch(/--pdf/);
  expect(apt.index).toBeLessThan(cmd.index);
  const upload = step(build, uses('actions/upload-pages-artifact'));
  expect(upload.step.with).toEqual({ path: 'dist' });
  expect(cmd.index).toBeLessThan(upload.index);
  const deploy = w.jobs.deploy!;
  expect(deploy.needs).toBe('build');
  expect(deploy.environment?.name).toBe('github-pages');
  const d = step(deploy, uses('actions/deploy-pages'));
  expect(d.step.id).toBe('deployment');
  expect(deploy.environment?.url).toBe('${{ steps.deployment.outputs.page_url }}');
}

describe('starter workflows', () => {
  it('check pull requests with annotations on the changed lines', () => {
    const w = workflow('starter/.github/workflows/check.yml');
    expect(Object.keys(w.on)).toEqual(['pull_request']);
    expect(w.permissions).toEqual({ contents: 'read' });
    const job = w.jobs.check!;
    expectNodeWithNpmCache(job);
    const check = step(job, runs(/cs-train check/));
    expect(check.step.run).toBe('npx cs-train check --format github');
    expect(check.index).toBeGreaterThan(step(job, runs(/^npm ci\b/)).index);
  });

  it('build with PDFs and deploy dist/ to GitHub Pages on push to main', () => {
    expectPublish(workflow('starter/.github/workflows/publish.yml'), /^npx cs-train build\b/);
  });
});

describe("this project's workflows", () => {
  it('check the sample curriculum with annotations and run the tests', () => {
    const w = workflow('.github/workflows/check.yml');
    expect(Object.keys(w.on)).toContain('pull_request');
    const check = w.jobs['check-curriculum']!;
    expectNodeWithNpmCache(check);
    expect(step(check, runs(/cs-train/)).step.run).toBe('node bin/cs-train.js check curricula --format github');
    const test = w.jobs.test!;
    expectNodeWithNpmCache(test);
    expect(step(test, runs(/apt-get install/)).step.run).toMatch(/\bchromium\b.*\bfonts-noto-cjk\b.*\bpoppler-utils\b/);
    step(test, runs(/^npm run typecheck$/));
    step(test, runs(/vitest run/));
  });

  it('publish the sample curriculum to GitHub Pages on push to main', () => {
    expectPublish(workflow('.github/workflows/publish.yml'), /^node bin\/cs-train\.js build curricula\b/);
  });
});
