// Minimal W3C WebDriver client for driving the Tauri app through tauri-driver.
//
// No dependencies: plain `fetch` (Node >= 20). tauri-driver listens on
// http://127.0.0.1:4444 (override with TAURI_DRIVER_URL) and forwards to
// WebKitWebDriver, which launches the app binary and attaches to its webview.
//
// How per-launch settings reach the app:
//   * `tauri:options` supports exactly two keys, `application` and `args`
//     (tauri-driver maps them to `webkitgtk:browserOptions` {binary, args};
//     WebKitWebDriver execs `binary args...` verbatim). There is no per-session
//     environment in either driver.
//   * So `launch({ dataDir })` passes `--data-dir <dataDir>` as args AND, to set
//     environment variables (OPNAMEWIJS_DATA_DIR=<dataDir> plus any `env`), it
//     points `application` at a tiny generated `/bin/sh` wrapper that exports the
//     variables and `exec`s the real binary with "$@" (same pid, so WebKitWebDriver
//     tracks/kills the real app). The wrapper lives in a temp dir removed on close().

import { Buffer } from 'node:buffer';
import { accessSync, constants as fsConstants, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, isAbsolute, join, resolve } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';

export const DRIVER_URL = (process.env.TAURI_DRIVER_URL || 'http://127.0.0.1:4444').replace(/\/+$/, '');
export const ELEMENT_KEY = 'element-6066-11e4-a52e-4f735466cecf';
export const DEFAULT_TIMEOUT = 10_000;
const POLL_INTERVAL = 100;
/** Per-HTTP-request limit; session creation starts the app, so it gets longer. */
const REQUEST_TIMEOUT = 60_000;
const SESSION_CREATE_TIMEOUT = 120_000;

/** Errors that mean "try again shortly" while waiting for the UI to settle. */
const TRANSIENT = new Set([
  'no such element',
  'stale element reference',
  'element not interactable',
  'element click intercepted',
]);

/** CSS selector for `data-testid="name"`. */
export const tid = (name) => `[data-testid="${name}"]`;

/** Directory for screenshots and other artifacts (OPNAMEWIJS_E2E_ARTIFACTS or target/e2e-artifacts). */
export function artifactsDir() {
  return resolve(process.env.OPNAMEWIJS_E2E_ARTIFACTS || 'target/e2e-artifacts');
}

/** A fresh empty temp directory, e.g. for a per-test app data dir. */
export function tempDir(prefix = 'opnamewijs-e2e-') {
  return mkdtempSync(join(tmpdir(), prefix));
}

/** W3C element reference, for passing element ids as `execute` arguments. */
export const elementRef = (id) => ({ [ELEMENT_KEY]: id });

export class WebDriverError extends Error {
  constructor({ method, path, status, error, message, body }) {
    const what = error ? `${error}: ${message ?? ''}` : (message ?? body ?? '');
    super(`WebDriver ${method} ${path} failed (HTTP ${status}) ${what}`.trim());
    this.name = 'WebDriverError';
    this.status = status;
    this.error = error; // W3C error code, e.g. "no such element"
    this.wdMessage = message;
    this.method = method;
    this.path = path;
  }
}

/** One raw WebDriver call; returns the response's `value` or throws WebDriverError. */
export async function request(method, path, body, { timeout = REQUEST_TIMEOUT } = {}) {
  const url = DRIVER_URL + path;
  let res;
  try {
    res = await fetch(url, {
      method,
      headers: body === undefined ? {} : { 'content-type': 'application/json; charset=utf-8' },
      body: body === undefined ? undefined : JSON.stringify(body),
      signal: AbortSignal.timeout(timeout),
    });
  } catch (e) {
    const cause = e?.cause?.code || e?.cause?.message || e?.message || String(e);
    throw new Error(
      `WebDriver ${method} ${path}: cannot reach tauri-driver at ${DRIVER_URL} (${cause}). ` +
        'Is tauri-driver running? Use tests/e2e/run.sh <app binary>.',
      { cause: e },
    );
  }
  const text = await res.text();
  let json;
  try {
    json = text ? JSON.parse(text) : {};
  } catch {
    json = undefined;
  }
  const value = json?.value;
  if (!res.ok || (value && typeof value === 'object' && typeof value.error === 'string')) {
    throw new WebDriverError({
      method,
      path,
      status: res.status,
      error: value?.error,
      message: value?.message,
      body: json === undefined ? text.slice(0, 500) : undefined,
    });
  }
  return value ?? null;
}

/** GET /status of tauri-driver (forwarded to WebKitWebDriver). */
export function status() {
  return request('GET', '/status');
}

