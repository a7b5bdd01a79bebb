// Turns zod issues into catalog diagnostics at the exact YAML key or value they concern.
import { isMap } from 'yaml';
import type * as z from 'zod';
import type { RuleId } from '../diagnostics/catalog.js';
import type { Diagnostics } from '../diagnostics/diagnostics.js';
import { KNOWN_KEYS_MARK } from '../schema/common.js';
import { closest, didYouMean } from '../util/suggest.js';
import { locate, type YamlPath, type YamlSource } from './yaml-source.js';

/**
 * Whether the file would have no problem at `path` if the value there were wrapped in a one-entry
 * list: the value is a fine entry written without the list around it.
 */
export type FitsAsList = (path: YamlPath, value: unknown) => boolean;

/**
 * Report every issue of a failed parse; `what` names the file kind ("role", "session front matter").
 * With `fitsAsList`, a single value where a list of entries is required is shown the list to write
 * when that list would be right (a cohort date, yes; a day's title where a day needs its sessions, no).
 */
export function reportZodIssues(ys: YamlSource, issues: readonly z.core.$ZodIssue[], what: string, diagnostics: Diagnostics, fitsAsList?: FitsAsList): void {
  // A misspelt key is reported once, as an unknown key with a suggestion, not also as a missing key.
  const suggested = new Set<string>();
  for (const issue of issues) {
    if (issue.code !== 'unrecognized_keys') continue;
    const known = knownKeys(issue.message);
    for (const key of issue.keys) {
      const hit = keySuggestion(key, known);
      if (hit) suggested.add(JSON.stringify([...issue.path, hit.key]));
    }
  }
  for (const issue of issues) {
    const path = issue.path.filter((p): p is string | number => typeof p !== 'symbol');
    const label = path.length ? `"${pathLabel(path)}"` : what;
    if (issue.code === 'unrecognized_keys') {
      const known = knownKeys(issue.message);
      for (const key of issue.keys) {
        const where = path.length ? ` in ${label}` : ` in ${what}`;
        diagnostics.report(ys.src.path, 'unknown-key', `Unknown key "${key}"${where}.${keySuggestion(key, known)?.hint ?? ''}`, locate(ys, [...path, key], 'key'));
      }
      continue;
    }
    const params = (issue as { params?: { rule?: string; value?: string; choices?: string[] } }).params;
    if (issue.code === 'custom' && params?.rule) {
      const hint = params.value && params.choices ? didYouMean(params.value, params.choices) : '';
      diagnostics.report(ys.src.path, params.rule as RuleId, `${label}: ${issue.message}${hint}`, locate(ys, path));
      continue;
    }
    if ((issue.code === 'invalid_type' || issue.code === 'invalid_union' || issue.code === 'invalid_value') && !exists(ys.data, path)) {
      if (suggested.has(JSON.stringify(path))) continue;
      const key = path[path.length - 1];
      const parent = path.slice(0, -1);
      const inWhat = parent.length ? `"${pathLabel(parent)}"` : what;
      if (typeof key === 'number') {
        diagnostics.report(ys.src.path, 'missing-key', `Entry ${key + 1} of ${inWhat} is empty; write its value after the "-", or remove the line.`, locate(ys, path));
      } else if (hasKey(ys.data, path)) {
        diagnostics.report(ys.src.path, 'missing-key', `Key "${String(key)}" in ${inWhat} has no value; write one after the colon.`, locate(ys, path, 'key'));
      } else {
        diagnostics.report(ys.src.path, 'missing-key', `Missing required key "${String(key)}" in ${inWhat}.`, locate(ys, parent));
      }
      continue;
    }
    if (issue.code === 'invalid_type') {
      const got = valueAt(ys.data, path);
      // "3天", "50分", "2 days": a number written with its unit, the usual slip.
      const withUnit = issue.expected === 'number' && typeof got === 'string' ? /^\s*(\d+(?:\.\d+)?)\s*[^\d\s.]/.exec(got) : null;
      // A list of entries (cohorts, days, questions) given one entry without the list around it.
      // (Lists of simple values take a single value as it is; only lists of entries get here with one.)
      // Only when that entry would be a good one: `days: 组长篇` is not a day, so ["组长篇"] is no fix.
      const single = issue.expected === 'array' && got !== null && got !== undefined && !Array.isArray(got) && fitsAsList?.(path, got) === true;
      const fix = withUnit
        ? ` Write the number alone, without a unit: ${withUnit[1]}.`
        : single && typeof got === 'object'
          ? flowMap(ys, path)
            ? ' Write it as a list, even with one entry: put [ ] around the { }.'
            : ' Write it as a list, even with one entry: put "- " before its first key and indent its other keys to line up with that key.'
          : single
            ? ` Write it as a list, even with one entry: [${JSON.stringify(got)}], or the entry on a line of its own after "- ".`
            : '';
      diagnostics.report(ys.src.path, 'wrong-type', `${label} should be ${article(issue.expected)}, not ${describe(got)}.${fix}`, locate(ys, path));
      continue;
    }
    if (issue.code === 'invalid_value') {
      const got = valueAt(ys.data, path);
      const choices = issue.values.map(String);
      const hint = typeof got === 'string' ? didYouMean(got, choices) : '';
      const allowed = choices.length === 1 ? choices[0] : `one of ${choices.join(', ')}`;
      diagnostics.report(ys.src.path, 'invalid-value', `${label} must be ${allowed}; got ${JSON.stringify(got)}.${hint}`, locate(ys, path));
      continue;
    }
    if (issue.code === 'invalid_union') {
      diagnostics.report(ys.src.path, 'wrong-type', `${label} has the wrong form: ${describe(valueAt(ys.data, path))} is not accepted here.`, locate(ys, path));
      continue;
    }
    if (issue.code === 'invalid_key') {
      // A key of a map written by id (`competencies`, `trainers`) that is no id: say so at the key,
      // with the id's own message, instead of zod's "Invalid key in record" at its value.
      const parent = path.slice(0, -1);
      const inner = issue.issues[0]?.message;
      const message = inner ? `${parent.length ? `"${pathLabel(parent)}"` : what}: ${inner}` : `${label}: ${issue.message}`;
      diagnostics.report(ys.src.path, 'invalid-id', message, locate(ys, path, 'key'));
      continue;
    }
    const rule: RuleId = 'invalid-value';
    diagnostics.report(ys.src.path, rule, `${label}: ${boundMessage(issue, valueAt(ys.data, path)) ?? issue.message}`, locate(ys, path));
  }
}

