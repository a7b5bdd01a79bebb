// The handbook output as a user builds it: one learner handbook and one trainer guide per role, valid
// HTML (html-validate, standard preset), trainer content only in the guide, each session printed once.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { HtmlValidate } from 'html-validate';
import { beforeAll, describe, expect, it } from 'vitest';
import { fixture, runCli, tempDir } from './helpers/cli.js';

const SOURCE = fixture('valid', 'handbook-full');
let out: string;
const read = (path: string) => readFileSync(join(out, path), 'utf8');
const count = (text: string, needle: string) => text.split(needle).length - 1;

beforeAll(() => {
  out = join(tempDir(), 'dist');
  const r = runCli(['build', SOURCE, '-o', out, '--only', 'handbook']);
  expect(r.stderr).toMatch(/Wrote \d+ files/);
  expect(r.status).toBe(0);
});

describe('handbook output of test/fixtures/valid/handbook-full', () => {
  it('writes a handbook and a trainer guide per role, linked from index.html', () => {
    for (const role of ['agent', 'lead']) {
      for (const page of ['handbook.html', 'trainer-guide.html']) expect(existsSync(join(out, 'roles', role, page))).toBe(true);
    }
    expect(read('index.html')).toContain('href="roles/agent/trainer-guide.html"');
  });

  it('passes html-validate (standard preset) with no errors', async () => {
    const validator = new HtmlValidate({ extends: ['html-validate:standard'] });
    for (const page of ['roles/agent/handbook.html', 'roles/agent/trainer-guide.html', 'roles/lead/handbook.html', 'roles/lead/trainer-guide.html']) {
      const report = await validator.validateString(read(page), page);
      const messages = report.results.flatMap((r) => r.messages.map((m) => `${page}:${m.line} ${m.ruleId} ${m.message}`));
      expect(messages).toEqual([]);
    }
  });

  it('sets the language, links the print stylesheet, and prints the edition date from SOURCE_DATE_EPOCH on the cover', () => {
    const html = read('roles/agent/handbook.html');
    expect(html).toMatch(/^<!DOCTYPE html>\n<html lang="zh-CN">/);
    expect(html).toContain('<link rel="stylesheet" href="../../assets/handbook.css">');
    expect(existsSync(join(out, 'assets/handbook.css'))).toBe(true);
    expect(html).toMatch(/<dt>版本日期<\/dt><dd>2026-11-01<\/dd>/);
    expect(html).toContain('@bottom-right { content: "第 " counter(page) " 页 / 共 " counter(pages) " 页"; }');
  });

  it('keeps trainer notes, methods, answers and rubrics out of the learner handbook', () => {
    const learner = read('roles/agent/handbook.html');
    const trainer = read('roles/agent/trainer-guide.html');
    for (const secret of ['讲师秘籍', '讲师提示', 'trainer-panel', '正确答案', '先听清楚再处理', '评分标准', '威吓型', '讲授、角色扮演']) {
      expect(learner).not.toContain(secret);
      expect(trainer).toContain(secret);
    }
    expect(trainer).toContain('<li class="correct"><span class="opt-letter">B</span>用心聆听</li>');
    expect(trainer).toContain('<p class="q-answer"><strong>正确答案：</strong>A. 倾听；C. 致歉</p>');
    expect(learner).toMatch(/<th scope="row">及格线<\/th><td>80%<\/td>/);
  });

  it('prints the timetable from the computed schedule, with dates of the cohort and block days folded, each date and time unbroken', () => {
    const html = read('roles/agent/trainer-guide.html');
    expect(html).toContain('<tr class="tt-session"><td class="tt-time">10:30–11:30</td><td><a href="#session-basics--scripts">话术练习</a></td><td class="num">60 分钟</td><td>李雷</td><td>101 教室</td></tr>');
    expect(html).toContain('<h4 class="tt-day-head"><span class="tt-label">第3–4天</span> 跟岗实践</h4>');
    expect(html).toContain('<span class="nowrap">2027-03-03 周三</span> – <span class="nowrap">2027-03-04 周四</span> · 客服部');
    expect(html).toContain('<p class="tt-block-line"><span class="nowrap">09:00–17:30</span> · 负责人：王芳</p>');
    expect(html).toContain('<dt>日程安排</dt><dd>第1天 <span class="nowrap">10:30–11:30</span> · 新员工入职培训 · 李雷 · 101 教室<br>第2天 <span class="nowrap">09:00–10:00</span>');
  });

  it('prints a session used in several programmes once and links to it from the others', () => {
    const html = read('roles/agent/handbook.html');
    expect(count(html, 'id="session-basics--scripts"')).toBe(1);
    expect(html).toContain('本课程已收录于“新员工入职培训”部分，请参阅： <a href="#session-basics--scripts">话术练习</a>');
    expect(count(html, 'class="line side-a is-customer"')).toBe(2);
  });

  it('resolves links between sessions, rewrites local images to the copied files, and unlinks the unsafe', () => {
    const agent = read('roles/agent/handbook.html');
    expect(agent).toContain('下一课见<a href="#session-basics--scripts">话术练习</a>，升级处理见<a href="#session-advanced--escalation">升级课</a>');
    expect(agent).toContain('<img src="../../files/assets/flow.png" alt="倾听示意图">');
    expect(readFileSync(join(out, 'files/assets/flow.png')).subarray(1, 4).toString()).toBe('PNG');
    expect(agent).toContain('<p>危险链接</p>');
    expect(agent).not.toMatch(/<script|javascript:/);
    const lead = read('roles/lead/handbook.html');
    expect(lead).toContain('回到上一课。');
    expect(lead).not.toContain('session-basics--welcome');
  });

  it('shows each competency of the role with the sessions and assessments that teach it', () => {
    const html = read('roles/agent/handbook.html');
    expect(html).toContain('<tr><th scope="row">投诉处理</th><td><a href="#session-basics--scripts">话术练习</a></td></tr>');
  });
});

describe('handbooks of the sample curriculum', () => {
  it('pass html-validate (standard preset) with no errors, every role and edition', async () => {
    const dir = join(tempDir(), 'dist');
    const r = runCli(['build', 'curricula', '-o', dir, '--only', 'handbook']);
    expect(r.status).toBe(0);
    const validator = new HtmlValidate({ extends: ['html-validate:standard'] });
    const roles = readdirSync(join(dir, 'roles'));
    expect(roles.length).toBeGreaterThanOrEqual(4);
    for (const role of roles) {
      for (const page of ['handbook.html', 'trainer-guide.html']) {
        const report = await validator.validateString(readFileSync(join(dir, 'roles', role, page), 'utf8'), `${role}/${page}`);
        expect(report.results.flatMap((x) => x.messages.map((m) => `${role}/${page}:${m.line} ${m.ruleId} ${m.message}`))).toEqual([]);
      }
    }
  });
});

describe('--role', () => {
  it('builds only the books of the roles asked for', () => {
    const dir = join(tempDir(), 'dist');
    const r = runCli(['build', SOURCE, '-o', dir, '--only', 'handbook', '--role', 'lead']);
    expect(r.status).toBe(0);
    expect(existsSync(join(dir, 'roles/lead/handbook.html'))).toBe(true);
    expect(existsSync(join(dir, 'roles/agent'))).toBe(false);
  });
});
