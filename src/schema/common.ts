// Value types shared by every source kind: ids, durations, clock times, calendar dates, methods, and
// the strict-object helper that lets unknown keys be reported with "did you mean".
import * as z from 'zod';

/** Lowercase kebab-case, as format.md defines ids. */
export const ID_PATTERN = /^[a-z0-9]+(-[a-z0-9]+)*$/;

/** Marker that strict objects put in their unknown-key message so the mapper can suggest keys. */
export const KNOWN_KEYS_MARK = 'known-keys:';

/** An object schema that rejects unknown keys (except `extra`, which is never checked). */
export function strict<T extends z.ZodRawShape>(shape: T) {
  const full = { ...shape, extra: z.unknown().optional() };
  return z.strictObject(full, {
    error: (issue) => (issue.code === 'unrecognized_keys' ? `${KNOWN_KEYS_MARK}${Object.keys(full).join(',')}` : undefined),
  });
}

/** Refinement options: a catalog rule id and a message built from the rejected value. */
export function ruled(rule: string, message: (value: string) => string) {
  return { error: (issue: { input?: unknown }) => message(String(issue.input)), params: { rule } };
}

/** A kebab-case id. */
export const idSchema = z.string().refine((s) => ID_PATTERN.test(s), ruled('invalid-id', (s) => `"${s}" is not a valid id.`));

/** An id as an item of a list (`roles`, `competencies`, a module's `sessions`): several ids typed into one item are named as such. */
export const idItemSchema = z.string().refine(
  (s) => ID_PATTERN.test(s),
  ruled('invalid-id', (s) => {
    const parts = itemsInOne(s, (part) => ID_PATTERN.test(part));
    return parts ? `"${s}" is not a valid id: ${severalInOne(parts, 'ids')}` : `"${s}" is not a valid id.`;
  }),
);

/**
 * The items of a list typed into one item, separated by a Chinese comma or another separator
 * ("agent，team-lead", "讲授、角色扮演"), when there are several and each is a good item; else undefined.
 */
export function itemsInOne(value: string, isItem: (part: string) => boolean): string[] | undefined {
  const parts = value.split(/\s*[，、,；;]\s*/).filter((part) => part !== '');
  return parts.length > 1 && parts.every(isItem) ? parts : undefined;
}

/** What to say of `parts` typed into one item. */
function severalInOne(parts: readonly string[], what: string): string {
  return `these are ${parts.length} ${what} in one item; separate them with ASCII commas: [${parts.join(', ')}].`;
}

/** Duration in minutes: a whole number, or "90m", "1h", "1h30m". */
export const durationSchema = z.union([z.number(), z.string()]).transform((value, ctx) => {
  const minutes = parseDuration(value);
  if (minutes === undefined) {
    const fix = durationSuggestion(value);
    const message = fix === undefined ? `Invalid duration ${JSON.stringify(value)}.` : `Invalid duration ${JSON.stringify(value)}; write ${JSON.stringify(fix)}.`;
    ctx.issues.push({ code: 'custom', input: value, message, params: { rule: 'invalid-duration' } });
    return z.NEVER;
  }
  if (minutes > MAX_DURATION_MINUTES) {
    ctx.issues.push({ code: 'custom', input: value, message: `Duration ${JSON.stringify(value)} is ${minutes} minutes, longer than a day (${MAX_DURATION_MINUTES}).`, params: { rule: 'invalid-duration' } });
    return z.NEVER;
  }
  return minutes;
});

/** Longest duration of one item: a whole day, so that a typo cannot schedule a session for years. */
export const MAX_DURATION_MINUTES = 24 * 60;

/** Parse a duration to whole minutes; undefined when it is not one of the accepted forms or not positive. */
export function parseDuration(value: number | string): number | undefined {
  if (typeof value === 'number') return Number.isInteger(value) && value > 0 ? value : undefined;
  const s = value.trim();
  if (/^\d+$/.test(s)) return parseDuration(Number(s));
  const m = /^(?:(\d+)h)?(?:(\d+)m(?:in)?)?$/.exec(s);
  if (!m || (m[1] === undefined && m[2] === undefined)) return undefined;
  const total = Number(m[1] ?? 0) * 60 + Number(m[2] ?? 0);
  return total > 0 ? total : undefined;
}

