// One slide and its notes page as PresentationML, byte for byte as pptxgenjs 4 writes them for the
// text boxes, tables, slide number and notes our decks use (its slideObjectToXml, ported).
import { CRLF, emu, EMU, escapeXml, inchToEmu, paragraphsXml, type TextRun, type TextStyle } from './pptx-text-xml.js';
import { XML_DECLARATION, NAMESPACES, GROUP_PROPS, SLIDE_NUMBER_FIELD } from './pptx-master-xml.js';

/** A text box; positions in inches. */
export interface TextBox {
  kind: 'text';
  x: number;
  y: number;
  w: number;
  h: number;
  fontSize: number;
  color: string;
  valign?: 'top' | 'middle';
  align?: 'left' | 'center';
  paraSpaceAfter?: number;
  /** Shrink text on overflow. */
  fit?: boolean;
  runs: TextRun[];
}

/** A table: a bold, shaded header row and body rows, thin grey borders; positions in inches. */
export interface TableFrame {
  kind: 'table';
  x: number;
  y: number;
  w: number;
  /** Column widths in inches, one per header cell. */
  colW: number[];
  fontSize: number;
  header: string[];
  rows: string[][];
}

/** What a slide shows besides the header, footer and number every slide has. */
export interface SlideShapes {
  shapes: (TextBox | TableFrame)[];
  /** Speaker notes; lines end with `\n`. */
  notes?: string;
}

/** The parts of the deck every slide needs. */
export interface SlideContext {
  lang: string;
  font: string;
}

const W = 13.333;
/** The slide number box, the same on every slide, the layout and the master. */
const NUMBER_BOX = { x: W - 1.1, y: 7.05, w: 0.7, h: 0.35 };

/** `ppt/slides/slideN.xml` */
export function slideXml(slide: SlideShapes, n: number, ctx: SlideContext): string {
  let xml = `${XML_DECLARATION}${CRLF}<p:sld ${NAMESPACES}><p:cSld name="Slide ${n}"><p:spTree>${GROUP_PROPS}`;
  let texts = 0;
  let tables = 0;
  slide.shapes.forEach((shape, i) => {
    if (shape.kind === 'text') xml += textBoxXml(shape, i + 2, texts++, ctx);
    else xml += tableXml(shape, ++tables * n + 1, tables - 1, ctx);
  });
  return `${xml}${slideNumberXml(ctx.font, String(n))}</p:spTree></p:cSld><p:clrMapOvr><a:masterClrMapping/></p:clrMapOvr></p:sld>`;
}

/** The slide number placeholder (pptxgenjs writes the master's as `null`, the layout's as `1000`). */
export function slideNumberXml(font: string, n: string): string {
  const { x, y, w, h } = NUMBER_BOX;
  return (
    '<p:sp> <p:nvSpPr>  <p:cNvPr id="25" name="Slide Number Placeholder 0"/><p:cNvSpPr><a:spLocks noGrp="1"/></p:cNvSpPr>  <p:nvPr><p:ph type="sldNum" sz="quarter" idx="4294967295"/></p:nvPr> </p:nvSpPr>' +
    ` <p:spPr><a:xfrm><a:off x="${emu(x)}" y="${emu(y)}"/><a:ext cx="${emu(w)}" cy="${emu(h)}"/></a:xfrm> <a:prstGeom prst="rect"><a:avLst/></a:prstGeom>` +
    ' <a:extLst><a:ext uri="{C572A759-6A51-4108-AA02-DFA0A04FC94B}"><ma14:wrappingTextBoxFlag val="0" xmlns:ma14="http://schemas.microsoft.com/office/mac/drawingml/2011/main"/></a:ext></a:extLst></p:spPr>' +
    '<p:txBody><a:bodyPr/>  <a:lstStyle><a:lvl1pPr><a:defRPr sz="1100"><a:solidFill><a:srgbClr val="777777"/></a:solidFill>' +
    `<a:latin typeface="${font}"/><a:ea typeface="${font}"/><a:cs typeface="${font}"/></a:defRPr></a:lvl1pPr></a:lstStyle>` +
    `<a:p><a:pPr algn="r"/><a:fld id="${SLIDE_NUMBER_FIELD}" type="slidenum"><a:rPr b="0" lang="en-US"/><a:t>${n}</a:t></a:fld><a:endParaRPr lang="en-US"/></a:p></p:txBody></p:sp>`
  );
}