/** Whether the value at `path` is a map written on one line in braces (`{ name: …, start: … }`). */
function flowMap(ys: YamlSource, path: YamlPath): boolean {
  const node = ys.doc.getIn(path, true);
  return isMap(node) && node.flow === true;
}

/** Chinese names a training lead may give a key (simplified and traditional), by the key they mean. */
const CHINESE_KEYS: Record<string, string[]> = {
  title: ['标题', '標題', '名称', '名稱', '题目名称'],
  name: ['姓名', '名字', '名称', '名稱'],
  summary: ['简介', '簡介', '概述', '摘要', '说明', '說明'],
  duration: ['时长', '時長', '时间', '時間', '课时', '課時'],
  methods: ['方式', '方法', '培训方式', '培訓方式', '教学方法', '教學方法'],
  trainer: ['讲师', '講師', '培训师', '培訓師', '老师', '老師'],
  location: ['地点', '地點', '场地', '場地', '教室'],
  objectives: ['目标', '目標', '学习目标', '學習目標', '培训目标', '培訓目標'],
  materials: ['材料', '教材', '资料', '資料', '教材与资料', '教材與資料'],
  competencies: ['能力', '能力项', '能力項', '能力要求'],
  responsibilities: ['职责', '職責', '岗位职责', '崗位職責'],
  reportsTo: ['上级', '上級', '汇报对象', '匯報對象'],
  sessions: ['课程', '課程'],
  roles: ['岗位', '崗位', '培训对象', '培訓對象'],
  cohorts: ['批次', '开班批次', '開班批次'],
  days: ['日程', '天', '天数', '天數'],
  start: ['开始', '開始', '开始时间', '開始時間', '开始日期', '開始日期'],
  end: ['结束', '結束', '结束时间', '結束時間'],
  breaks: ['休息', '课间休息', '課間休息'],
  holidays: ['节假日', '節假日', '假期'],
  workdays: ['工作日'],
  extraWorkdays: ['调休', '調休', '调休上班', '調休上班', '补班', '補班', '补班日', '補班日'],
  lead: ['负责人', '負責人', '带教', '帶教'],
  kind: ['类型', '類型', '考核类型', '考核類型'],
  type: ['题型', '題型'],
  questions: ['题目', '題目', '试题', '試題'],
  prompt: ['题干', '題幹', '问题', '問題'],
  options: ['选项', '選項'],
  answer: ['答案', '正确答案', '正確答案'],
  points: ['分值', '分数', '分數', '配分'],
  passMark: ['及格线', '及格線', '及格分', '及格分数', '及格分數'],
  totalPoints: ['总分', '總分', '满分', '滿分'],
  instructions: ['考试须知', '考試須知', '须知', '須知'],
  explanation: ['解析', '解释', '解釋'],
  rubric: ['评分标准', '評分標準'],
  criterion: ['评分项', '評分項'],
  description: ['描述'],
};

