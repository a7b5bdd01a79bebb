// The deck's look: Marp's built-in `default` theme plus CJK fonts and a few layout classes. The
// sizes here are what paginate.ts measures against. A numbered list nested in a list keeps arabic
// numbers (the theme's GitHub style would show i., ii., iii.), as in the source and the PPTX.

/** CSS placed in the deck's front matter `style:`. */
export const MARP_STYLE = `section {
  font-family: "Noto Sans CJK SC", "Noto Sans SC", "Source Han Sans SC", "Microsoft YaHei", "PingFang SC", "Noto Sans CJK TC", "Microsoft JhengHei", sans-serif;
  font-size: 26px;
  padding: 64px 72px 56px;
  place-content: safe start stretch;
}
section:lang(zh-TW) { font-family: "Noto Sans CJK TC", "Noto Sans TC", "Source Han Sans TC", "Microsoft JhengHei", "PingFang TC", sans-serif; }
section:lang(en) { font-family: "Noto Sans", "Source Sans 3", "Segoe UI", "Helvetica Neue", Arial, "Liberation Sans", "DejaVu Sans", "Noto Sans CJK SC", "Microsoft YaHei", sans-serif; }
section h1 { font-size: 1.6em; margin: 0 0 0.4em; }
section h2 { font-size: 1.3em; margin: 0 0 0.5em; color: #246; }
section h3 { font-size: 1em; margin: 0.5em 0 0.2em; color: #48c; }
section p, section ul, section table, section blockquote { margin: 0 0 0.4em; }
section li + li { margin-top: 0.2em; }
section ol ol, section ul ol { list-style-type: decimal; }
section p > em:only-child { font-style: normal; font-size: 0.8em; color: #666; }
section blockquote { padding: 0.2em 0.8em; }
section table { font-size: 0.85em; }
section table th, section table td { padding: 0.15em 0.6em; }
section.title { place-content: safe center stretch; }
section.title h1 { border-bottom: none; }
section.timetable table { font-size: 0.8em; }
section.timetable.medium table { font-size: 0.9em; }
section.timetable.large table { font-size: 1em; }
section.break { place-content: safe center stretch; text-align: center; }`;
