// The parts of a PPTX package, in the order and with the bytes pptxgenjs 4 gave them (folders
// first), with the dates fixed and the notes in the deck's font: the package the old
// pptxgenjs-then-normalise path wrote, written directly. The tabs and line feeds inside the
// templates below are part of those bytes.
import {
  GROUP_PROPS,
  LAYOUT_RELS_XML,
  MASTER_RELS_XML,
  MASTER_TAIL,
  NAMESPACES,
  NOTES_MASTER_RELS_XML,
  NOTES_MASTER_XML,
  PRES_PROPS_XML,
  REL,
  ROOT_RELS_XML,
  TABLE_STYLES_XML,
  VIEW_PROPS_XML,
  XML_DECLARATION,
} from './pptx-master-xml.js';
import { notesSlideXml, slideNumberXml, slideXml, type SlideShapes } from './pptx-slide-xml.js';
import { CRLF, escapeXml } from './pptx-text-xml.js';
import { themeXml } from './pptx-theme-xml.js';
import type { ZipEntry } from './zip-package.js';

/** A deck ready to be written: its metadata and its slides' shapes. */
export interface PptxDeck {
  title: string;
  subject: string;
  author: string;
  lang: string;
  /** The East Asian font of every run of text. */
  font: string;
  slides: SlideShapes[];
}

const FOLDERS = ['_rels/', 'docProps/', 'ppt/', 'ppt/_rels/', 'ppt/charts/', 'ppt/charts/_rels/', 'ppt/embeddings/', 'ppt/media/', 'ppt/slideLayouts/', 'ppt/slideLayouts/_rels/'].concat(
  ['ppt/slideMasters/', 'ppt/slideMasters/_rels/', 'ppt/slides/', 'ppt/slides/_rels/', 'ppt/theme/', 'ppt/notesMasters/', 'ppt/notesMasters/_rels/', 'ppt/notesSlides/', 'ppt/notesSlides/_rels/'],
);
const EMPTY = new Uint8Array(0);
const RELS_OPEN = `${XML_DECLARATION}${CRLF}<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">`;
const ML = 'application/vnd.openxmlformats-officedocument.presentationml';

/** The zip entries of a deck's package, in pptxgenjs's order; `date` (YYYY-MM-DD) stamps core.xml. */
export function pptxEntries(deck: PptxDeck, date: string): ZipEntry[] {
  const n = deck.slides.length;
  const parts: [string, string][] = [
    ['[Content_Types].xml', contentTypes(n)],
    ['_rels/.rels', ROOT_RELS_XML],
    ['docProps/app.xml', appXml(n)],
    ['docProps/core.xml', coreXml(deck, `${date}T00:00:00Z`)],
    ['ppt/_rels/presentation.xml.rels', presentationRels(n)],
    ['ppt/theme/theme1.xml', themeXml(deck.font)],
    ['ppt/presentation.xml', presentationXml(n)],
    ['ppt/presProps.xml', PRES_PROPS_XML],
    ['ppt/tableStyles.xml', TABLE_STYLES_XML],
    ['ppt/viewProps.xml', VIEW_PROPS_XML],
    ['ppt/slideLayouts/slideLayout1.xml', layoutXml(deck.font, n > 0)],
    ['ppt/slideLayouts/_rels/slideLayout1.xml.rels', LAYOUT_RELS_XML],
  ];
  deck.slides.forEach((slide, i) => {
    parts.push([`ppt/slides/slide${i + 1}.xml`, slideXml(slide, i + 1, deck)]);
    parts.push([`ppt/slides/_rels/slide${i + 1}.xml.rels`, slideRels(i + 1)]);
    parts.push([`ppt/notesSlides/notesSlide${i + 1}.xml`, notesSlideXml(slide.notes ?? '', i + 1, deck)]);
    parts.push([`ppt/notesSlides/_rels/notesSlide${i + 1}.xml.rels`, notesRels(i + 1)]);
  });
  parts.push(['ppt/slideMasters/slideMaster1.xml', masterXml(deck.font, n > 0)]);
  parts.push(['ppt/slideMasters/_rels/slideMaster1.xml.rels', MASTER_RELS_XML]);
  parts.push(['ppt/notesMasters/notesMaster1.xml', NOTES_MASTER_XML]);
  parts.push(['ppt/notesMasters/_rels/notesMaster1.xml.rels', NOTES_MASTER_RELS_XML]);
  return [...FOLDERS.map((name) => ({ name, data: EMPTY, dir: true })), ...parts.map(([name, xml]) => ({ name, data: Buffer.from(xml, 'utf8'), dir: false }))];
}