/**
 * The accepted spelling of a duration written the way people say it ("45分钟", "1.5h", "1小时30分",
 * "2 hours"), for the message that rejects it; undefined when it does not read as one.
 */
export function durationSuggestion(value: number | string): string | undefined {
  // A number is minutes; one with a fraction (0.5, 1.5) was meant as hours.
  if (typeof value === 'number') return Number.isInteger(value) ? undefined : durationSuggestion(`${value}h`);
  const s = value
    .toLowerCase()
    .replace(/\s+/g, '')
    // "半小时", "一个半小时", "两小时": Chinese numbers of hours.
    .replace(/^([一二两兩三四五六七八九十]|\d+)(个|個)?半(个|個)?(小时|小時|钟头|鐘頭)$/, (_w, n: string) => `${CHINESE_DIGITS[n] ?? n}.5h`)
    .replace(/^半(个|個)?(小时|小時|钟头|鐘頭)$/, '30m')
    .replace(/^([一二两兩三四五六七八九十])(?=(个|個)?(小时|小時|钟头|鐘頭))/, (n: string) => String(CHINESE_DIGITS[n]))
    .replace(/个?小时|個?小時|钟头|鐘頭|hours?|hrs?/g, 'h')
    .replace(/分钟|分鐘|分|minutes?|mins?/g, 'm');
  const m = /^(?:(\d+(?:\.\d+)?)h)?(?:(\d+)m?)?$/.exec(s);
  if (!m || (m[1] === undefined && m[2] === undefined)) return undefined;
  const hourMinutes = Number(m[1] ?? 0) * 60;
  if (!Number.isInteger(hourMinutes)) return undefined;
  const total = hourMinutes + Number(m[2] ?? 0);
  if (total <= 0 || total > MAX_DURATION_MINUTES) return undefined;
  if (m[1] === undefined || total < 60) return `${total}m`;
  return total % 60 === 0 ? `${total / 60}h` : `${Math.floor(total / 60)}h${total % 60}m`;
}

/** The Chinese numbers a duration or a time of day is said with. */
const CHINESE_DIGITS: Record<string, number> = { 一: 1, 二: 2, 两: 2, 兩: 2, 三: 3, 四: 4, 五: 5, 六: 6, 七: 7, 八: 8, 九: 9, 十: 10 };

/** "HH:MM" on the 24-hour clock, as minutes after midnight. */
export const timeSchema = z.string().transform((value, ctx) => {
  const minutes = parseTime(value);
  if (minutes === undefined) {
    const fix = timeSuggestion(value);
    const message = fix === undefined ? `Invalid time "${value}".` : `Invalid time "${value}"; write "${fix}".`;
    ctx.issues.push({ code: 'custom', input: value, message, params: { rule: 'invalid-time' } });
    return z.NEVER;
  }
  return minutes;
});

/** Minutes after midnight of "HH:MM", or undefined. */
export function parseTime(value: string): number | undefined {
  const m = /^(\d{1,2}):(\d{2})$/.exec(value.trim());
  if (!m) return undefined;
  const h = Number(m[1]);
  const min = Number(m[2]);
  if (h > 23 || min > 59) return h === 24 && min === 0 ? 1440 : undefined;
  return h * 60 + min;
}

/**
 * A time typed on a Chinese keyboard or said aloud ("13：30" with a full-width colon, full-width
 * digits, "9点30", "9点半", "14时") as "HH:MM", for the message that rejects it; undefined when it
 * does not read as a time of day, or only as an hour before 7 said aloud (which may be afternoon).
 */
