// One catalog of every diagnostic cs-train can report: stable rule ids, default severity and a hint
// that says what to do. Messages themselves are built at the call site from facts of the problem.

export type Severity = 'error' | 'warning';

export interface RuleInfo {
  severity: Severity;
  /** What to do about it, shown under the message in the text reporter. */
  hint: string;
}

export const catalog = {
  'file-encoding': { severity: 'error', hint: 'Save the file as UTF-8 (with or without BOM).' },
  'file-unreadable': { severity: 'error', hint: 'Check the file exists and is readable.' },
  'file-too-large': { severity: 'error', hint: 'Split the content into several smaller files.' },
  'source-changed': { severity: 'error', hint: 'Build again once the file is saved: it was edited while the build was running.' },
  'yaml-syntax': { severity: 'error', hint: 'Fix the YAML syntax; indentation and quoting are the usual causes.' },
  'yaml-duplicate-key': { severity: 'error', hint: 'Remove or rename one of the two keys: only one value can be kept.' },
  'yaml-aliases': { severity: 'error', hint: 'Write the values out instead of using many YAML aliases.' },
  'markdown-too-deep': { severity: 'error', hint: 'Flatten the nesting: fewer levels of lists, quotes, :::blocks, emphasis or brackets.' },
  'markdown-too-large': { severity: 'error', hint: 'Split the session into several session files, or split long tables and paragraphs.' },
  'front-matter-missing': {
    severity: 'error',
    hint: 'Start the session file with a `---` line, the YAML front matter (title, duration, …) and a closing `---` line.',
  },
  'unknown-key': { severity: 'error', hint: 'Remove the key, fix its spelling, or move your own metadata under `extra:`.' },
  'missing-key': { severity: 'error', hint: 'Add the required key.' },
  'wrong-type': { severity: 'error', hint: 'Change the value to the expected type.' },
  'invalid-value': { severity: 'error', hint: 'Use one of the allowed values.' },
  'invalid-id': { severity: 'error', hint: 'Ids are lowercase kebab-case: letters a-z, digits and single hyphens, e.g. `phone-etiquette`.' },
  'invalid-duration': {
    severity: 'error',
    hint: 'Write a duration as whole minutes (`90`) or a string such as "90m", "1h" or "1h30m".',
  },
  'invalid-time': { severity: 'error', hint: 'Write times as "HH:MM" on the 24-hour clock, e.g. "09:00" or "13:30".' },
  'invalid-date': { severity: 'error', hint: 'Write dates as "YYYY-MM-DD" and make sure the day exists in that month.' },
  'invalid-timezone': { severity: 'error', hint: 'Use an IANA time zone name such as "Asia/Shanghai" or "Europe/Berlin".' },
  'invalid-day-template': { severity: 'error', hint: 'Make the day start before it ends, make each break end after it starts, and keep the breaks inside the day without overlapping (they may be listed in any order).' },
  'duplicate-id': { severity: 'error', hint: 'Rename one of the files: every id must be unique.' },
  'missing-curriculum': { severity: 'error', hint: 'Create curriculum.yaml at the top of the source folder (at least a `title:`).' },
  'unknown-session': {
    severity: 'error',
    hint: 'In a programme write `<module-id>/<session-id>`; in module.yaml the session id alone. The session id is the file name without `NN-` and `.md`.',
  },
  'unknown-assessment': { severity: 'error', hint: 'Use the file name of an assessment in assessments/ without `.yaml`.' },
  'unknown-role': { severity: 'error', hint: 'Use the file name of a role in roles/ without `.yaml`.' },
  'unknown-competency': { severity: 'error', hint: 'Declare the competency under `competencies:` in curriculum.yaml, or fix its id.' },
  'unknown-trainer': {
    severity: 'warning',
    hint: 'Use a trainer id from curriculum.yaml `trainers:`, a role id, or a plain name such as "外部讲师".',
  },
  'unlisted-session': { severity: 'warning', hint: 'Add the session to the module\'s `sessions:` list, or remove the file.' },
  'duplicate-reference': { severity: 'error', hint: 'Remove the repeated entry.' },
  'unknown-directive': {
    severity: 'error',
    hint: 'Container blocks are :::trainer, :::activity, :::script, :::tip, :::warning and :::homework.',
  },
  'block-not-closed': { severity: 'error', hint: 'Close every :::block with a line of three colons (:::) where its content ends.' },
  'malformed-block': {
    severity: 'error',
    hint: 'Write a block as :::name alone on its line: three ASCII colons, no space, then trainer, activity, script, tip, warning or homework.',
  },
  'directive-attribute': { severity: 'error', hint: 'Fix the block\'s attributes, e.g. :::activity{minutes=20 title="…"}.' },
  'missing-file': { severity: 'error', hint: 'Fix the path (relative to the Markdown file) or add the file.' },
  'path-outside-source': {
    severity: 'error',
    hint: 'Keep images and linked files inside the source folder, e.g. in assets/, and use a relative path.',
  },
  'plain-list': {
    severity: 'warning',
    hint: 'To print the lines as a list, start each with a number, an ASCII full stop and a space ("1. ", "2. "), or with "- "; to keep one paragraph, join the lines.',
  },
  'full-width-table': { severity: 'warning', hint: 'Replace every full-width bar ｜ of the table with an ASCII bar |.' },
  'full-width-quotes': { severity: 'warning', hint: 'Quote attribute values with ASCII double quotes (title="电话演练"); to print the quotes, put them inside: title="“电话演练”".' },
  'bare-heading': { severity: 'warning', hint: 'Put a space between the #s and the heading ("## 接听步骤"); to print the #s as text, write "\\#".' },
  'unsafe-html': { severity: 'warning', hint: 'Remove the raw HTML or the unsafe link; use Markdown, the :::blocks, and links to web pages or to files beside the session.' },
  'repeated-session': { severity: 'warning', hint: 'Remove one of the two items. If it really runs twice that day, write the second as `{ session: module/session, repeat: true }`.' },
  'unscheduled-session': { severity: 'warning', hint: 'Add the session to a day of a programme (`sessions:` under `days:`), or keep a draft outside the curriculum folder until it is ready.' },
  'untaught-competency': { severity: 'warning', hint: 'Add a session teaching it to a programme this role attends, or remove it from the role.' },
  'day-overrun': { severity: 'error', hint: 'Shorten or move items, start the day earlier, or end it later (`day: { end: … }`).' },
  'start-overlap': { severity: 'error', hint: 'Give the item a later `start`, or shorten what comes before it.' },
  'start-outside-day': { severity: 'error', hint: 'Choose a start inside the day, outside its breaks.' },
  'trainer-clash': { severity: 'error', hint: 'Move one of the items, or give one of them another trainer.' },
  'min-hours': { severity: 'warning', hint: 'Add sessions for the role, or change `policy.minHoursPerYear`.' },
  'cohort-not-workday': { severity: 'warning', hint: 'Start the cohort on a workday that is not a holiday; it now starts on the next one.' },
  'calendar-conflict': { severity: 'error', hint: 'Remove the date from `holidays` or from `extraWorkdays`, as the official holiday notice says.' },
  'ordinary-workday': { severity: 'warning', hint: 'Check the date against the holiday notice (a mistyped day leaves the day off unworked), or remove it.' },
  'no-workdays': { severity: 'error', hint: 'List the weekdays training happens on, e.g. `calendar: { workdays: [mon, tue, wed, thu, fri] }`.' },
  'missing-duration': { severity: 'error', hint: 'Give the assessment a `duration:` so it can be scheduled.' },
  'invalid-question': { severity: 'error', hint: 'Give an exam its `questions:`, each with a prompt, type, options (for choices), answer and points.' },
  'rubric-total': { severity: 'error', hint: 'Make the rubric\'s points add up to `totalPoints`, or correct `totalPoints`.' },
  'answer-out-of-range': {
    severity: 'error',
    hint: 'Answers are 1-based option numbers: 1 is the first option (A), 2 the second (B), and so on.',
  },
  'missing-options': { severity: 'error', hint: 'List at least two `options:` for a single- or multiple-choice question.' },
  'invalid-answer': {
    severity: 'error',
    hint: 'single: one option number; multiple: a list of option numbers such as [1, 3]; true-false: true or false; short: a text or a list of accepted texts.',
  },
  'unused-assessment-part': {
    severity: 'warning',
    hint: 'Exams use `questions:`; practical, role-play and review assessments use `rubric:` and `scenarios:`. Change `kind:` or remove the part.',
  },
  'slide-overflow': { severity: 'warning', hint: 'Split the section into smaller `##` sections or shorten its points.' },
  'pdf-browser-missing': {
    severity: 'error',
    hint: 'Install Chromium (Debian/Ubuntu: `sudo apt-get install chromium fonts-noto-cjk`) or set CHROME_PATH to a Chrome/Chromium executable; or build without --pdf.',
  },
  'pdf-failed': { severity: 'error', hint: 'Check that Chromium starts (`chromium --headless --version`); set CS_TRAIN_DEBUG=1 for details, or build without --pdf.' },
} as const satisfies Record<string, RuleInfo>;

/** A stable rule id of the catalog. */
export type RuleId = keyof typeof catalog;

/** The hint for a rule id. */
export function hintFor(rule: string): string | undefined {
  return (catalog as Record<string, RuleInfo>)[rule]?.hint;
}
