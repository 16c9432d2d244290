// No network: the real app runs under `strace -f -e trace=connect` (the app, its WebKit helper
// processes and anything they start) through a journey, and every connect() it made must be a
// local one: an AF_UNIX socket (X11, D-Bus, WebKit's own IPC), a netlink socket, or loopback
// (the WebDriver automation socket). Prints `network-summary unix=… loopback=… other=… steps=…`
// for `cargo xtask stress`, and every connection it saw.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { tempDir, tid, withApp, isAlive } from './webdriver.mjs';
import { invoke, plan } from './app.mjs';

/** Sorts one strace line's connect() into unix, netlink, loopback or other. */
export function classify(line) {
  const family = /sa_family=(AF_[A-Z0-9]+)/.exec(line)?.[1];
  if (!family) return null;
  if (family === 'AF_UNIX' || family === 'AF_LOCAL') return { kind: 'unix', what: /sun_path=(@?"[^"]*"|@[^,}]*)/.exec(line)?.[1] ?? 'unix' };
  if (family === 'AF_NETLINK') return { kind: 'unix', what: 'netlink' };
  if (family === 'AF_UNSPEC') return { kind: 'unix', what: 'AF_UNSPEC (disconnect)' };
  const v4 = /inet_addr\("([^"]+)"\)/.exec(line)?.[1];
  const v6 = /inet_pton\(AF_INET6, "([^"]+)"/.exec(line)?.[1];
  const port = /sin6?_port=htons\((\d+)\)/.exec(line)?.[1];
  const addr = v4 ?? v6 ?? '?';
  const loopback = (v4 && v4.startsWith('127.')) || v6 === '::1' || v6 === '::ffff:127.0.0.1';
  return { kind: loopback ? 'loopback' : 'other', what: `${family} ${addr}:${port}` };
}

test('the app connects to nothing but local sockets through a whole journey', async () => {
  const strace = execFileSync('sh', ['-c', 'command -v strace']).toString().trim();
  const app = resolve(process.env.OPNAMEWIJS_APP);
  const dir = tempDir('opnamewijs-e2e-net-');
  const log = join(dir, 'connect.strace');
  const traced = join(dir, 'traced-app.sh');
  writeFileSync(
    traced,
    `#!/bin/sh\nexec '${strace}' -f -qq -e trace=connect -o '${log}' -- '${app}' "$@"\n`,
    { mode: 0o755 },
  );
  let steps = 0;
  const step = () => (steps += 1);
  await withApp('network', { application: traced, dataDir: join(dir, 'data') }, async (s) => {
    await s.find('body[data-ready="true"]');
    await plan(s, { title: 'Natuurkundeles 4H', date: '2026-12-07', pack: 'hu-stage-opnamen' });
    step();
    await s.click(tid('answer-purpose-feedback'));
    await s.click(tid('answer-mentor_live-no'));
    await s.click(tid('answer-device-own_device'));
    await s.click(tid('answer-pupils_in_view-no'));
    await s.click(tid('answer-others_in_view-no'));
    await s.waitForText(tid('verdict-label'), 'Toegestaan');
    step();
    await s.click(tid('item-vooraf.live'));
    await s.waitForText(tid('journal-status'), 'items');
    step();
    await s.click(tid('event-recorded'));
    await s.find(tid('event-recorded-logged'));
    step();
    const ics = await invoke(s, 'export_calendar', { path: join(dir, 'termijnen.ics') });
    assert.ok(ics.events >= 1);
    step();
    const backup = await invoke(s, 'export_backup', { path: join(dir, 'opnamewijs.owbackup'), passphrase: 'reservekopie wachtwoord' });
    assert.ok(backup.entries >= 5);
    step();
    await s.execute('location.reload();');
    await s.find('body[data-ready="true"]');
    await s.waitForText(tid('recording-list'), 'Natuurkundeles 4H');
    step();
  });

  assert.ok(existsSync(log), 'strace wrote its log');
  const lines = readFileSync(log, 'utf8').split('\n').filter((l) => l.includes('connect('));
  // strace detaches when it is stopped; end the processes it traced (ours, by pid) if any are left.
  for (const pid of new Set(readFileSync(log, 'utf8').split('\n').map((l) => Number.parseInt(l, 10)).filter(Boolean))) {
    if (isAlive(pid)) {
      try {
        process.kill(pid, 'SIGKILL');
      } catch {}
    }
  }
  const counts = { unix: 0, loopback: 0, other: 0 };
  const seen = new Map();
  for (const line of lines) {
    const c = classify(line);
    if (!c) continue;
    counts[c.kind] += 1;
    const key = `${c.kind}  ${c.what}`;
    seen.set(key, (seen.get(key) ?? 0) + 1);
  }
  console.log('connections seen (kind, address, count):');
  for (const [key, n] of [...seen].sort()) console.log(`  ${key}  x${n}`);
  console.log(`network-summary unix=${counts.unix} loopback=${counts.loopback} other=${counts.other} steps=${steps}`);
  assert.ok(lines.length > 0, 'strace saw the app connect at all (X11 at least)');
  assert.equal(counts.other, 0, `connections to the network: ${[...seen.keys()].filter((k) => k.startsWith('other')).join('; ')}`);
});
