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
//   * So `launch({ dataDir })` passes `--data-dir <dataDir>` as args AND points
//     `application` at a tiny generated `/bin/sh` wrapper that exports
//     OPNAMEWIJS_DATA_DIR=<dataDir> (plus any `env`), records its pid and `exec`s
//     the real binary with "$@" (same pid, so WebKitWebDriver tracks/kills the
//     real app) with stdout/stderr going to a per-launch log file. The pid lets
//     launch() fail fast if the app dies during startup (WebKitWebDriver would
//     otherwise wait forever) and lets close() make sure the process is gone.
//     The wrapper lives in a temp dir removed on close().
//
// Screenshots: WebKitGTK's screenshot command waits for the next rendered frame,
// which never comes on an idle page under Xvfb. screenshot() therefore toggles
// an invisible 1px element while the request is pending to force a repaint.

import { Buffer } from 'node:buffer';
import {
  accessSync,
  appendFileSync,
  constants as fsConstants,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, isAbsolute, join, resolve } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';

export const DRIVER_URL = (process.env.TAURI_DRIVER_URL || 'http://127.0.0.1:4444').replace(/\/+$/, '');
/** W3C element identifier key (what WebKitWebDriver returns). */
export const ELEMENT_KEY = 'element-6066-11e4-a52e-4f735466cecf';
export const DEFAULT_TIMEOUT = 10_000;
const POLL_INTERVAL = 100;
/** Per-HTTP-request limit; session creation starts the app, so it gets longer. */
const REQUEST_TIMEOUT = 60_000;
const SESSION_CREATE_TIMEOUT = 90_000;
const SCREENSHOT_TIMEOUT = 20_000;

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

/**
 * A fresh empty temp directory, e.g. for a per-test app data dir. Created under
 * $E2E_TMP when set (run.sh sets it and removes it after the run), else the OS temp dir.
 */
export function tempDir(prefix = 'opnamewijs-e2e-') {
  const base = process.env.E2E_TMP || tmpdir();
  mkdirSync(base, { recursive: true });
  return mkdtempSync(join(base, prefix));
}

/** W3C element reference, for passing element ids as `execute` arguments. */
/**
 * A fresh home for one installation that runs without --data-dir, as a student's laptop has:
 * the platform's data, config and cache folders under `<temp>/<user>` and a keyring service of its
 * own. Answers `{ home, xdg, env }`; `env` goes to launch() (`extra` is added to it).
 */
export function freshHome(name, { user = 'Łukasz Şahin-Nguyễn', extra = {} } = {}) {
  const home = join(tempDir(`opnamewijs-e2e-${name}-`), user);
  const xdg = { data: join(home, '.local', 'share'), config: join(home, '.config'), cache: join(home, '.cache') };
  for (const dir of Object.values(xdg)) mkdirSync(dir, { recursive: true });
  const env = {
    HOME: home,
    XDG_DATA_HOME: xdg.data,
    XDG_CONFIG_HOME: xdg.config,
    XDG_CACHE_HOME: xdg.cache,
    OPNAMEWIJS_DATA_DIR: null,
    OPNAMEWIJS_KEYRING_SERVICE: `nl.opnamewijs.app.e2e-${name}-${process.pid}`,
    ...extra,
  };
  return { home, xdg, env };
}

