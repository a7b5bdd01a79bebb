// Reads back, from a PDF Chromium printed, the page each in-page link target landed on: Chromium writes
// every `#id` that a link points to as a named destination (/Dests in the catalog). The handbook's
// table of contents links every entry, so this gives its page numbers without guessing the layout.

/** 1-based page number of every named destination of the PDF. */
export function destinationPages(pdf: Uint8Array): Map<string, number> {
  const text = Buffer.from(pdf).toString('latin1');
  const offsets = objectOffsets(text);
  const body = (n: number): string => {
    const at = offsets.get(n);
    if (at === undefined) return '';
    const end = text.indexOf('endobj', at);
    return text.slice(at, end < 0 ? undefined : end);
  };
  const catalogNo = /\/Root (\d+) 0 R/.exec(text.slice(text.lastIndexOf('trailer')))?.[1];
  const catalog = catalogNo ? body(Number(catalogNo)) : '';
  const pagesRoot = /\/Pages (\d+) 0 R/.exec(catalog)?.[1];
  const destsRef = /\/Dests (\d+) 0 R/.exec(catalog)?.[1];
  const out = new Map<string, number>();
  if (!pagesRoot || !destsRef) return out;
  const pageIndex = new Map<number, number>();
  const walk = (n: number, depth: number) => {
    const obj = body(n);
    const kids = /\/Kids\s*\[([^\]]*)\]/.exec(obj);
    if (kids && depth < 32) {
      for (const m of kids[1]!.matchAll(/(\d+) 0 R/g)) walk(Number(m[1]), depth + 1);
    } else {
      pageIndex.set(n, pageIndex.size + 1);
    }
  };
  walk(Number(pagesRoot), 0);
  for (const m of body(Number(destsRef)).matchAll(/\/([^\s/[\]<>()]+)\s*\[\s*(\d+) 0 R/g)) {
    const page = pageIndex.get(Number(m[2]));
    if (page !== undefined) out.set(decodeName(m[1]!), page);
  }
  return out;
}

/** Object number → byte offset, from the classic cross-reference table Chromium (Skia) writes. */
function objectOffsets(text: string): Map<number, number> {
  const offsets = new Map<number, number>();
  const start = Number(/startxref\s+(\d+)/.exec(text.slice(text.lastIndexOf('startxref')))?.[1] ?? -1);
  if (start < 0 || !text.startsWith('xref', start)) return offsets;
  const lines = text.slice(start, text.indexOf('trailer', start)).split(/\r?\n|\r/).map((l) => l.trim());
  let next = 0;
  for (const line of lines.slice(1)) {
    const section = /^(\d+) (\d+)$/.exec(line);
    if (section) {
      next = Number(section[1]);
      continue;
    }
    const entry = /^(\d{10}) (\d{5}) ([nf])$/.exec(line);
    if (!entry) continue;
    if (entry[3] === 'n') offsets.set(next, Number(entry[1]));
    next++;
  }
  return offsets;
}

function decodeName(name: string): string {
  const bytes = Buffer.from(name.replace(/#([0-9a-fA-F]{2})/g, (_, h: string) => String.fromCharCode(parseInt(h, 16))), 'latin1');
  return bytes.toString('utf8');
}
