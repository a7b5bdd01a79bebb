// Writes a synthetic v1 curriculum of N sessions: modules of 10–20 sessions, programmes of 20 full
// days (09:00–17:30, 405 teaching minutes between the breaks), two cohorts each, one pair of trainers
// per programme so that nobody is booked twice, and a few assessments. Seeded: same N, same files.
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { GIVEN, LOCATIONS, METHODS, SURNAMES, TITLES, TOPICS, makeRandom, objectives, sessionBody } from './text-bank.mjs';

const COMPETENCIES = {
  'service-mindset': '服务意识与职业素养', communication: '沟通技巧', 'product-knowledge': '公司、产品与业务知识',
  'systems-tools': '客服系统与工具应用', 'complaint-handling': '投诉处理与客户类型应对', 'service-quality': '服务质量与客户满意度',
  teamwork: '团队协作与职业发展', 'stress-management': '情绪与压力管理', 'team-coaching': '排班、辅导与团队激励',
  'performance-management': '质量与绩效管理', 'cross-department': '跨部门协作与服务改进', 'crisis-communication': '危机预防与危机沟通',
};
const ROLES = [['agent', '客服专员'], ['senior-agent', '资深客服专员'], ['team-lead', '客服组长'], ['supervisor', '客服主管'], ['quality-inspector', '质检专员'], ['manager', '客服经理']];
// Each part of the day between breaks, filled exactly with 45- and 90-minute sessions.
// At most seven sessions a day, so that a day's agenda fits one slide.
const MORNING = [[90, 90], [45, 45, 90], [90, 45, 45]];
const EARLY_AFTERNOON = [[90], [45, 45]];
const LATE_AFTERNOON = [[90, 45], [45, 90]];
const DAYS_PER_PROGRAM = 20;
const COHORTS = ['2027-01-04', '2027-03-15'];

const yamlList = (items) => `[${items.join(', ')}]`;
const pad = (n, w) => String(n).padStart(w, '0');

/** Generate the curriculum into `root/curricula`; returns its path and the path of one session file. */
export function generateCurriculum(root, sessions, seed = 20270301) {
  const r = makeRandom(seed + sessions);
  const src = join(root, 'curricula');
  rmSync(root, { recursive: true, force: true });
  const programs = planPrograms(r, sessions);
  const modules = planModules(r, sessions);
  const trainers = {};
  const files = new Map();
  const put = (path, text) => files.set(path, text);
  let s = 0;
  for (const program of programs) {
    for (const [d, day] of program.days.entries()) {
      const trainer = `trainer-${pad(program.index * 2 + (d % 2) + 1, 3)}`;
      trainers[trainer] ??= `{ name: ${r.pick(SURNAMES)}${r.pick(GIVEN)}, title: ${r.pick(TITLES)} }`;
      day.refs = day.slots.map((slot) => {
        if (slot.assessment) return `{ assessment: ${slot.assessment} }`;
        const session = modules.sessions[s++];
        session.minutes = slot.minutes;
        session.trainer = trainer;
        program.competencies.push(...session.competencies);
        return session.id;
      });
    }
  }
  for (const session of modules.sessions) put(session.path, sessionFile(r, session));
  for (const mod of modules.list) {
    put(`modules/${mod.id}/module.yaml`, `title: ${mod.title}\nsummary: ${mod.title}模块的课程安排。\nsessions:\n${mod.slugs.map((x) => `  - ${x}`).join('\n')}\n`);
  }
  for (const program of programs) put(`programs/${program.id}.yaml`, programFile(program));
  for (const [i, [id, title]] of ROLES.entries()) put(`roles/${id}.yaml`, roleFile(programs, id, title, ROLES[i - 1]?.[0]));
  for (const program of programs) if (program.assessment) put(`assessments/${program.assessment}.yaml`, assessmentFile(r, program));
  put('curriculum.yaml', curriculumFile(trainers));
  for (const [path, text] of files) {
    mkdirSync(join(src, path, '..'), { recursive: true });
    writeFileSync(join(src, path), text);
  }
  return { sourceDir: src, editable: join(src, modules.sessions[Math.floor(sessions / 2)].path) };
}

function planPrograms(r, total) {
  const programs = [];
  let placed = 0;
  while (placed < total) {
    const index = programs.length;
    const program = { index, id: `program-${pad(index + 1, 3)}`, days: [], competencies: [], roles: programRoles(index) };
    program.assessment = index % 8 === 3 ? `assessment-${pad(index + 1, 3)}` : undefined;
    for (let d = 0; d < DAYS_PER_PROGRAM && placed < total; d++) {
      const last = d === DAYS_PER_PROGRAM - 1 && program.assessment;
      const minutes = [...r.pick(MORNING), ...r.pick(EARLY_AFTERNOON), ...(last ? [90, 45] : r.pick(LATE_AFTERNOON))];
      const slots = [];
      for (const m of minutes) {
        if (placed >= total) break;
        slots.push({ minutes: m });
        placed++;
      }
      if (last && slots.length === minutes.length) {
        slots[slots.length - 1] = { assessment: program.assessment };
        placed--;
      }
      program.days.push({ title: `第${d + 1}天`, location: r.pick(LOCATIONS), slots });
    }
    if (program.assessment && !program.days.some((d) => d.slots.some((x) => x.assessment))) program.assessment = undefined;
    programs.push(program);
  }
  return programs;
}

