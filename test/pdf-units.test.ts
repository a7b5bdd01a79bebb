// The two byte-level helpers of the PDF output, on hand-made PDFs: reading named destinations back to
// page numbers (through a nested page tree) and pinning Chromium's timestamps without moving a byte.
import { describe, expect, it } from 'vitest';
import { destinationPages } from '../src/render/pdf/pdf-dests.js';
import { fixPdfDates } from '../src/render/pdf/fix-dates.js';
import { stableNodeIds } from '../src/render/pdf/stable-ids.js';

/** A PDF with a classic xref table from numbered object bodies. */
function makePdf(objects: Record<number, string>, root: number): Uint8Array {
  let text = '%PDF-1.4\n';
  const offsets: number[] = [];
  const max = Math.max(...Object.keys(objects).map(Number));
  for (let n = 1; n <= max; n++) {
    offsets[n] = text.length;
    text += `${n} 0 obj\n${objects[n] ?? 'null'}\nendobj\n`;
  }
  const xref = text.length;
  text += `xref\n0 ${max + 1}\n0000000000 65535 f \n`;
  for (let n = 1; n <= max; n++) text += `${String(offsets[n]).padStart(10, '0')} 00000 n \n`;
  text += `trailer\n<</Size ${max + 1} /Root ${root} 0 R>>\nstartxref\n${xref}\n%%EOF\n`;
  return new Uint8Array(Buffer.from(text, 'latin1'));
}

describe('destinationPages', () => {
  it('maps every named destination to its 1-based page through a nested page tree', () => {
    const pdf = makePdf(
      {
        1: '<</Type /Catalog /Pages 2 0 R /Dests 9 0 R>>',
        2: '<</Type /Pages /Kids [3 0 R 4 0 R] /Count 3>>',
        3: '<</Type /Pages /Kids [5 0 R 6 0 R] /Count 2>>',
        4: '<</Type /Pages /Kids [7 0 R] /Count 1>>',
        5: '<</Type /Page /Parent 3 0 R>>',
        6: '<</Type /Page /Parent 3 0 R>>',
        7: '<</Type /Page /Parent 4 0 R>>',
        9: '<</contents [5 0 R /XYZ 0 841 0]\n/session-a--b [7 0 R /XYZ 0 600 0]\n/caf#C3#A9 [6 0 R /XYZ 0 1 0]>>',
      },
      1,
    );
    expect(Object.fromEntries(destinationPages(pdf))).toEqual({ contents: 1, 'session-a--b': 3, café: 2 });
  });

  it('returns nothing for a PDF without destinations', () => {
    const pdf = makePdf({ 1: '<</Type /Catalog /Pages 2 0 R>>', 2: '<</Type /Pages /Kids [3 0 R]>>', 3: '<</Type /Page>>' }, 1);
    expect(destinationPages(pdf).size).toBe(0);
  });
});

describe('fixPdfDates', () => {
  const pdf = makePdf({ 1: "<</Title (x) /CreationDate (D:20261122231603+00'00') /ModDate (D:20261122231603+00'00')>>", 2: '<</Type /Catalog>>' }, 2);

  it('replaces both timestamps with the edition date and keeps every byte offset', () => {
    const fixed = fixPdfDates(pdf, '2027-03-01');
    expect(fixed.length).toBe(pdf.length);
    const text = Buffer.from(fixed).toString('latin1');
    expect(text).toContain("/CreationDate (D:20270301000000+00'00') /ModDate (D:20270301000000+00'00')");
    expect(text.indexOf('2 0 obj')).toBe(Buffer.from(pdf).toString('latin1').indexOf('2 0 obj'));
  });

  it('leaves the bytes alone without an edition date', () => {
    expect(fixPdfDates(pdf, undefined)).toBe(pdf);
  });
});

describe('stableNodeIds', () => {
  /** A tagged PDF whose Chromium node ids start at `first` (they shift from run to run). */
  const tagged = (first: number) => {
    const id = (n: number) => `(node${String(first + n).padStart(8, '0')})`;
    return makePdf({
      1: `<</Type /StructElem /S /P /ID ${id(0)}>>`,
      2: `<</Type /StructElem /S /TD /ID ${id(3)}>>`,
      3: `<</Names [${id(0)} 1 0 R ${id(3)} 2 0 R] /Limits [${id(0)} ${id(3)}]>>`,
      4: '<</Type /Catalog /Title (node0000001x)>>',
    }, 4);
  };

  it('gives the same bytes whatever number the Chromium ids started at, keeping every offset and their order', () => {
    const a = tagged(259);
    const b = tagged(260);
    expect(Buffer.from(a).equals(Buffer.from(b))).toBe(false);
    const fixed = stableNodeIds(a);
    expect(Buffer.from(fixed).equals(Buffer.from(stableNodeIds(b)))).toBe(true);
    expect(fixed.length).toBe(a.length);
    const text = Buffer.from(fixed).toString('latin1');
    expect(text).toContain('/Names [(node00000001) 1 0 R (node00000002) 2 0 R] /Limits [(node00000001) (node00000002)]');
    expect(text).toContain('(node0000001x)');
    expect(text.indexOf('4 0 obj')).toBe(Buffer.from(a).toString('latin1').indexOf('4 0 obj'));
  });

  it('leaves an untagged PDF alone', () => {
    const pdf = makePdf({ 1: '<</Type /Catalog>>' }, 1);
    expect(stableNodeIds(pdf)).toBe(pdf);
  });
});
