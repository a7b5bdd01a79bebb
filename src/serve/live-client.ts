// The script `cs-train serve` adds to every HTML page it serves (never to built files): it listens for
// server-sent events, reloads the page when it or a stylesheet changed, and shows build errors as an
// overlay while the last good page stays underneath.

/** URL of the event stream. */
export const EVENTS_PATH = '/__cs-train/events';
/** URL of the client script. */
export const CLIENT_PATH = '/__cs-train/live.js';

/** The tag inserted into served HTML. */
export const CLIENT_TAG = `<script src="${CLIENT_PATH}" defer></script>`;

/** Insert the client tag before the last `</body>`, or at the end when there is none. */
export function injectClient(html: string): string {
  const at = html.toLowerCase().lastIndexOf('</body>');
  return at === -1 ? html + CLIENT_TAG : html.slice(0, at) + CLIENT_TAG + html.slice(at);
}

/** The browser side, plain ES2017 with DOM calls only (no innerHTML: messages are text). */
export const CLIENT_SCRIPT = `(() => {
  const here = () => {
    let p = decodeURIComponent(location.pathname).replace(/^\\/+/, '');
    if (p === '' || p.endsWith('/')) p += 'index.html';
    return p;
  };
  const affectsEveryPage = /\\.(css|js|png|jpe?g|gif|svg|webp|woff2?)$/i;
  let overlay;
  const el = (tag, text, css) => {
    const e = document.createElement(tag);
    if (text) e.textContent = text;
    if (css) e.style.cssText = css;
    return e;
  };
  const hide = () => {
    if (overlay) overlay.remove();
    overlay = undefined;
  };
  const show = (report) => {
    hide();
    overlay = el('div', '', 'position:fixed;inset:0;z-index:2147483647;overflow:auto;box-sizing:border-box;padding:24px 32px;background:rgba(24,24,27,.94);color:#f4f4f5;font:14px/1.55 ui-monospace,SFMono-Regular,Menlo,Consolas,monospace;text-align:left');
    overlay.id = 'cs-train-overlay';
    overlay.setAttribute('role', 'alert');
    const close = el('button', '×', 'float:right;font:inherit;font-size:20px;background:none;color:inherit;border:0;cursor:pointer');
    close.title = 'Hide';
    close.onclick = hide;
    overlay.append(close, el('h2', report.title, 'margin:0 0 16px;padding:0;border:0;font:bold 18px/1.4 system-ui,sans-serif;color:#fca5a5'));
    for (const d of report.diagnostics) {
      const item = el('div', '', 'margin:0 0 14px');
      const colour = d.severity === 'error' ? '#f87171' : '#fbbf24';
      item.append(el('div', d.file + ':' + d.line + ':' + d.column, 'font-weight:bold'));
      const msg = el('div', '');
      msg.append(el('span', d.severity + ' ', 'color:' + colour), document.createTextNode(d.message + ' '), el('span', '[' + d.rule + ']', 'color:#a1a1aa'));
      item.append(msg);
      if (d.hint) item.append(el('div', 'hint: ' + d.hint, 'color:#67e8f9'));
      overlay.append(item);
    }
    if (report.internal) overlay.append(el('pre', report.internal, 'white-space:pre-wrap'));
    overlay.append(el('p', 'Fix the file and save: this page updates by itself. Underneath is the last build without errors.', 'margin:0;color:#a1a1aa'));
    document.body.append(overlay);
  };
  const events = new EventSource('${EVENTS_PATH}');
  events.addEventListener('open', () => { document.documentElement.dataset.csTrainLive = 'connected'; });
  events.addEventListener('failed', (e) => show(JSON.parse(e.data)));
  events.addEventListener('ok', hide);
  events.addEventListener('reload', (e) => {
    const d = JSON.parse(e.data);
    const page = here();
    if (d.all || d.paths.some((p) => p === page || affectsEveryPage.test(p))) location.reload();
  });
})();
`;

/** The page served while no build has succeeded yet. */
export function waitingPage(): string {
  return '<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>cs-train serve</title></head>' +
    '<body><p>cs-train serve: waiting for a build without errors. Fix the problems shown in the terminal and save.</p>' +
    `${CLIENT_TAG}</body></html>`;
}