/** Two roles per programme, so that three programmes already reach every role. */
function programRoles(index) {
  return [ROLES[(2 * index) % ROLES.length][0], ROLES[(2 * index + 1) % ROLES.length][0]];
}

function planModules(r, total) {
  const list = [];
  const sessions = [];
  while (sessions.length < total) {
    const [topic, title] = TOPICS[list.length % TOPICS.length];
    const mod = { id: `${topic}-${pad(list.length + 1, 3)}`, title: `${title}（${list.length + 1}）`, slugs: [] };
    const size = Math.min(r.int(10, 20), total - sessions.length);
    for (let j = 1; j <= size; j++) {
      const [slugTopic, slugTitle] = r.pick(TOPICS);
      const slug = `${slugTopic}-${pad(j, 2)}`;
      mod.slugs.push(slug);
      sessions.push({
        id: `${mod.id}/${slug}`,
        path: `modules/${mod.id}/${pad(j, 2)}-${slug}.md`,
        title: `${slugTitle}·第${j}讲`,
        competencies: r.some(Object.keys(COMPETENCIES), 1, 2),
      });
    }
    list.push(mod);
  }
  return { list, sessions };
}

function sessionFile(r, s) {
  const duration = s.minutes === 90 ? r.pick(['90m', '1h30m', '90']) : r.pick(['45m', '45']);
  return [
    '---',
    `title: ${s.title}`,
    `duration: ${duration}`,
    `methods: ${yamlList(r.some(METHODS, 1, 3))}`,
    `trainer: ${s.trainer}`,
    `location: ${r.pick(LOCATIONS)}`,
    'objectives:',
    ...objectives(r).map((o) => `  - ${o}`),
    `materials: [《${s.title}》讲义, 案例卡片]`,
    `competencies: ${yamlList(s.competencies)}`,
    '---',
    '',
    sessionBody(r),
  ].join('\n');
}

function programFile(p) {
  const lines = [`title: 培训计划 ${p.index + 1}`, `summary: 第 ${p.index + 1} 期培训计划，共 ${p.days.length} 天。`, `roles: ${yamlList(p.roles)}`, 'cohorts:'];
  COHORTS.forEach((start, i) => lines.push(`  - { name: 第${i + 1}批, start: "${start}" }`));
  lines.push('days:');
  for (const day of p.days) {
    lines.push(`  - title: ${day.title}`, `    location: ${day.location}`, '    sessions:', ...day.refs.map((x) => `      - ${x}`));
  }
  if (p.index % 3 === 1) lines.push('  - block: 岗位实践', '    days: 2', '    location: 客服部', `    lead: trainer-${pad(p.index * 2 + 1, 3)}`);
  return lines.join('\n') + '\n';
}

function roleFile(programs, id, title, boss) {
  const taught = new Set(programs.filter((p) => p.roles.includes(id)).flatMap((p) => p.competencies));
  const competencies = [...taught].sort().slice(0, 8);
  const lines = [`title: ${title}`, `summary: ${title}岗位的培训要求。`, 'responsibilities: [接听来电并记录问题, 回访客户]'];
  if (competencies.length) lines.push(`competencies: ${yamlList(competencies)}`);
  if (boss) lines.push(`reportsTo: ${boss}`);
  return lines.join('\n') + '\n';
}

function assessmentFile(r, p) {
  const competencies = [...new Set(p.competencies)].sort().slice(0, 3);
  const lines = [`title: 培训计划 ${p.index + 1} 结业考核`, 'kind: exam', 'duration: 45m', 'passMark: 80', `competencies: ${yamlList(competencies)}`, 'questions:'];
  for (let i = 0; i < 10; i++) {
    const type = ['single', 'multiple', 'true-false', 'short'][i % 4];
    lines.push(`  - prompt: 第${i + 1}题：处理客户投诉时，下列做法哪项正确？`, `    type: ${type}`);
    if (type === 'single' || type === 'multiple') lines.push('    options: [先解释原因, 用心聆听, 提出补偿, 结束通话]');
    const answer = { single: String(r.int(1, 4)), multiple: '[1, 2]', 'true-false': 'true', short: '先处理情绪，再处理问题' }[type];
    lines.push(`    answer: ${answer}`, '    points: 10');
  }
  return lines.join('\n') + '\n';
}

function curriculumFile(trainers) {
  return [
    'title: 客服部各岗位培训大纲（基准测试）',
    'organization: 示例公司客服部',
    'locale: zh-CN',
    'timezone: Asia/Shanghai',
    'day:',
    '  start: "09:00"',
    '  end: "17:30"',
    '  breaks:',
    '    - { start: "12:00", end: "13:30", title: 午休 }',
    '    - { start: "15:00", end: "15:15", title: 茶歇 }',
    'calendar:',
    '  workdays: [mon, tue, wed, thu, fri]',
    '  holidays: ["2027-01-01", "2027-02-05", "2027-02-08", "2027-02-09", "2027-02-10", "2027-02-11", "2027-04-05"]',
    'competencies:',
    ...Object.entries(COMPETENCIES).map(([id, title]) => `  ${id}: ${title}`),
    'trainers:',
    ...Object.entries(trainers).map(([id, t]) => `  ${id}: ${t}`),
    'policy:',
    '  minHoursPerYear: 24',
    '',
  ].join('\n');
}
