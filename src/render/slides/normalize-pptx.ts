// pptxgenjs stamps the wall clock into docProps/core.xml and every zip entry, and writes notes
// without a font. Rewriting the zip with fixed dates makes two builds byte-identical.

/** What the rewrite fixes: the date of every timestamp and the font and language of notes text. */
export interface NormalizeOptions {
  /** YYYY-MM-DD */
  date: string;
  font: string;
  lang: string;
}

const NOTES_BODY = /<a:p><a:r><a:rPr lang="en-US" dirty="0"\/><a:t>([\s\S]*?)<\/a:t><\/a:r><a:endParaRPr lang="en-US" dirty="0"\/><\/a:p>/;

/** The same package with fixed timestamps, entries in their original order, notes in the CJK font. */
export async function normalizePptx(bytes: Uint8Array, options: NormalizeOptions): Promise<Uint8Array> {
  const { default: JSZip } = await import('jszip');
  const zip = await JSZip.loadAsync(bytes);
  const out = new JSZip();
  const date = new Date(`${options.date}T00:00:00Z`);
  const stamp = `${options.date}T00:00:00Z`;
  for (const [name, entry] of Object.entries(zip.files)) {
    if (entry.dir) {
      out.file(name, null, { dir: true, date, createFolders: false });
      continue;
    }
    let text: string | undefined;
    if (name === 'docProps/core.xml') {
      text = (await entry.async('string')).replace(/(<dcterms:(created|modified)[^>]*>)[^<]*(<\/dcterms:\2>)/g, `$1${stamp}$3`);
    } else if (/^ppt\/notesSlides\/notesSlide\d+\.xml$/.test(name)) {
      text = (await entry.async('string')).replace(NOTES_BODY, (_, body: string) => notesParagraphs(body, options));
    }
    out.file(name, text ?? (await entry.async('uint8array')), { date, createFolders: false, binary: text === undefined });
  }
  return out.generateAsync({ type: 'uint8array', compression: 'DEFLATE', compressionOptions: { level: 6 }, platform: 'DOS' });
}

/** One paragraph per line of the (already XML-escaped) notes, every run in the deck's font. */
function notesParagraphs(body: string, { font, lang }: NormalizeOptions): string {
  const rPr = `<a:rPr lang="${lang}" dirty="0"><a:latin typeface="${font}"/><a:ea typeface="${font}"/><a:cs typeface="${font}"/></a:rPr>`;
  return body
    .split(/\r?\n/)
    .map((line) => (line ? `<a:p><a:r>${rPr}<a:t>${line}</a:t></a:r></a:p>` : `<a:p><a:endParaRPr lang="${lang}" dirty="0"/></a:p>`))
    .join('');
}
