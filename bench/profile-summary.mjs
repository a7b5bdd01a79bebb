// Summarises a V8 .cpuprofile (from `node --cpu-prof`): self time per function, per file and per
// package, plus total time under selected project functions. Usage: node bench/profile-summary.mjs FILE [TOP]
import { readFileSync } from 'node:fs';

const [file, topArg, callersOf] = process.argv.slice(2);
if (!file) {
  process.stderr.write('usage: node bench/profile-summary.mjs PROFILE.cpuprofile [TOP] [FUNCTION: time by caller]\n');
  process.exit(2);
}
const top = Number(topArg ?? 25);
const profile = JSON.parse(readFileSync(file, 'utf8'));
const nodes = new Map(profile.nodes.map((n) => [n.id, n]));
const parent = new Map();
for (const n of profile.nodes) for (const c of n.children ?? []) parent.set(c, n.id);

// Self time: each sample is attributed to its leaf node, weighted by the following time delta.
const self = new Map();
profile.samples.forEach((id, i) => self.set(id, (self.get(id) ?? 0) + (profile.timeDeltas[i + 1] ?? 0)));
const totalUs = [...self.values()].reduce((a, b) => a + b, 0);

const where = (n) => {
  const url = n.callFrame.url.replace(/^file:\/\//, '');
  const pkg = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(url)?.[1];
  const short = pkg ? `${pkg}:${url.split('/').pop()}` : url.replace(/^.*?\/(lib|src|bench)\//, '$1/') || '(native)';
  return { short, group: pkg ?? (url.includes('/lib/') ? 'cs-train ' + url.split('/lib/')[1].split('/')[0] : url ? 'node internals' : n.callFrame.functionName || '(vm)') };
};

const add = (map, key, us) => map.set(key, (map.get(key) ?? 0) + us);
const byFunction = new Map();
const byFile = new Map();
const byGroup = new Map();
for (const [id, us] of self) {
  const n = nodes.get(id);
  const w = where(n);
  add(byFunction, `${n.callFrame.functionName || '(anonymous)'}  ${w.short}:${n.callFrame.lineNumber + 1}`, us);
  add(byFile, w.short, us);
  add(byGroup, w.group, us);
}

// Inclusive time of named project functions (a frame counted once per sample even if recursive).
const inclusive = new Map();
const watch = /^(readSources|readSession|parseMarkdown|parseYamlSource|validate|buildModel|computeSchedules|renderAll|emitFiles|compileCurriculum|makeRuleContext|reportZodIssues|render|toHtml|.*Rules?|check\w+|collectAssets|main)$/;
profile.samples.forEach((id, i) => {
  const seen = new Set();
  for (let cur = id; cur !== undefined; cur = parent.get(cur)) {
    const n = nodes.get(cur);
    const name = n.callFrame.functionName;
    if (!watch.test(name)) continue;
    const key = `${name}  ${where(n).short}`;
    if (seen.has(key)) continue;
    seen.add(key);
    add(inclusive, key, profile.timeDeltas[i + 1] ?? 0);
  }
});

const print = (title, map, n) => {
  process.stdout.write(`\n${title}\n`);
  for (const [k, us] of [...map].sort((a, b) => b[1] - a[1]).slice(0, n)) {
    process.stdout.write(`${(us / 1000).toFixed(0).padStart(8)} ms ${((100 * us) / totalUs).toFixed(1).padStart(5)} %  ${k}\n`);
  }
};
process.stdout.write(`profile ${file}: ${(totalUs / 1e6).toFixed(2)} s sampled, ${profile.samples.length} samples\n`);
print('self time by package / area', byGroup, top);
print('self time by file', byFile, top);
print('self time by function', byFunction, top);
print('inclusive time of pipeline functions', inclusive, top);

if (callersOf) {
  // Time spent inside FUNCTION (inclusive), by the nearest caller outside it.
  const byCaller = new Map();
  profile.samples.forEach((id, i) => {
    let cur = id;
    while (cur !== undefined && nodes.get(cur).callFrame.functionName !== callersOf) cur = parent.get(cur);
    if (cur === undefined) return;
    let up = parent.get(cur);
    while (up !== undefined && nodes.get(up).callFrame.functionName === callersOf) up = parent.get(up);
    const n = up === undefined ? undefined : nodes.get(up);
    add(byCaller, n ? `${n.callFrame.functionName || '(anonymous)'}  ${where(n).short}:${n.callFrame.lineNumber + 1}` : '(root)', profile.timeDeltas[i + 1] ?? 0);
  });
  print(`time inside ${callersOf} by caller`, byCaller, top);
}