function contentTypes(n: number): string {
  const media = [['xml', 'application/xml'], ['rels', 'application/vnd.openxmlformats-package.relationships+xml'], ['jpeg', 'image/jpeg'], ['jpg', 'image/jpg'], ['svg', 'image/svg+xml']]
    .concat([['png', 'image/png'], ['gif', 'image/gif'], ['m4v', 'video/mp4'], ['mp4', 'video/mp4'], ['vml', 'application/vnd.openxmlformats-officedocument.vmlDrawing']])
    .concat([['xlsx', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet']]);
  const override = (part: string, type: string) => `<Override PartName="${part}" ContentType="${type}"/>`;
  let xml = `${XML_DECLARATION}${CRLF}<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">`;
  xml += media.map(([ext, type]) => `<Default Extension="${ext}" ContentType="${type}"/>`).join('');
  xml += override('/ppt/presentation.xml', `${ML}.presentation.main+xml`) + override('/ppt/notesMasters/notesMaster1.xml', `${ML}.notesMaster+xml`);
  // pptxgenjs listed a slide master per slide, though it writes only the first; PowerPoint offers to
  // repair a package whose content types name parts it does not hold, so only the one master is listed.
  for (let i = 1; i <= n; i++) xml += (i === 1 ? override('/ppt/slideMasters/slideMaster1.xml', `${ML}.slideMaster+xml`) : '') + override(`/ppt/slides/slide${i}.xml`, `${ML}.slide+xml`);
  xml += override('/ppt/presProps.xml', `${ML}.presProps+xml`) + override('/ppt/viewProps.xml', `${ML}.viewProps+xml`);
  xml += override('/ppt/theme/theme1.xml', 'application/vnd.openxmlformats-officedocument.theme+xml') + override('/ppt/tableStyles.xml', `${ML}.tableStyles+xml`);
  xml += override('/ppt/slideLayouts/slideLayout1.xml', `${ML}.slideLayout+xml`);
  for (let i = 1; i <= n; i++) xml += override(`/ppt/notesSlides/notesSlide${i}.xml`, `${ML}.notesSlide+xml`);
  xml += ` ${override('/docProps/core.xml', 'application/vnd.openxmlformats-package.core-properties+xml')}`;
  return `${xml} ${override('/docProps/app.xml', 'application/vnd.openxmlformats-officedocument.extended-properties+xml')}</Types>`;
}

function appXml(n: number): string {
  const titles = Array.from({ length: n }, (_, i) => `<vt:lpstr>Slide ${i + 1}</vt:lpstr>`).join('');
  return `${XML_DECLARATION}${CRLF}<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/extended-properties" xmlns:vt="http://schemas.openxmlformats.org/officeDocument/2006/docPropsVTypes">
	<TotalTime>0</TotalTime>
	<Words>0</Words>
	<Application>Microsoft Office PowerPoint</Application>
	<PresentationFormat>On-screen Show (16:9)</PresentationFormat>
	<Paragraphs>0</Paragraphs>
	<Slides>${n}</Slides>
	<Notes>${n}</Notes>
	<HiddenSlides>0</HiddenSlides>
	<MMClips>0</MMClips>
	<ScaleCrop>false</ScaleCrop>
	<HeadingPairs>
		<vt:vector size="6" baseType="variant">
			<vt:variant><vt:lpstr>Fonts Used</vt:lpstr></vt:variant>
			<vt:variant><vt:i4>2</vt:i4></vt:variant>
			<vt:variant><vt:lpstr>Theme</vt:lpstr></vt:variant>
			<vt:variant><vt:i4>1</vt:i4></vt:variant>
			<vt:variant><vt:lpstr>Slide Titles</vt:lpstr></vt:variant>
			<vt:variant><vt:i4>${n}</vt:i4></vt:variant>
		</vt:vector>
	</HeadingPairs>
	<TitlesOfParts>
		<vt:vector size="${n + 3}" baseType="lpstr">
			<vt:lpstr>Arial</vt:lpstr>
			<vt:lpstr>Calibri</vt:lpstr>
			<vt:lpstr>Office Theme</vt:lpstr>
			${titles}
		</vt:vector>
	</TitlesOfParts>
	<Company>PptxGenJS</Company>
	<LinksUpToDate>false</LinksUpToDate>
	<SharedDoc>false</SharedDoc>
	<HyperlinksChanged>false</HyperlinksChanged>
	<AppVersion>16.0000</AppVersion>
	</Properties>`;
}

function coreXml({ title, subject, author }: PptxDeck, stamp: string): string {
  return `${XML_DECLARATION}
	<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:dcterms="http://purl.org/dc/terms/" xmlns:dcmitype="http://purl.org/dc/dcmitype/" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">
		<dc:title>${escapeXml(title)}</dc:title>
		<dc:subject>${escapeXml(subject)}</dc:subject>
		<dc:creator>${escapeXml(author)}</dc:creator>
		<cp:lastModifiedBy>${escapeXml(author)}</cp:lastModifiedBy>
		<cp:revision>1</cp:revision>
		<dcterms:created xsi:type="dcterms:W3CDTF">${stamp}</dcterms:created>
		<dcterms:modified xsi:type="dcterms:W3CDTF">${stamp}</dcterms:modified>
	</cp:coreProperties>`;
}

function presentationRels(n: number): string {
  const rel = (id: number, type: string, target: string) => `<Relationship Id="rId${id}" Type="${REL}${type}" Target="${target}"/>`;
  let xml = RELS_OPEN + rel(1, 'slideMaster', 'slideMasters/slideMaster1.xml');
  for (let i = 1; i <= n; i++) xml += rel(i + 1, 'slide', `slides/slide${i}.xml`);
  xml += rel(n + 2, 'notesMaster', 'notesMasters/notesMaster1.xml') + rel(n + 3, 'presProps', 'presProps.xml') + rel(n + 4, 'viewProps', 'viewProps.xml');
  return `${xml}${rel(n + 5, 'theme', 'theme/theme1.xml')}${rel(n + 6, 'tableStyles', 'tableStyles.xml')}</Relationships>`;
}

function presentationXml(n: number): string {
  let xml = `${XML_DECLARATION}${CRLF}<p:presentation ${NAMESPACES}  saveSubsetFonts="1" autoCompressPictures="0">`;
  xml += '<p:sldMasterIdLst><p:sldMasterId id="2147483648" r:id="rId1"/></p:sldMasterIdLst><p:sldIdLst>';
  for (let i = 0; i < n; i++) xml += `<p:sldId id="${i + 256}" r:id="rId${i + 2}"/>`;
  xml += `</p:sldIdLst><p:notesMasterIdLst><p:notesMasterId r:id="rId${n + 2}"/></p:notesMasterIdLst>`;
  xml += '<p:sldSz cx="12192000" cy="6858000"/><p:notesSz cx="6858000" cy="12192000"/><p:defaultTextStyle>';
  for (let level = 1; level < 10; level++) {
    xml +=
      `<a:lvl${level}pPr marL="${(level - 1) * 457200}" algn="l" defTabSz="914400" rtl="0" eaLnBrk="1" latinLnBrk="0" hangingPunct="1">` +
      '<a:defRPr sz="1800" kern="1200"><a:solidFill><a:schemeClr val="tx1"/></a:solidFill><a:latin typeface="+mn-lt"/><a:ea typeface="+mn-ea"/><a:cs typeface="+mn-cs"/>' +
      `</a:defRPr></a:lvl${level}pPr>`;
  }
  return `${xml}</p:defaultTextStyle></p:presentation>`;
}

function slideRels(i: number): string {
  return `${RELS_OPEN}<Relationship Id="rId1" Type="${REL}slideLayout" Target="../slideLayouts/slideLayout1.xml"/><Relationship Id="rId2" Type="${REL}notesSlide" Target="../notesSlides/notesSlide${i}.xml"/></Relationships>`;
}

function notesRels(i: number): string {
  return `${XML_DECLARATION}
		<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">
			<Relationship Id="rId1" Type="${REL}notesMaster" Target="../notesMasters/notesMaster1.xml"/>
			<Relationship Id="rId2" Type="${REL}slide" Target="../slides/slide${i}.xml"/>
		</Relationships>`;
}

/** The master and the layout carry the slide number placeholder once a slide has set it. */
function masterXml(font: string, numbered: boolean): string {
  const head = `${XML_DECLARATION}${CRLF}<p:sldMaster ${NAMESPACES}><p:cSld><p:spTree>${GROUP_PROPS}`;
  return `${head}${numbered ? slideNumberXml(font, 'null') : ''}${MASTER_TAIL}`;
}

function layoutXml(font: string, numbered: boolean): string {
  const bg = '<p:bg><p:bgRef idx="1001"><a:schemeClr val="bg1"/></p:bgRef></p:bg>';
  const head = `${XML_DECLARATION}\n\t\t<p:sldLayout ${NAMESPACES} preserve="1">\n\t\t<p:cSld name="DEFAULT">${bg}<p:spTree>${GROUP_PROPS}`;
  return `${head}${numbered ? slideNumberXml(font, '1000') : ''}</p:spTree></p:cSld>\n\t\t<p:clrMapOvr><a:masterClrMapping/></p:clrMapOvr></p:sldLayout>`;
}
