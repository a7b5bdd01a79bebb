// Curriculum text placed inside generated CSS (print footers) must stay one string literal, even
// inside an HTML <style> element: every character that could end the string, the rule or the
// element is written as a CSS hex escape.

/** A quoted CSS string literal of `text`, safe in a stylesheet and inside <style>. */
export function cssString(text: string): string {
  return `"${text.replace(/[\\"'<>&\u0000-\u001f\u007f\u2028\u2029]/g, (c) => `\\${c.charCodeAt(0).toString(16)} `)}"`;
}