function textBoxXml(box: TextBox, id: number, index: number, ctx: SlideContext): string {
  const style: TextStyle = { lang: ctx.lang, font: ctx.font, fontSize: box.fontSize, color: box.color, align: box.align, paraSpaceAfter: box.paraSpaceAfter };
  const anchor = box.valign === 'top' ? 't' : 'ctr';
  const endPara = `<a:endParaRPr lang="en-US" sz="${Math.round(box.fontSize * 100)}" dirty="0"/>`;
  return (
    `<p:sp><p:nvSpPr><p:cNvPr id="${id}" name="Text ${index}"></p:cNvPr><p:cNvSpPr/><p:nvPr></p:nvPr></p:nvSpPr><p:spPr>` +
    `<a:xfrm><a:off x="${emu(box.x)}" y="${emu(box.y)}"/><a:ext cx="${emu(box.w)}" cy="${emu(box.h)}"/></a:xfrm>` +
    '<a:prstGeom prst="rect"><a:avLst></a:avLst></a:prstGeom><a:noFill/><a:ln></a:ln></p:spPr>' +
    `<p:txBody><a:bodyPr wrap="square" rtlCol="0" anchor="${anchor}">${box.fit ? '<a:normAutofit/>' : ''}</a:bodyPr><a:lstStyle/>` +
    `${paragraphsXml(box.runs, style, endPara)}</p:txBody></p:sp>`
  );
}

/** pptxgenjs converts a table's position twice (once when added, once when written). */
function tableOffset(v: number): number {
  let e = emu(v || (v === 0 ? 0 : EMU / 2));
  if (e && e < 20) e = inchToEmu(e);
  e = emu(e);
  return e || (e === 0 ? 0 : EMU);
}

const BORDER =
  '<a:solidFill><a:srgbClr val="BBBBBB"/></a:solidFill><a:prstDash val="solid"/><a:round/><a:headEnd type="none" w="med" len="med"/><a:tailEnd type="none" w="med" len="med"/>';
const BORDERS = ['lnL', 'lnR', 'lnT', 'lnB'].map((side) => `<a:${side} w="${Math.round(0.75 * 12700)}" cap="flat" cmpd="sng" algn="ctr">${BORDER}</a:${side}>`).join('');
const CELL_PROPS = `<a:tcPr marL="${inchToEmu(0.1)}" marR="${inchToEmu(0.1)}" marT="${inchToEmu(0.05)}" marB="${inchToEmu(0.05)}" anchor="ctr">${BORDERS}`;

function tableXml(table: TableFrame, id: number, index: number, ctx: SlideContext): string {
  const w = emu(table.w && table.w < 20 ? inchToEmu(table.w) : table.w);
  let xml =
    `<p:graphicFrame><p:nvGraphicFramePr><p:cNvPr id="${id}" name="Table ${index}"/><p:cNvGraphicFramePr><a:graphicFrameLocks noGrp="1"/></p:cNvGraphicFramePr>` +
    '  <p:nvPr><p:extLst><p:ext uri="{D42A27DB-BD31-4B8C-83A1-F6EECF244321}"><p14:modId xmlns:p14="http://schemas.microsoft.com/office/powerpoint/2010/main" val="1579011935"/></p:ext></p:extLst></p:nvPr></p:nvGraphicFramePr>' +
    `<p:xfrm><a:off x="${tableOffset(table.x)}" y="${tableOffset(table.y)}"/><a:ext cx="${w || (w === 0 ? 0 : EMU)}" cy="${EMU}"/></p:xfrm>` +
    '<a:graphic><a:graphicData uri="http://schemas.openxmlformats.org/drawingml/2006/table"><a:tbl><a:tblPr/><a:tblGrid>';
  for (const c of table.colW) xml += `<a:gridCol w="${Math.round(inchToEmu(c))}"/>`;
  xml += '</a:tblGrid>';
  // Cell text with "hyperlink" in it keeps pptxgenjs from giving the table its default black.
  const color = [...table.header, ...table.rows.flat()].some((t) => t.includes('hyperlink')) ? undefined : '000000';
  const cell = (text: string, header: boolean): string => {
    const style: TextStyle = { lang: ctx.lang, font: ctx.font, fontSize: table.fontSize, color };
    const endPara =
      `<a:endParaRPr lang="${ctx.lang || 'en-US'}" sz="${Math.round(table.fontSize * 100)}" dirty="0">` +
      `<a:latin typeface="${ctx.font}" charset="0"/><a:ea typeface="${ctx.font}" charset="0"/><a:cs typeface="${ctx.font}" charset="0"/></a:endParaRPr>`;
    const body = paragraphsXml([{ text, bold: header }], style, endPara);
    const fill = header ? '<a:solidFill><a:srgbClr val="EEF3F8"/></a:solidFill>' : '';
    return `<a:tc><a:txBody><a:bodyPr/><a:lstStyle/>${body}</a:txBody>${CELL_PROPS}${fill}  </a:tcPr> </a:tc>`;
  };
  for (const [r, cells] of [table.header, ...table.rows].entries()) xml += `<a:tr h="0">${cells.map((c) => cell(c, r === 0)).join('')}</a:tr>`;
  return `${xml}      </a:tbl>    </a:graphicData>  </a:graphic></p:graphicFrame>`;
}

