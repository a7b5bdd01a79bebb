// pptxgenjs stamps the wall clock into docProps/core.xml and every zip entry, and writes notes
// without a font. Rewriting the (uncompressed) zip with fixed dates makes two builds byte-identical.
import { readZip, writeZip } from './zip-package.js';

/** What the rewrite fixes: the date of every timestamp and the font and language of notes text. */
export interface NormalizeOptions {
  /** YYYY-MM-DD */
  date: string;
  font: string;
  lang: string;
}

const NOTES_BODY = /<a:p><a:r><a:rPr lang="en-US" dirty="0"\/><a:t>([\s\S]*?)<\/a:t><\/a:r><a:endParaRPr lang="en-US" dirty="0"\/><\/a:p>/;

/** The same package with fixed timestamps, entries in their original order, notes in the CJK font, each part deflated once. */
export function normalizePptx(bytes: Uint8Array, options: NormalizeOptions): Uint8Array {
  const stamp = `${options.date}T00:00:00Z`;
  const entries = readZip(bytes).map((entry) => {
    if (entry.name === 'docProps/core.xml') {
      return { ...entry, data: rewrite(entry.data, (xml) => xml.replace(/(<dcterms:(created|modified)[^>]*>)[^<]*(<\/dcterms:\2>)/g, `$1${stamp}$3`)) };
    }
    if (/^ppt\/notesSlides\/notesSlide\d+\.xml$/.test(entry.name)) {
      return { ...entry, data: rewrite(entry.data, (xml) => xml.replace(NOTES_BODY, (_, body: string) => notesParagraphs(body, options))) };
    }
    return entry;
  });
  return writeZip(entries, options.date);
}

function rewrite(data: Uint8Array, change: (xml: string) => string): Uint8Array {
  return Buffer.from(change(Buffer.from(data.buffer, data.byteOffset, data.byteLength).toString('utf8')), 'utf8');
}

/** One paragraph per line of the (already XML-escaped) notes, every run in the deck's font. */
function notesParagraphs(body: string, { font, lang }: NormalizeOptions): string {
  const rPr = `<a:rPr lang="${lang}" dirty="0"><a:latin typeface="${font}"/><a:ea typeface="${font}"/><a:cs typeface="${font}"/></a:rPr>`;
  return body
    .split(/\r?\n/)
    .map((line) => (line ? `<a:p><a:r>${rPr}<a:t>${line}</a:t></a:r></a:p>` : `<a:p><a:endParaRPr lang="${lang}" dirty="0"/></a:p>`))
    .join('');
}