export function timeSuggestion(value: string): string | undefined {
  let s = value
    .replace(/[０-９]/g, (d) => String.fromCharCode(d.charCodeAt(0) - 0xfee0))
    .replace(/\s+/g, '')
    .replace(/[：﹕]/g, ':')
    .replace(/半$/, '30');
  // The part of the day, said before the time ("下午1点半") or written after it ("2:30pm").
  const period = /^(上午|早上|早晨|中午|下午|傍晚|晚上)/.exec(s)?.[1] ?? /(am|pm|a\.m\.|p\.m\.)$/i.exec(s)?.[1]?.toLowerCase().replace(/\./g, '');
  if (period) s = s.replace(/^(上午|早上|早晨|中午|下午|傍晚|晚上)/, '').replace(/(am|pm|a\.m\.|p\.m\.)$/i, '');
  const m = /^(\d{1,2})(:|点|點|时|時)?(\d{2})?分?$/.exec(s);
  if (!m || (m[2] === ':' && m[3] === undefined) || (m[2] === undefined && (m[3] !== undefined || !period))) return undefined;
  let hour = Number(m[1]);
  if (!period) {
    // "2点" said aloud may mean two in the afternoon: spoken hours before 7 get no suggestion.
    if (m[2] !== ':' && hour < 7) return undefined;
  } else if (period === 'pm' || period === '下午' || period === '傍晚' || period === '晚上') {
    if (hour < 12) hour += 12;
  } else if (period === '中午') {
    if (hour < 3) hour += 12;
  } else if (hour === 12) {
    hour = 0;
  }
  const hhmm = `${String(hour).padStart(2, '0')}:${m[3] ?? '00'}`;
  return parseTime(hhmm) !== undefined && hhmm !== value ? hhmm : undefined;
}

/** "YYYY-MM-DD", a real calendar date. */
export const dateSchema = z.string().refine(
  isCalendarDate,
  ruled('invalid-date', (s) => {
    const fix = dateSuggestion(s);
    return fix === undefined ? `Invalid date "${s}".` : `Invalid date "${s}"; write "${fix}".`;
  }),
);

/**
 * "2027/4/5", "2027.04.05", "2027-4-5" or "2027年4月5日" as "2027-04-05", for the message that
 * rejects it; undefined when it is not year, month and day of a day that exists.
 */
export function dateSuggestion(s: string): string | undefined {
  const m = /^\s*(\d{4})\s*(?:[-/.]|年)\s*(\d{1,2})\s*(?:[-/.]|月)\s*(\d{1,2})\s*日?\s*$/.exec(s);
  if (!m) return undefined;
  const date = `${m[1]}-${m[2]!.padStart(2, '0')}-${m[3]!.padStart(2, '0')}`;
  return isCalendarDate(date) && date !== s ? date : undefined;
}

/** Whether a string is YYYY-MM-DD naming a day that exists. */
export function isCalendarDate(s: string): boolean {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(s);
  if (!m) return false;
  const d = new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])));
  return d.getUTCFullYear() === Number(m[1]) && d.getUTCMonth() === Number(m[2]) - 1 && d.getUTCDate() === Number(m[3]);
}

/** Teaching methods, English ids. */
export const METHODS = [
  'lecture', 'discussion', 'case-study', 'role-play', 'simulation', 'practice', 'demo', 'game', 'self-study', 'exam', 'mentoring',
] as const;
/** A teaching method id. */
export type Method = (typeof METHODS)[number];

/** Chinese (simplified and traditional) aliases of the method ids. */
export const METHOD_ALIASES: Record<string, Method> = {
  讲授: 'lecture', 講授: 'lecture', 小组讨论: 'discussion', 小組討論: 'discussion', 讨论: 'discussion', 討論: 'discussion',
  案例分析: 'case-study', 角色扮演: 'role-play', 情景模拟: 'simulation', 情景模擬: 'simulation', 情境模擬: 'simulation',
  实操: 'practice', 實操: 'practice', 演示: 'demo', 游戏: 'game', 遊戲: 'game', 自学: 'self-study', 自學: 'self-study',
  考试: 'exam', 考試: 'exam', 带教: 'mentoring', 帶教: 'mentoring',
};