/** The keys an unrecognized-keys issue says the object takes (none when the schema did not list them). */
function knownKeys(message: string): string[] {
  return message.startsWith(KNOWN_KEYS_MARK) ? message.slice(KNOWN_KEYS_MARK.length).split(',') : [];
}

/**
 * The known key an unknown `key` most likely stands for, and the words that say so: a near spelling
 * (" Did you mean …?"), else the English key a Chinese key name stands for.
 */
function keySuggestion(key: string, known: readonly string[]): { key: string; hint: string } | undefined {
  const near = closest(key, known);
  if (near !== undefined) return { key: near, hint: didYouMean(key, known) };
  const name = key.trim();
  const english = Object.entries(CHINESE_KEYS).find(([english, names]) => names.includes(name) && known.includes(english))?.[0];
  return english === undefined ? undefined : { key: english, hint: ` Keys are written in English: did you mean "${english}"?` };
}

/**
 * A bound the value passes over, in words, for zod's own "Too small: expected number to be >0"; a
 * message the schema wrote itself is kept.
 */
function boundMessage(issue: { code: string; message: string }, value: unknown): string | undefined {
  if (issue.code !== 'too_small' && issue.code !== 'too_big') return undefined;
  if (!/^Too (small|big)/.test(issue.message)) return undefined;
  const { minimum, maximum, inclusive, origin } = issue as { minimum?: number | bigint; maximum?: number | bigint; inclusive?: boolean; origin?: string };
  const small = issue.code === 'too_small';
  const bound = String(small ? minimum : maximum);
  const got = typeof value === 'number' || typeof value === 'string' ? ` (it is ${JSON.stringify(value)})` : '';
  if (origin === 'array' || origin === 'set') return `needs ${small ? 'at least' : 'at most'} ${bound} ${bound === '1' ? 'entry' : 'entries'}.`;
  if (origin === 'string') return `needs ${small ? 'at least' : 'at most'} ${bound} ${bound === '1' ? 'character' : 'characters'}.`;
  const relation = small ? (inclusive ? 'at least' : 'greater than') : inclusive ? 'at most' : 'less than';
  return `must be ${relation} ${bound}${got}.`;
}

/**
 * A path into a file as a training lead counts: keys joined by dots, list entries numbered from 1
 * (`days[2].sessions[1]` is the first session of the second day), as "Day 2" and "Question 4" are.
 */
export function pathLabel(path: YamlPath): string {
  return path.map((p, i) => (typeof p === 'number' ? `[${p + 1}]` : i === 0 ? p : `.${p}`)).join('');
}

function valueAt(data: unknown, path: YamlPath): unknown {
  let v: unknown = data;
  for (const p of path) {
    if (v === null || typeof v !== 'object') return undefined;
    v = (v as Record<string | number, unknown>)[p];
  }
  return v;
}

function exists(data: unknown, path: YamlPath): boolean {
  if (path.length === 0) return data !== undefined && data !== null;
  const parent = valueAt(data, path.slice(0, -1));
  return parent !== null && typeof parent === 'object' && Object.prototype.hasOwnProperty.call(parent, path[path.length - 1]!) &&
    (parent as Record<string | number, unknown>)[path[path.length - 1]!] !== null;
}

function hasKey(data: unknown, path: YamlPath): boolean {
  const parent = valueAt(data, path.slice(0, -1));
  return parent !== null && typeof parent === 'object' && Object.prototype.hasOwnProperty.call(parent, path[path.length - 1]!);
}

function article(expected: string): string {
  const names: Record<string, string> = { string: 'a text', number: 'a number', boolean: 'true or false', array: 'a list', object: 'a map of keys', record: 'a map written by id (`id: …` on each line)' };
  return names[expected] ?? expected;
}

function describe(value: unknown): string {
  if (value === null || value === undefined) return 'empty';
  if (Array.isArray(value)) return 'a list';
  if (typeof value === 'object') return 'a map';
  if (typeof value === 'string') return `the text ${JSON.stringify(value.length > 40 ? value.slice(0, 40) + '…' : value)}`;
  return `${typeof value} ${String(value)}`;
}
