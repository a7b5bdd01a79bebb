// Curriculum text written into generated Markdown must stay text: no HTML, no comments that could
// become Marp directives, no emphasis, links, math or emoji shortcodes the author did not write.

/** Backslash-escape every character that could start Markdown, HTML or Marp syntax inside a line. */
export function escapeInline(text: string): string {
  let out = text
    .replace(/\s+/g, ' ')
    .trim()
    .replace(/[\\`*_[\]<>&|~$#!{}=^+]/g, '\\$&')
    .replace(/:(?=[a-z0-9_+-]*[a-z][a-z0-9_+-]*:)/gi, ':\u200b');
  out = out.replace(/^(\d+)([.)])/, '$1\\$2').replace(/^-/, '\\-');
  return out;
}

/** A YAML double-quoted scalar (JSON strings are valid YAML) holding escaped Markdown. */
export function yamlString(text: string): string {
  return JSON.stringify(escapeInline(text));
}

/**
 * A speaker-note comment. The first line is a fixed label, so Marpit never reads the note as YAML
 * directives; `-->` (and `--!>`) cannot close the comment early.
 */
export function noteComment(label: string, notes: string[]): string {
  const body = notes
    .join('\n\n')
    .replace(/\r\n?/g, '\n')
    .replace(/--(!?)>/g, '-\u200b-$1>')
    .replace(/<!--/g, '<!-\u200b-')
    .split('\n')
    .map((line) => (line ? `  ${line}` : ''))
    .join('\n');
  return `<!--\n${label}\n${body}\n-->`;
}