/** The method id of an id or a Chinese alias, or undefined. */
function methodId(v: string): Method | undefined {
  return (METHODS as readonly string[]).includes(v) ? (v as Method) : METHOD_ALIASES[v];
}

/** A method id or alias, normalised to the id. */
export const methodSchema = z.string().transform((value, ctx) => {
  const v = value.trim();
  const id = methodId(v);
  if (!id) {
    // Several methods in one item: "讲授、角色扮演" or "lecture，role-play", typed with a Chinese comma.
    const parts = itemsInOne(v, (part) => methodId(part) !== undefined);
    ctx.issues.push({
      code: 'custom',
      input: value,
      message: parts ? `Unknown method "${value}": ${severalInOne(parts, 'methods')}` : `Unknown method "${value}"; use one of ${METHODS.join(', ')} (or their Chinese names).`,
      params: parts ? { rule: 'invalid-value' } : { rule: 'invalid-value', value: v, choices: [...METHODS, ...Object.keys(METHOD_ALIASES)] },
    });
    return z.NEVER;
  }
  return id;
});

/** A list given as a YAML sequence; a single scalar is accepted as a one-item list. */
export function listOf<T extends z.ZodType>(item: T) {
  return z.preprocess((v) => (typeof v === 'string' || typeof v === 'number' ? [v] : v), z.array(item));
}

/** A map written by id (competencies, trainers) whose `extra:` key, as in every map, is never read or checked. */
export function idRecord<T extends z.ZodType>(value: T) {
  const record = z.record(idSchema, value);
  const schema = z.preprocess(withoutExtra, record);
  idRecords.set(schema, record);
  return schema;
}

/** Each id record's plain record, for JSON Schema generation (which adds the `extra` key back). */
export const idRecords = new WeakMap<z.ZodType, z.ZodType>();

function withoutExtra(value: unknown): unknown {
  if (value === null || typeof value !== 'object' || Array.isArray(value) || !Object.hasOwn(value, 'extra')) return value;
  const { extra: _ignored, ...rest } = value as Record<string, unknown>;
  return rest;
}

/** A non-empty, trimmed text value. */
export const textSchema = z.string().trim().min(1, { message: 'Must not be empty.' });

/**
 * A union of object schemas told apart by which key an object has (first match wins), so that
 * problems are reported against the one branch the author meant instead of as "invalid union".
 */
export function keyedUnion<T extends z.ZodType>(
  cases: ReadonlyArray<readonly [key: string, schema: T]>,
  what: string,
  scalar?: T,
) {
  const union = z.unknown().transform((value, ctx): z.output<T> => {
    const keys = cases.map(([k]) => k);
    const isObject = value !== null && typeof value === 'object' && !Array.isArray(value);
    const chosen = !isObject && scalar ? scalar : isObject ? cases.find(([key]) => key in (value as object))?.[1] : undefined;
    if (!isObject && !scalar) {
      ctx.issues.push({ code: 'custom', input: value, message: `Expected ${what}.`, params: { rule: 'wrong-type' } });
      return z.NEVER;
    }
    if (!chosen) {
      ctx.issues.push({
        code: 'custom',
        input: value,
        message: `Expected ${what}: an object with one of the keys ${keys.map((k) => `"${k}"`).join(', ')}.`,
        params: { rule: 'missing-key' },
      });
      return z.NEVER;
    }
    const result = chosen.safeParse(value);
    if (!result.success) {
      for (const issue of result.error.issues) ctx.issues.push({ ...issue, input: value } as never);
      return z.NEVER;
    }
    return result.data as z.output<T>;
  });
  const variants = [...(scalar ? [scalar] : []), ...new Set(cases.map(([, schema]) => schema))];
  editorShapes.set(union, z.union(variants as unknown as [z.ZodType, ...z.ZodType[]]));
  return union;
}

/**
 * The plain union each keyed union stands for, for JSON Schema generation: a keyed union is an
 * `unknown → transform` whose cases zod cannot see, so editors get this shape instead.
 */
export const editorShapes = new WeakMap<z.ZodType, z.ZodType>();