export const elementRef = (id) => ({ [ELEMENT_KEY]: id });
const elementId = (v) => v?.[ELEMENT_KEY] ?? v?.ELEMENT;

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
export async function request(method, path, body, { timeout = REQUEST_TIMEOUT, signal } = {}) {
  const url = DRIVER_URL + path;
  const timeoutSignal = AbortSignal.timeout(timeout);
  let res;
  let text;
  try {
    res = await fetch(url, {
      method,
      headers: body === undefined ? {} : { 'content-type': 'application/json; charset=utf-8' },
      body: body === undefined ? undefined : JSON.stringify(body),
      signal: signal ? AbortSignal.any([timeoutSignal, signal]) : timeoutSignal,
    });
    text = await res.text();
  } catch (e) {
    if (signal?.aborted) throw signal.reason ?? e;
    if (timeoutSignal.aborted) {
      throw new Error(`WebDriver ${method} ${path}: no response from ${DRIVER_URL} within ${timeout} ms`, { cause: e });
    }
    const cause = e?.cause?.code || e?.cause?.message || e?.message || String(e);
    throw new Error(
      `WebDriver ${method} ${path}: cannot reach tauri-driver at ${DRIVER_URL} (${cause}). ` +
        'Is tauri-driver running? Use tests/e2e/run.sh <app binary>.',
      { cause: e },
    );
  }
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
  const dir = tempDir('launch-');
  const lines = ['#!/bin/sh'];
  for (const [key, val] of Object.entries(env)) {
    if (!/^[A-Za-z_][A-Za-z0-9_]*$/.test(key)) {
      rmSync(dir, { recursive: true, force: true });
      throw new Error(`launch: invalid env var name ${JSON.stringify(key)}`);
    }
    if (val === undefined || val === null) lines.push(`unset ${key}`);
    else lines.push(`export ${key}=${shQuote(val)}`);
  }
  const pidFile = join(dir, 'pid');
  const logFile = join(dir, 'app.log');
  lines.push(`echo $$ > ${shQuote(pidFile)}`, `exec ${shQuote(application)} "$@" > ${shQuote(logFile)} 2>&1`, '');
  const path = join(dir, 'launch-app.sh');
  writeFileSync(path, lines.join('\n'), { mode: 0o755 });
  return { dir, path, pidFile, logFile };
}

function readPid(pidFile) {
  try {
    const pid = Number.parseInt(readFileSync(pidFile, 'utf8').trim(), 10);
    return Number.isInteger(pid) && pid > 0 ? pid : null;
  } catch {
    return null;
  }
}

/** True if the process exists and is not a zombie. */
export function isAlive(pid) {
  if (!pid) return false;
  try {
    process.kill(pid, 0);
  } catch (e) {
    return e.code === 'EPERM';
  }
  try {
    // /proc/<pid>/stat: "pid (comm) S ..." — state after the last ')'
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    return stat.slice(stat.lastIndexOf(')') + 2, stat.lastIndexOf(')') + 3) !== 'Z';
  } catch {
    return true;
  }
}

async function waitExit(pid, ms) {
  const deadline = Date.now() + ms;
  while (isAlive(pid)) {
    if (Date.now() >= deadline) return false;
    await sleep(50);
  }
  return true;
}

/** Append one launch's app output to <artifacts>/app-output.log (best effort). */
function archiveAppLog(logFile, header) {
  try {
    const log = readFileSync(logFile, 'utf8');
    mkdirSync(artifactsDir(), { recursive: true });
    appendFileSync(join(artifactsDir(), 'app-output.log'), `=== ${new Date().toISOString()} ${header}\n${log}${log.endsWith('\n') || !log ? '' : '\n'}`);
  } catch {
    // nothing to keep
  }
}

function tail(file, max = 4000) {
  try {
    const t = readFileSync(file, 'utf8');
    return t.length > max ? '[...]' + t.slice(-max) : t;
  } catch {
    return '';
  }
}

/**
 * Start the app (a new WebDriver session) and return a Session.
 *
 * @param {object}   [o]
 * @param {string}   [o.application]  path of the app binary (default: $OPNAMEWIJS_APP)
 * @param {string}   [o.dataDir]      app data dir, passed as `--data-dir <dir>` and as env
 *                                    OPNAMEWIJS_DATA_DIR (not created here: the app creates it)
 * @param {object}   [o.env]          extra env vars for the app process (value null/undefined = unset)
 * @param {string[]} [o.args]         extra command-line args (after --data-dir)
 * @param {boolean}  [o.dataDirArg]   pass `--data-dir` on the command line (default true)
 * @param {number}   [o.timeout]      default wait timeout for the Session's find/wait methods (ms)
 * @param {number}   [o.startTimeout] max time for the app to start and its webview to attach (ms)
 */