const shQuote = (s) => `'${String(s).replace(/'/g, `'\\''`)}'`;

function makeWrapper(application, env) {
  const dir = mkdtempSync(join(tmpdir(), 'opnamewijs-e2e-launch-'));
  const lines = ['#!/bin/sh'];
  for (const [key, val] of Object.entries(env)) {
    if (!/^[A-Za-z_][A-Za-z0-9_]*$/.test(key)) throw new Error(`launch: invalid env var name ${JSON.stringify(key)}`);
    if (val === undefined || val === null) lines.push(`unset ${key}`);
    else lines.push(`export ${key}=${shQuote(val)}`);
  }
  lines.push(`exec ${shQuote(application)} "$@"`, '');
  const path = join(dir, 'launch-app.sh');
  writeFileSync(path, lines.join('\n'), { mode: 0o755 });
  return { dir, path };
}

/**
 * Start the app (a new WebDriver session) and return a Session.
 *
 * @param {object}   [o]
 * @param {string}   [o.application]  absolute path of the app binary (default: $OPNAMEWIJS_APP)
 * @param {string}   [o.dataDir]      app data dir; created if missing; passed as `--data-dir <dir>`
 *                                    and as env OPNAMEWIJS_DATA_DIR
 * @param {object}   [o.env]          extra env vars for the app process (value null/undefined = unset)
 * @param {string[]} [o.args]         extra command-line args (after --data-dir)
 * @param {boolean}  [o.dataDirArg]   pass `--data-dir` on the command line (default true)
 * @param {number}   [o.timeout]      default wait timeout for the Session's find/wait methods (ms)
 */
export async function launch({
  application = process.env.OPNAMEWIJS_APP,
  dataDir,
  env = {},
  args = [],
  dataDirArg = true,
  timeout = DEFAULT_TIMEOUT,
} = {}) {
  if (!application) throw new Error('launch: no application given and OPNAMEWIJS_APP is not set');
  if (!isAbsolute(application)) application = resolve(application);
  try {
    accessSync(application, fsConstants.X_OK);
  } catch {
    throw new Error(`launch: app binary ${application} does not exist or is not executable`);
  }

  const appArgs = [];
  const appEnv = { ...env };
  if (dataDir) {
    dataDir = resolve(dataDir);
    mkdirSync(dataDir, { recursive: true });
    if (dataDirArg) appArgs.push('--data-dir', dataDir);
    appEnv.OPNAMEWIJS_DATA_DIR = dataDir;
  }
  appArgs.push(...args);

  let wrapper = null;
  let binary = application;
  if (Object.keys(appEnv).length > 0) {
    wrapper = makeWrapper(application, appEnv);
    binary = wrapper.path;
  }

  const caps = { capabilities: { alwaysMatch: { 'tauri:options': { application: binary, args: appArgs } } } };
  let value;
  try {
    value = await request('POST', '/session', caps, { timeout: SESSION_CREATE_TIMEOUT });
  } catch (e) {
    if (wrapper) rmSync(wrapper.dir, { recursive: true, force: true });
    e.message = `launch ${application} ${appArgs.join(' ')}: ${e.message}`;
    throw e;
  }
  const id = value?.sessionId;
  if (!id) throw new Error(`launch: no sessionId in new-session response ${JSON.stringify(value)}`);
  return new Session(id, { timeout, wrapperDir: wrapper?.dir, application, dataDir });
}

export class Session {
  constructor(id, { timeout = DEFAULT_TIMEOUT, wrapperDir = null, application, dataDir } = {}) {
    this.id = id;
    this.timeout = timeout;
    this.application = application;
    this.dataDir = dataDir;
    this._wrapperDir = wrapperDir;
    this._closed = false;
  }

  /** Raw session-scoped command, e.g. cmd('GET', '/title'). */
  cmd(method, path, body) {
    return request(method, `/session/${this.id}${path}`, body);
  }

  /** Poll `fn` until it returns without a transient WebDriver error, or time out. */
  async _retry(css, timeout, fn) {
    const deadline = Date.now() + (timeout ?? this.timeout);
    for (;;) {
      try {
        return await fn();
      } catch (e) {
        if (!(e instanceof WebDriverError) || !TRANSIENT.has(e.error)) throw e;
        if (Date.now() >= deadline) {
          throw new Error(
            `Timed out after ${timeout ?? this.timeout} ms waiting for ${JSON.stringify(css)} ` +
              `(last error: ${e.error}).\n${await this._describePage()}`,
            { cause: e },
          );
        }
      }
      await sleep(POLL_INTERVAL);
    }
  }

  async _describePage() {
    try {
      const t = await this.pageText();
      return `Visible page text:\n-----\n${t.length > 3000 ? t.slice(0, 3000) + '\n[...]' : t}\n-----`;
    } catch (e) {
      return `(could not read page text: ${e.message})`;
    }
  }

  async _findNow(css) {
    const v = await this.cmd('POST', '/element', { using: 'css selector', value: css });
    return v[ELEMENT_KEY];
  }

  /** Wait (default timeout) for an element matching `css`; returns its element id. */
  find(css, { timeout } = {}) {
    return this._retry(css, timeout, () => this._findNow(css));
  }

  /** All elements matching `css` right now (no waiting); returns element ids. */
  async findAll(css) {
    const v = await this.cmd('POST', '/elements', { using: 'css selector', value: css });
    return v.map((e) => e[ELEMENT_KEY]);
  }

  /** True if at least one element matches `css` right now (no waiting). */
  async exists(css) {
    return (await this.findAll(css)).length > 0;
  }

  /** Wait until no element matches `css`. */
  async waitGone(css, { timeout } = {}) {
    const t = timeout ?? this.timeout;
    const deadline = Date.now() + t;
    while (await this.exists(css)) {
      if (Date.now() >= deadline) {
        throw new Error(`Timed out after ${t} ms waiting for ${JSON.stringify(css)} to disappear.\n${await this._describePage()}`);
      }
      await sleep(POLL_INTERVAL);
    }
  }

  /** Wait for `css`, then click it (retries while stale/not interactable/intercepted). */
  click(css, { timeout } = {}) {
    return this._retry(css, timeout, async () => {
      const id = await this._findNow(css);
      await this.cmd('POST', `/element/${id}/click`, {});
    });
  }

  /** Wait for `css`, clear it, then type `text` (WebDriver send keys). */
  type(css, text, { timeout } = {}) {
    return this._retry(css, timeout, async () => {
      const id = await this._findNow(css);
      await this.cmd('POST', `/element/${id}/clear`, {});
      await this.cmd('POST', `/element/${id}/value`, { text: String(text) });
    });
  }

  /** Wait for `css`; return its rendered text. */
  text(css, { timeout } = {}) {
    return this._retry(css, timeout, async () => {
      const id = await this._findNow(css);
      return this.cmd('GET', `/element/${id}/text`);
    });
  }

  /** Wait for `css`; return its `value` DOM property (inputs, selects, textareas). */
  value(css, { timeout } = {}) {
    return this._retry(css, timeout, async () => {
      const id = await this._findNow(css);
      return this.cmd('GET', `/element/${id}/property/value`);
    });
  }

  /** Wait for `css`; return the given attribute (null if absent). */
  attribute(css, name, { timeout } = {}) {
    return this._retry(css, timeout, async () => {
      const id = await this._findNow(css);
      return this.cmd('GET', `/element/${id}/attribute/${encodeURIComponent(name)}`);
    });
  }

  /** Poll until the text of `css` includes `substring`; returns the full text. */
  async waitForText(css, substring, { timeout } = {}) {
    const t = timeout ?? this.timeout;
    const deadline = Date.now() + t;
    let last = '(element never found)';
    for (;;) {
      try {
        last = await this.cmd('GET', `/element/${await this._findNow(css)}/text`);
        if (last.includes(substring)) return last;
      } catch (e) {
        if (!(e instanceof WebDriverError) || !TRANSIENT.has(e.error)) throw e;
      }
      if (Date.now() >= deadline) {
        throw new Error(
          `Timed out after ${t} ms waiting for ${JSON.stringify(css)} to contain ${JSON.stringify(substring)}; ` +
            `last text: ${JSON.stringify(last)}.\n${await this._describePage()}`,
        );
      }
      await sleep(POLL_INTERVAL);
    }
  }

  /** Visible text of the whole page (document.body.innerText). */
  async pageText() {
    return (await this.execute('return document.body ? document.body.innerText : "";')) ?? '';
  }

  /** Run a synchronous script in the page (`arguments[i]` = args[i]); returns its result. */
  execute(script, args = []) {
    return this.cmd('POST', '/execute/sync', { script, args });
  }

  /** Run an async script; it must call `arguments[arguments.length - 1](result)`. */
  executeAsync(script, args = []) {
    return this.cmd('POST', '/execute/async', { script, args });
  }

  /**
   * Save a PNG screenshot of the window. A relative path is put under artifactsDir().
   * Returns the absolute path written.
   */
  async screenshot(path) {
    const b64 = await this.cmd('GET', '/screenshot');
    const out = isAbsolute(path) ? path : join(artifactsDir(), path);
    mkdirSync(dirname(out), { recursive: true });
    writeFileSync(out, Buffer.from(b64, 'base64'));
    return out;
  }

  /** End the session (closes the app). Never throws; safe to call twice. */
  async close() {
    if (this._closed) return;
    this._closed = true;
    try {
      await request('DELETE', `/session/${this.id}`, undefined, { timeout: 30_000 });
    } catch {
      // app or driver already gone: nothing to do
    }
    if (this._wrapperDir) rmSync(this._wrapperDir, { recursive: true, force: true });
  }
}

/**
 * Launch the app, run `fn(session)`, always close it. On failure a screenshot
 * `<name>.png` is saved under artifactsDir() (best effort) before rethrowing.
 */
export async function withApp(name, options, fn) {
  const session = await launch(options);
  try {
    return await fn(session);
  } catch (e) {
    try {
      const safe = String(name).replace(/[^A-Za-z0-9._-]+/g, '_');
      const file = await session.screenshot(`${safe}.png`);
      e.message += `\n(screenshot: ${file})`;
    } catch {
      // no screenshot possible (app died?)
    }
    throw e;
  } finally {
    await session.close();
  }
}
