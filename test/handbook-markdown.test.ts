// Session Markdown → handbook HTML: the learner view drops trainer blocks from the tree, the format's
// blocks become their markup, scripts become dialogues, and nothing unsafe survives sanitising.
import { describe, expect, it } from 'vitest';
import { visit } from 'unist-util-visit';
import { blankFrontMatter, parseMarkdown } from '../src/markdown/parse.js';
import { learnerView, sessionToHtml, type SessionHtmlOptions } from '../src/markdown/to-html.js';

const labels = { activity: '练习', script: '话术', tip: '提示', warning: '注意', homework: '课后作业', trainerNote: '讲师提示', minutes: '分钟', footnotes: '注释' };

function render(markdown: string, options: Partial<SessionHtmlOptions> = {}): string {
  return sessionToHtml(parseMarkdown(markdown), { view: 'learner', idPrefix: 's-a--b--', headingShift: 2, resolveUrl: (u) => u, labels, ...options });
}

describe('learner and trainer views', () => {
  const md = '# 标题\n\n正文\n\n:::trainer\n讲师秘籍\n:::\n\n:::activity{minutes=5}\n练习\n\n:::trainer\n嵌套秘籍\n:::\n:::\n';

  it('removes every :::trainer block from the learner tree, nested ones too, without touching the original', () => {
    const tree = parseMarkdown(md);
    const names: string[] = [];
    visit(learnerView(tree), 'containerDirective', (n) => void names.push(n.name));
    expect(names).toEqual(['activity']);
    const original: string[] = [];
    visit(tree, 'containerDirective', (n) => void original.push(n.name));
    expect(original).toEqual(['trainer', 'activity', 'trainer']);
  });

  it('keeps trainer notes, clearly marked, in the trainer view only', () => {
    expect(render(md)).not.toContain('秘籍');
    const trainer = render(md, { view: 'trainer' });
    expect(trainer).toContain('<div class="trainer-note"><p class="trainer-head"><span class="block-label">讲师提示</span></p><p>讲师秘籍</p></div>');
    expect(trainer).toContain('嵌套秘籍');
  });
});

describe('blocks', () => {
  it('renders an activity with its title and minutes, homework and both callouts', () => {
    const html = render(':::activity{minutes=20 title="复述练习"}\n两人一组。\n:::\n\n:::homework\n写记录。\n:::\n\n:::tip[自定义标题]\n微笑。\n:::\n\n:::warning\n别打断。\n:::\n');
    expect(html).toContain('<section class="block block-activity"><p class="block-head"><span class="block-label">练习</span><span class="block-title">复述练习</span><span class="block-time">20 分钟</span></p><p>两人一组。</p></section>');
    expect(html).toContain('<section class="block block-homework"><p class="block-head"><span class="block-label">课后作业</span></p>');
    expect(html).toContain('<div class="callout callout-tip"><p class="callout-head"><span class="block-label">提示</span><span class="block-title">自定义标题</span></p><p>微笑。</p></div>');
    expect(html).toContain('<div class="callout callout-warning">');
  });

  it('turns script lines into a dialogue: customer and agent on different sides, continuation lines joined', () => {
    const md = ':::script{title="催单"}\n客户：说好今天送货！\n客服：非常抱歉。\n我马上查询。\nCustomer: where is it?\n:::\n';
    const html = render(md);
    expect(html).toContain('<figure class="script"><figcaption class="script-head"><span class="block-label">话术</span><span class="block-title">催单</span></figcaption>');
    expect(html).toContain('<p class="line side-a is-customer"><span class="speaker">客户</span><span class="utterance">说好今天送货！</span></p>');
    expect(html).toContain('<p class="line side-b is-agent"><span class="speaker">客服</span><span class="utterance">非常抱歉。<br>\n我马上查询。</span></p>');
    expect(html).toContain('<p class="line side-a is-customer"><span class="speaker">Customer</span>');
  });

  it('keeps script lines apart even where a line ends and the next begins with a CJK character', () => {
    const file = '---\ntitle: x\n---\n\n:::script\n客户：快递晚了三天！\n客服：非常抱歉。\n客户：好的\n:::\n';
    const body = blankFrontMatter(file, file.indexOf('---', 3) + 4);
    expect(render(body).match(/class="line /g)?.length).toBe(3);
  });

  it('gives speakers without a customer the two sides in order of appearance', () => {
    const html = render(':::script\n组长：开场很规范。\n专员：谢谢。\n主管：补充一句。\n:::\n');
    expect(html).toContain('<p class="line side-a"><span class="speaker">组长</span>');
    expect(html).toContain('<p class="line side-b"><span class="speaker">专员</span>');
    expect(html).toContain('<p class="line side-c"><span class="speaker">主管</span>');
  });

  it('leaves times and colons in ordinary text alone', () => {
    expect(render('每天 09:00 开始，客户:您好。\n')).toBe('<p>每天 09:00 开始，客户:您好。</p>');
  });
});

describe('sanitising, ids and links', () => {
  it('drops raw HTML, scripts, event handlers and javascript: URLs', () => {
    const html = render('<script>alert(1)</script>\n\n<img src=x onerror="alert(1)">\n\n<p style="color:red">红</p>\n\n[a](javascript:alert(1)) [b](data:text/html,x)\n', { resolveUrl: (u) => u });
    expect(html).not.toMatch(/<script|onerror|style=|javascript:|data:/i);
    expect(html).toContain('<a>a</a>');
  });

  it('prefixes heading ids with the session, shifts heading levels and keeps ids unique', () => {
    const html = render('## 倾听\n\n### 倾听\n\n正文[^1]\n\n[^1]: 注\n');
    expect(html).toContain('<h4 id="s-a--b--倾听">倾听</h4>');
    expect(html).toContain('<h5 id="s-a--b--倾听-1">倾听</h5>');
    expect(html).toContain('id="s-a--b--note-fn-1"');
    expect(html).toContain('id="s-a--b--footnote-label"');
    expect(html).not.toMatch(/id="(footnote-label|user-content-)/);
  });

  it('asks the page how to resolve links and images; unresolved ones keep only their text', () => {
    const html = render('[下一课](02-x.md) [外部](https://example.com) ![图](img.png) ![丢](gone.png)\n', {
      resolveUrl: (u, kind) => (u === '02-x.md' ? '#session-m--x' : u.startsWith('https:') ? u : kind === 'image' && u === 'img.png' ? '../../files/img.png' : undefined),
    });
    expect(html).toBe('<p><a href="#session-m--x">下一课</a> <a href="https://example.com">外部</a> <img src="../../files/img.png" alt="图"> 丢</p>');
  });

  it('writes GFM column alignment as classes, not the obsolete align attribute', () => {
    const html = render('| a | b |\n| :-: | --: |\n| 1 | 2 |\n');
    expect(html).toContain('<th class="align-center">a</th>');
    expect(html).toContain('<td class="align-right">2</td>');
    expect(html).not.toContain('align="');
  });
});