/** `ppt/notesSlides/notesSlideN.xml`: one paragraph per line of the notes, every run in the deck's font. */
export function notesSlideXml(notes: string, n: number, { lang, font }: SlideContext): string {
  const rPr = `<a:rPr lang="${lang}" dirty="0"><a:latin typeface="${font}"/><a:ea typeface="${font}"/><a:cs typeface="${font}"/></a:rPr>`;
  const body = escapeXml(notes.replace(/\r*\n/g, CRLF))
    .split(CRLF)
    .map((line) => (line ? `<a:p><a:r>${rPr}<a:t>${line}</a:t></a:r></a:p>` : `<a:p><a:endParaRPr lang="${lang}" dirty="0"/></a:p>`))
    .join('');
  return (
    `${XML_DECLARATION}${CRLF}<p:notes ${NAMESPACES}><p:cSld><p:spTree>${GROUP_PROPS}` +
    '<p:sp><p:nvSpPr><p:cNvPr id="2" name="Slide Image Placeholder 1"/><p:cNvSpPr><a:spLocks noGrp="1" noRot="1" noChangeAspect="1"/></p:cNvSpPr><p:nvPr><p:ph type="sldImg"/></p:nvPr></p:nvSpPr><p:spPr/></p:sp>' +
    '<p:sp><p:nvSpPr><p:cNvPr id="3" name="Notes Placeholder 2"/><p:cNvSpPr><a:spLocks noGrp="1"/></p:cNvSpPr><p:nvPr><p:ph type="body" idx="1"/></p:nvPr></p:nvSpPr><p:spPr/>' +
    `<p:txBody><a:bodyPr/><a:lstStyle/>${body}</p:txBody></p:sp>` +
    '<p:sp><p:nvSpPr><p:cNvPr id="4" name="Slide Number Placeholder 3"/><p:cNvSpPr><a:spLocks noGrp="1"/></p:cNvSpPr><p:nvPr><p:ph type="sldNum" sz="quarter" idx="10"/></p:nvPr></p:nvSpPr><p:spPr/>' +
    `<p:txBody><a:bodyPr/><a:lstStyle/><a:p><a:fld id="${SLIDE_NUMBER_FIELD}" type="slidenum"><a:rPr lang="en-US"/><a:t>${n}</a:t></a:fld><a:endParaRPr lang="en-US"/></a:p></p:txBody></p:sp>` +
    '</p:spTree><p:extLst><p:ext uri="{BB962C8B-B14F-4D97-AF65-F5344CB8AC3E}"><p14:creationId xmlns:p14="http://schemas.microsoft.com/office/powerpoint/2010/main" val="1024086991"/></p:ext></p:extLst></p:cSld>' +
    '<p:clrMapOvr><a:masterClrMapping/></p:clrMapOvr></p:notes>'
  );
}