export async function launch({
  application = process.env.OPNAMEWIJS_APP,
  dataDir,
  env = {},
  args = [],
  dataDirArg = true,
  timeout = DEFAULT_TIMEOUT,
  startTimeout = SESSION_CREATE_TIMEOUT,
} = {}) {
  if (!application) throw new Error('launch: no application given and OPNAMEWIJS_APP is not set');
  application = resolve(application);
  try {
    accessSync(application, fsConstants.X_OK);
  } catch {
    throw new Error(`launch: app binary ${application} does not exist or is not executable`);
  }

  const appArgs = [];
  // A new installation starts in the computer's language: the tests' computer is Dutch unless a
  // test says otherwise (LANGUAGE is what the app reads first, and touches nothing else here).
  const appEnv = { LANGUAGE: 'nl', ...env };
  if (dataDir) {
    dataDir = resolve(dataDir);
    if (dataDirArg) appArgs.push('--data-dir', dataDir);
    appEnv.OPNAMEWIJS_DATA_DIR = dataDir;
  }
  appArgs.push(...args.map(String));

  const wrapper = makeWrapper(application, appEnv);
  const caps = { capabilities: { alwaysMatch: { 'tauri:options': { application: wrapper.path, args: appArgs } } } };
  const what = `launch ${[application, ...appArgs].join(' ')}`;

  // Fail fast if the app dies before its webview attaches.
  const died = new AbortController();
  let seenPid = null;
  const watcher = setInterval(() => {
    seenPid ??= readPid(wrapper.pidFile);
    if (seenPid && !isAlive(seenPid)) died.abort(new Error('app exited during startup'));
  }, 200);
  let value;
  try {
    value = await request('POST', '/session', caps, { timeout: startTimeout, signal: died.signal });
  } catch (e) {
    const log = tail(wrapper.logFile);
    const pid = readPid(wrapper.pidFile);
    let msg;
    if (died.signal.aborted) {
      msg = `${what}: the app (pid ${seenPid}) exited before its window could be automated.`;
    } else if (!pid) {
      msg = `${what}: ${e.message}\n(the app was never started — see tauri-driver.log)`;
    } else {
      msg = `${what}: ${e.message}`;
      if (isAlive(pid)) process.kill(pid, 'SIGKILL');
    }
    archiveAppLog(wrapper.logFile, `${what} (failed to start)`);
    rmSync(wrapper.dir, { recursive: true, force: true });
    const err = new Error(`${msg}${log ? `\n--- app output ---\n${log}\n------------------` : ''}`, { cause: e });
    if (e instanceof WebDriverError) Object.assign(err, { status: e.status, error: e.error });
    throw err;
  } finally {
    clearInterval(watcher);
  }
  const id = value?.sessionId;
  if (!id) {
    rmSync(wrapper.dir, { recursive: true, force: true });
    throw new Error(`${what}: no sessionId in new-session response ${JSON.stringify(value)}`);
  }
  return new Session(id, { timeout, wrapper, what, application, dataDir, pid: readPid(wrapper.pidFile) });
}

export class Session {
  constructor(id, { timeout = DEFAULT_TIMEOUT, wrapper = null, what = '', application, dataDir, pid = null } = {}) {
    /** WebDriver session id */
    this.id = id;
    /** default wait timeout (ms) for find/click/type/text/value/waitForText/waitGone */
    this.timeout = timeout;
    /** absolute path of the real app binary */
    this.application = application;
    this._what = what;
    /** the data dir passed to launch(), absolute (or undefined) */
    this.dataDir = dataDir;
    /** pid of the app process (the wrapper exec()s it, so it is the app itself) */
    this.pid = pid;
    this._wrapper = wrapper;
    this._closed = false;
  }

  /** Everything the app wrote to stdout/stderr so far. */
  appLog() {
    return this._wrapper ? tail(this._wrapper.logFile, Infinity) : '';
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
            `Timed out after ${timeout ?? this.timeout} ms waiting for element ${css} ` +
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
    return elementId(v);
  }

  /** Wait (default timeout) for an element matching `css`; returns its element id. */
  find(css, { timeout } = {}) {
    return this._retry(css, timeout, () => this._findNow(css));
  }

