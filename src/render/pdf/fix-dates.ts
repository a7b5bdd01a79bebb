// Chromium stamps every PDF with the wall-clock time (/CreationDate, /ModDate); everything else it
// writes is stable. Replacing both with the edition date makes the PDFs byte-for-byte reproducible.

const DATE = /\/(CreationDate|ModDate) \(D:\d{14}([+-]\d{2}'\d{2}'|Z)?\)/g;

/**
 * Set the PDF's dates to `edition` (YYYY-MM-DD) at midnight UTC. The replacement keeps every byte
 * offset (same length), so the cross-reference table stays valid. Without an edition date the
 * bytes are returned unchanged.
 */
export function fixPdfDates(bytes: Uint8Array, edition: string | undefined): Uint8Array {
  if (!edition || !/^\d{4}-\d{2}-\d{2}$/.test(edition)) return bytes;
  const stamp = edition.replace(/-/g, '') + '000000';
  const text = Buffer.from(bytes).toString('latin1');
  const fixed = text.replace(DATE, (whole: string, key: string, zone: string | undefined) => {
    const next = `/${key} (D:${stamp}${zone === undefined ? '' : zone === 'Z' ? 'Z' : "+00'00'"})`;
    return next.length === whole.length ? next : whole;
  });
  return fixed === text ? bytes : new Uint8Array(Buffer.from(fixed, 'latin1'));
}
