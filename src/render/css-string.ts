// Curriculum text placed inside generated CSS (print footers) must stay one string literal, even
// inside an HTML <style> element: every character that could end the string, the rule or the
// element is written as a CSS hex escape.

/** A quoted CSS string literal of `text`, safe in a stylesheet and inside <style>. */
export function cssString(text: string): string {
  return `"${text.replace(/[\\"'<>&\u0000-\u001f\u007f\u2028\u2029]/g, (c) => `\\${c.charCodeAt(0).toString(16)} `)}"`;
}

/**
 * Print footer of a page as CSS page-margin boxes: `title` at the bottom left, the page number at the
 * bottom right in the words of `pageOf` ("第 {page} 页 / 共 {pages} 页").
 */
export function pageFooterCss(title: string, pageOf: string): string {
  return `@page { @bottom-left { content: ${cssString(title)}; } @bottom-right { content: ${pageCounterCss(pageOf)}; } }`;
}

/** CSS `content` for a label such as "第 {page} 页 / 共 {pages} 页": its text around the page counters. */
export function pageCounterCss(label: string): string {
  return label
    .split(/(\{page\}|\{pages\})/)
    .filter(Boolean)
    .map((part) => (part === '{page}' ? 'counter(page)' : part === '{pages}' ? 'counter(pages)' : cssString(part)))
    .join(' ');
}