  /** All elements matching `css` right now (no waiting); returns element ids. */
  async findAll(css) {
    const v = await this.cmd('POST', '/elements', { using: 'css selector', value: css });
    return v.map(elementId);
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
        throw new Error(`Timed out after ${t} ms waiting for element ${css} to disappear.\n${await this._describePage()}`);
      }
      await sleep(POLL_INTERVAL);
    }
  }

  /** Wait for `css`, then click it (retries while stale/not interactable/intercepted). */
  click(css, { timeout } = {}) {
    return this._retry(css, timeout, async () => {
      const id = await this._findNow(css);
      // WebKitWebDriver does not always scroll nested scroll containers; centre the element first.
      await this.execute('arguments[0].scrollIntoView({ block: "center", inline: "nearest" });', [elementRef(id)]);
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
          `Timed out after ${t} ms waiting for element ${css} to contain ${JSON.stringify(substring)}; ` +
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
    // WebKitGTK answers the screenshot command only after the next frame is
    // presented; keep an invisible 1px element flickering so one is produced.
    const poke =
      'let e = document.getElementById("__e2e_repaint");' +
      'if (!e) { e = document.createElement("div"); e.id = "__e2e_repaint";' +
      ' e.style.cssText = "position:fixed;left:0;top:0;width:1px;height:1px;pointer-events:none;z-index:2147483647";' +
      ' (document.body || document.documentElement).appendChild(e); }' +
      'e.style.background = e.style.background === "rgba(0, 0, 0, 0.004)" ? "rgba(0, 0, 0, 0)" : "rgba(0, 0, 0, 0.004)";';
    let poking = true;
    const pokeLoop = (async () => {
      while (poking) {
        await this.execute(poke).catch(() => {});
        await sleep(200);
      }
    })();
    let b64;
    try {
      b64 = await request('GET', `/session/${this.id}/screenshot`, undefined, { timeout: SCREENSHOT_TIMEOUT });
    } finally {
      poking = false;
      await pokeLoop;
      await this.execute('document.getElementById("__e2e_repaint")?.remove()').catch(() => {});
    }
    const out = isAbsolute(path) ? path : join(artifactsDir(), path);
    mkdirSync(dirname(out), { recursive: true });
    writeFileSync(out, Buffer.from(b64, 'base64'));
    return out;
  }

  /**
   * End the session and make sure the app process is gone (waits up to 5 s for it
   * to exit, then SIGTERM, then SIGKILL). Never throws; safe to call twice.
   */
  async close() {
    if (this._closed) return;
    this._closed = true;
    try {
      await request('DELETE', `/session/${this.id}`, undefined, { timeout: 30_000 });
    } catch {
      // app or driver already gone: nothing to do
    }
    if (this.pid && !(await waitExit(this.pid, 5_000))) {
      try {
        process.kill(this.pid, 'SIGTERM');
      } catch {}
      if (!(await waitExit(this.pid, 3_000))) {
        try {
          process.kill(this.pid, 'SIGKILL');
        } catch {}
        await waitExit(this.pid, 2_000);
      }
    }
    if (this._wrapper) {
      archiveAppLog(this._wrapper.logFile, `${this._what} (pid ${this.pid})`);
      rmSync(this._wrapper.dir, { recursive: true, force: true });
    }
  }
}

/**
 * Launch the app, run `fn(session)`, always close it. On failure a screenshot
 * `<name>.png` and the app's output `<name>.log` are saved under artifactsDir()
 * (best effort) before rethrowing.
 */
export async function withApp(name, options, fn) {
  const session = await launch(options);
  try {
    return await fn(session);
  } catch (e) {
    const safe = String(name).replace(/[^A-Za-z0-9._-]+/g, '_');
    const saved = [];
    try {
      saved.push(await session.screenshot(`${safe}.png`));
    } catch {
      // no screenshot possible (app died?)
    }
    try {
      const log = join(artifactsDir(), `${safe}.log`);
      mkdirSync(artifactsDir(), { recursive: true });
      writeFileSync(log, session.appLog());
      saved.push(log);
    } catch {}
    if (saved.length && e && typeof e === 'object') e.message += `\n(saved: ${saved.join(', ')})`;
    throw e;
  } finally {
    await session.close();
  }
}
