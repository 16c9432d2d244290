// Accessibility checks in the real window: axe-core (ui/node_modules, version pinned in
// ui/package.json) run on a screen, and keyboard-only steps through the WebDriver actions API.
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { artifactsDir } from './webdriver.mjs';

const require = createRequire(new URL('../../ui/package.json', import.meta.url));
const AXE_PATH = require.resolve('axe-core/axe.min.js');
const AXE_SOURCE = readFileSync(AXE_PATH, 'utf8');
export const AXE_VERSION = JSON.parse(readFileSync(require.resolve('axe-core/package.json'), 'utf8')).version;

/** The WCAG 2.1 A and AA rules. */
export const WCAG_TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'];
/** Impacts that fail a test. */
export const FAILING = new Set(['serious', 'critical']);

/**
 * Puts axe into the page. WebDriver runs the script in the page's own world, outside its content
 * security policy (which allows no inline or injected script in the app), so the policy stays as it
 * is.
 */
async function inject(s) {
  const present = await s.execute('return typeof window.axe === "object" && typeof window.axe.run === "function";');
  if (present) return;
  await s.execute(`${AXE_SOURCE}\n;return typeof window.axe;`);
  const ok = await s.execute('return typeof window.axe === "object" ? window.axe.version : null;');
  if (!ok) throw new Error('axe-core could not be put into the page');
}

/**
 * Runs axe with the WCAG 2.1 A/AA rules on the page, or only inside `include` (a CSS selector).
 * Answers `{ violations, incomplete, passed }`: the violations and the checks axe could not decide
 * (each `{ id, impact, help, nodes: [{ target, summary }] }`), and the ids of the rules that passed.
 */
export async function axe(s, include = null) {
  await inject(s);
  const r = await s.executeAsync(
    `const done = arguments[arguments.length - 1];
     const context = arguments[0] ? { include: [[arguments[0]]] } : document;
     const found = (list) => list.map((v) => ({
       id: v.id, impact: v.impact, help: v.help,
       nodes: v.nodes.map((n) => ({ target: n.target.join(' '), summary: n.failureSummary })),
     }));
     window.axe
       .run(context, { runOnly: { type: 'tag', values: arguments[1] }, resultTypes: ['violations', 'incomplete'] })
       .then(
         (r) => done({ violations: found(r.violations), incomplete: found(r.incomplete), passed: r.passes.map((p) => p.id) }),
         (e) => done({ error: String(e && e.stack || e) }),
       );`,
    [include, WCAG_TAGS],
  );
  if (r.error) throw new Error(`axe.run: ${r.error}`);
  return r;
}

/** Collects axe's findings per screen and writes them as JSON and as a short text. */
export class Report {
  constructor(name) {
    this.name = name;
    this.screens = {};
  }

  /** Runs axe on `screen` (all of the page, or `include`), records it and answers the failing ones. */
  async check(s, screen, include = null) {
    const { violations, incomplete, passed } = await axe(s, include);
    this.screens[screen] = { include, violations, incomplete, passed };
    this.write();
    return violations.filter((v) => FAILING.has(v.impact));
  }

  write() {
    const dir = artifactsDir();
    mkdirSync(dir, { recursive: true });
    const json = { axe: AXE_VERSION, tags: WCAG_TAGS, fails_on: [...FAILING], screens: this.screens };
    writeFileSync(join(dir, `${this.name}.json`), `${JSON.stringify(json, null, 2)}\n`);
    const lines = [`axe-core ${AXE_VERSION}, rules tagged ${WCAG_TAGS.join(', ')}; fails on ${[...FAILING].join(', ')}`];
    for (const [screen, { include, violations, incomplete, passed }] of Object.entries(this.screens)) {
      const where = include ? ` (${include})` : '';
      const found = violations.map((v) => `${v.id} [${v.impact}, ${v.nodes.length}×]`);
      const open = incomplete.map((v) => `${v.id} [${v.nodes.length}×]`);
      lines.push(
        `${screen}${where}: ${found.length ? `violations: ${found.join(', ')}` : 'no violations'}; ` +
          `${passed.length} rules passed${open.length ? `; not decided by axe (review): ${open.join(', ')}` : ''}`,
      );
    }
    writeFileSync(join(dir, `${this.name}.txt`), `${lines.join('\n')}\n`);
  }
}

/** A readable line per failing violation, for an assertion message. */
export function describe(violations) {
  return violations
    .map((v) => `${v.id} (${v.impact}): ${v.help}\n${v.nodes.map((n) => `  ${n.target}: ${n.summary}`).join('\n')}`)
    .join('\n');
}

// WebDriver's key codes.
export const KEY = {
  Tab: '\uE004',
  Enter: '\uE007',
  Shift: '\uE008',
  Control: '\uE009',
  Escape: '\uE00C',
  Space: '\uE00D',
  End: '\uE010',
  Home: '\uE011',
  Left: '\uE012',
  Up: '\uE013',
  Right: '\uE014',
  Down: '\uE015',
  Backspace: '\uE003',
};

/** Presses `keys` one after another (each a WebDriver key or a character), as the keyboard does. */
export async function press(s, ...keys) {
  const actions = [];
  for (const k of keys) actions.push({ type: 'keyDown', value: k }, { type: 'keyUp', value: k });
  await s.cmd('POST', '/actions', { actions: [{ type: 'key', id: 'keyboard', actions }] });
  await s.cmd('DELETE', '/actions');
}

/** Ctrl+A: selects all of the focused field's text, so what is typed next replaces it. */
export async function selectAll(s) {
  await s.cmd('POST', '/actions', {
    actions: [
      {
        type: 'key',
        id: 'keyboard',
        actions: [
          { type: 'keyDown', value: KEY.Control },
          { type: 'keyDown', value: 'a' },
          { type: 'keyUp', value: 'a' },
          { type: 'keyUp', value: KEY.Control },
        ],
      },
    ],
  });
  await s.cmd('DELETE', '/actions');
}

/** Types `text` into whatever has the focus, key by key. */
export function typeKeys(s, text) {
  return press(s, ...[...String(text)]);
}

/** Shift+Tab. */
export async function backTab(s) {
  await s.cmd('POST', '/actions', {
    actions: [
      {
        type: 'key',
        id: 'keyboard',
        actions: [
          { type: 'keyDown', value: KEY.Shift },
          { type: 'keyDown', value: KEY.Tab },
          { type: 'keyUp', value: KEY.Tab },
          { type: 'keyUp', value: KEY.Shift },
        ],
      },
    ],
  });
  await s.cmd('DELETE', '/actions');
}

/** What has the focus: its test id, tag, role, accessible text and whether it shows a focus ring. */
export function focused(s) {
  return s.execute(`
    const el = document.activeElement;
    if (!el || el === document.body) return null;
    const style = getComputedStyle(el);
    // The ring may be drawn on the control or on the label that wraps it (a radio or checkbox answer).
    const drawn = (e) => {
      const st = getComputedStyle(e);
      return st.outlineStyle !== 'none' && parseFloat(st.outlineWidth) >= 2;
    };
    const wrap = el.closest('label');
    const ring = drawn(el) || (!!wrap && drawn(wrap));
    const label = el.getAttribute('aria-label') || (el.labels && el.labels[0] ? el.labels[0].innerText : '') || el.innerText || el.value || '';
    const r = el.getBoundingClientRect();
    return {
      testid: el.dataset.testid || null,
      within: el.parentElement?.closest('[data-testid]')?.dataset.testid || null,
      tag: el.tagName.toLowerCase(),
      type: el.type || null,
      label: label.trim().slice(0, 80),
      ring,
      top: r.top + window.scrollY,
      left: r.left + window.scrollX,
      focusVisible: el.matches(':focus-visible'),
    };
  `);
}

/** Whether the focus is inside `css`. */
export function focusWithin(s, css) {
  return s.execute('const c = document.querySelector(arguments[0]); return !!c && c.contains(document.activeElement);', [css]);
}

/**
 * Presses Tab (or Shift+Tab with `back`) until `predicate(focused)` holds, at most `max` times;
 * answers the elements passed on the way (the last one the one found). Throws when not found.
 */
export async function tabTo(s, predicate, { max = 80, back = false } = {}) {
  const seen = [];
  for (let i = 0; i < max; i++) {
    if (back) await backTab(s);
    else await press(s, KEY.Tab);
    const f = await focused(s);
    seen.push(f);
    if (f && predicate(f)) return seen;
  }
  throw new Error(`not reached with ${max} × ${back ? 'Shift+Tab' : 'Tab'}; passed: ${seen.map((f) => f && (f.testid || f.label)).join(' → ')}`);
}

/** Tabs to the element with test id `testid`. */
export function tabToId(s, testid, opts) {
  return tabTo(s, (f) => f.testid === testid, opts);
}
