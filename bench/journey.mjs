// Sesame's sign-in journey under load (quality.md "Performance"; issue 3, item 10).
//
//   node bench/journey.mjs --base http://127.0.0.1:5099 --pid SERVER_PID --mail-api http://127.0.0.1:2580
//                          [--mail-pid PID] [--db-pid POSTMASTER_PID] [--users 10] [--duration 20] [--sso-duration 10]
//                          [--accounts auto] [--hash-ms 110] [--hash-per-s N] [--out journey.json] [--label txt]
//
// --hash-ms: one password hash (PBKDF2-HMAC-SHA512, 210,000 iterations) on one thread; the ceiling is
// cores ÷ that (quality.md). --hash-per-s: the hashes per second measured with one thread per core, if known.
//
// Normally started by bench/run.sh, which starts Sesame (Development environment, Release build, its own
// throwaway SQLite database, raised per-address rate limits) and the test mail server. Node 20+, no package:
// global fetch, a cookie jar per virtual user, redirects followed by hand.
//
// Three phases, each preceded by a wait for a quiet machine:
//
//  1. setup   — create the accounts the run needs through the pages ("Créer votre compte", then the code
//               mailed for the confirmation, read from the test mail server). Each account can receive five
//               codes an hour (EmailCodeService.MaximumSentPerWindow): one for the confirmation, so four
//               sign-ins; the pool is sized from the password-hash ceiling so that it cannot run dry.
//  2. journey — N virtual users (--users), each in a loop for --duration seconds, a new browser every time:
//               the service sends the person to /connect/authorize (code flow, PKCE S256) → Sesame's sign-in
//               page → password → the mailed code → back to the authorization → consent (the first time
//               for that account) → the callback with the code → token (client_secret_basic) → userinfo →
//               refresh. Every journey checks what it got (statuses, pages, token fields, userinfo sub).
//  3. sso     — the same users, already signed in (their last journey's browser): authorize (straight back
//               with a code) → token → userinfo → refresh, for --sso-duration seconds; no password hash.
//
// Prints a summary on stderr and one JSON object on stdout (appended to --out): per-step latency
// percentiles (ms), journeys/s, sign-ins/s against the hash ceiling, the server's CPU (utime+stime of
// --pid from /proc) per journey, the load generator's, the mail server's and the database server's CPU
// (--db-pid and its children, for PostgreSQL), and the machine's other
// CPU meanwhile (a run with more than --max-foreign % of a core of other load is flagged contaminated).
// Targets 127.0.0.1/localhost only, and every phase is bounded in time.

import { createHash, randomBytes } from 'node:crypto';
import { appendFileSync, readFileSync, readdirSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { parseArgs } from 'node:util';

const { values: a } = parseArgs({
  options: {
    base: { type: 'string', default: 'http://127.0.0.1:5099' },
    pid: { type: 'string' },
    'mail-api': { type: 'string', default: 'http://127.0.0.1:2580' },
    'mail-pid': { type: 'string', default: '' },
    'db-pid': { type: 'string', default: '' },
    users: { type: 'string', default: '10' },
    duration: { type: 'string', default: '20' },
    'sso-duration': { type: 'string', default: '10' },
    accounts: { type: 'string', default: 'auto' },
    'hash-ms': { type: 'string', default: '110' },
    'hash-per-s': { type: 'string', default: '' },
    'client-id': { type: 'string', default: 'carnet-sante-demo' },
    'client-secret': { type: 'string', default: 'demo-secret-carnet-sante-not-for-production-4f1c9a' },
    'redirect-uri': { type: 'string', default: 'http://localhost:5090/signin-oidc' },
    scope: { type: 'string', default: 'openid email offline_access' },
    password: { type: 'string', default: 'Tulipe-Verte-Hiver-92' },
    label: { type: 'string', default: 'sesame journey' },
    out: { type: 'string' },
    'max-foreign': { type: 'string', default: '15' },
    'quiet-timeout': { type: 'string', default: process.env.QUIET_TIMEOUT || '120' },
    'request-timeout': { type: 'string', default: '30' },
  },
});

const BASE = new URL(a.base);
if (!['127.0.0.1', 'localhost', '[::1]'].includes(BASE.hostname)) throw new Error('--base must be on 127.0.0.1/localhost');
const MAIL_API = new URL(a['mail-api']);
if (!['127.0.0.1', 'localhost', '[::1]'].includes(MAIL_API.hostname)) throw new Error('--mail-api must be on 127.0.0.1/localhost');
const USERS = Number(a.users);
const DURATION = Number(a.duration);
const SSO_DURATION = Number(a['sso-duration']);
const REQUEST_TIMEOUT_MS = Number(a['request-timeout']) * 1000;
if (!(USERS >= 1 && USERS <= 256) || !(DURATION > 0 && DURATION <= 300) || !(SSO_DURATION >= 0 && SSO_DURATION <= 300)) {
  throw new Error('refusing unbounded/odd load parameters: --users 1..256, --duration 1..300, --sso-duration 0..300');
}
const PID = Number(a.pid);
if (!PID) throw new Error('--pid (the server process) is required');
const MAIL_PID = Number(a['mail-pid']) || 0;
const DB_PID = Number(a['db-pid']) || 0; // a database server's main process: it and its children count as the database's CPU
const CORES = availableParallelism();
const HASH_S = Number(a['hash-ms']) / 1000;
const CEILING = CORES / HASH_S; // password hashes per second the machine can do at best (quality.md's formula)
const MEASURED_RATE = Number(a['hash-per-s']) || 0; // hashes per second measured with one thread per core (kdfbench)
const SIGN_INS_PER_ACCOUNT = 4; // five codes an hour, one spent on the confirmation
const log = (m) => process.stderr.write(`${m}\n`);

// ------------------------------------------------------------------------------------------------
// CPU accounting from /proc (Linux; CLK_TCK = 100)

const CLK_TCK = 100;
function procTicks(pid) {
  try {
    const s = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const f = s.slice(s.lastIndexOf(')') + 2).split(' ');
    return Number(f[11]) + Number(f[12]);
  } catch {
    return 0;
  }
}
function sysTicks() {
  const f = readFileSync('/proc/stat', 'utf8').split('\n')[0].trim().split(/\s+/).slice(1).map(Number);
  const [user, nice, system, idle, iowait, irq, softirq, steal] = f;
  return { busy: user + nice + system + irq + softirq + steal, total: user + nice + system + idle + iowait + irq + softirq + steal };
}
function topOthers(own) {
  // the busiest processes other than ours (for the record when a phase is contaminated)
  const out = [];
  for (const d of readdirSync('/proc')) {
    if (!/^\d+$/.test(d) || own.includes(Number(d))) continue;
    try {
      const s = readFileSync(`/proc/${d}/stat`, 'utf8');
      out.push({ pid: Number(d), comm: s.slice(s.indexOf('(') + 1, s.lastIndexOf(')')), ticks: procTicks(d) });
    } catch { /* gone */ }
  }
  return out;
}
function dbPids() {
  // the database server and its descendants (PostgreSQL forks a backend per connection)
  if (!DB_PID) return [];
  const byParent = new Map();
  for (const d of readdirSync('/proc')) {
    if (!/^\d+$/.test(d)) continue;
    try {
      const s = readFileSync(`/proc/${d}/stat`, 'utf8');
      const ppid = Number(s.slice(s.lastIndexOf(')') + 2).split(' ')[1]);
      if (!byParent.has(ppid)) byParent.set(ppid, []);
      byParent.get(ppid).push(Number(d));
    } catch { /* gone */ }
  }
  const out = [DB_PID];
  for (let i = 0; i < out.length; i += 1) out.push(...(byParent.get(out[i]) || []));
  return out;
}
function cpuWindow() {
  const db0 = dbPids();
  const own = [PID, process.pid, MAIL_PID].filter(Boolean);
  const t0 = process.hrtime.bigint();
  const s0 = sysTicks();
  const p0 = Object.fromEntries(own.map((p) => [p, procTicks(p)]));
  const dbTicks0 = new Map(db0.map((p) => [p, procTicks(p)]));
  const o0 = new Map(topOthers([...own, ...db0]).map((p) => [p.pid, p]));
  return () => {
    const wall = Number(process.hrtime.bigint() - t0) / 1e9;
    const s1 = sysTicks();
    const d = Object.fromEntries(own.map((p) => [p, procTicks(p) - p0[p]]));
    const db1 = dbPids();
    // backends that started during the window count whole
    const dbTicks = db1.reduce((acc, p) => acc + procTicks(p) - (dbTicks0.get(p) ?? 0), 0);
    const pct = (t) => +(((t / CLK_TCK) / wall) * 100).toFixed(1);
    const ours = Object.values(d).reduce((x, y) => x + y, 0) + dbTicks;
    const others = topOthers([...own, ...db1])
      .map((p) => ({ pid: p.pid, comm: p.comm, pct: pct(p.ticks - (o0.get(p.pid)?.ticks ?? 0)) }))
      .filter((p) => p.pct > 0)
      .sort((x, y) => y.pct - x.pct)
      .slice(0, 3);
    return {
      wall_s: +wall.toFixed(2),
      server_ticks: d[PID],
      server_cpu_pct_of_one_core: pct(d[PID]),
      loadgen_cpu_pct_of_one_core: pct(d[process.pid]),
      mail_server_cpu_pct_of_one_core: MAIL_PID ? pct(d[MAIL_PID]) : undefined,
      database_cpu_pct_of_one_core: DB_PID ? pct(dbTicks) : undefined,
      other_cpu_pct_of_one_core: pct(Math.max(0, (s1.busy - s0.busy) - ours)),
      other_top: others,
      machine_busy_pct_of_all_cores: +(((s1.busy - s0.busy) / Math.max(1, s1.total - s0.total)) * 100).toFixed(1),
    };
  };
}
const sleep = (ms) => new Promise((r) => { setTimeout(r, ms); });
async function waitQuiet(timeoutS = Number(a['quiet-timeout'])) {
  const start = Date.now();
  let warned = false;
  for (;;) {
    const x = sysTicks();
    await sleep(2000);
    const y = sysTicks();
    const busy = ((y.busy - x.busy) / Math.max(1, y.total - x.total)) * 100;
    if (busy < 8) return { quiet: true, waited_s: (Date.now() - start) / 1000 };
    if (!warned) { log(`[quiet] machine busy ${busy.toFixed(0)}% of all cores; waiting (max ${timeoutS}s) ...`); warned = true; }
    if ((Date.now() - start) / 1000 > timeoutS) return { quiet: false, waited_s: (Date.now() - start) / 1000, busy_pct: +busy.toFixed(1) };
  }
}

// ------------------------------------------------------------------------------------------------
// Statistics

function pct(sorted, p) {
  if (!sorted.length) return null;
  const i = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return +sorted[i].toFixed(2);
}
class Timings {
  steps = new Map();

  add(step, ms) {
    if (!this.steps.has(step)) this.steps.set(step, []);
    this.steps.get(step).push(ms);
  }

  summary() {
    const out = {};
    for (const [step, list] of this.steps) {
      const s = Float64Array.from(list).sort();
      out[step] = { n: s.length, p50: pct(s, 50), p90: pct(s, 90), p99: pct(s, 99), max: pct(s, 100), mean: +(s.reduce((x, y) => x + y, 0) / s.length).toFixed(2) };
    }
    return out;
  }
}

// ------------------------------------------------------------------------------------------------
// A scripted browser: a cookie jar, manual redirects, the page's form (id="page-form")

class Failure extends Error {}
function check(condition, message) { if (!condition) throw new Failure(message); }

class Browser {
  cookies = new Map();

  store(response) {
    for (const header of response.headers.getSetCookie()) {
      const [pair, ...attributes] = header.split(';');
      const i = pair.indexOf('=');
      const name = pair.slice(0, i).trim();
      const value = pair.slice(i + 1).trim();
      const expired = attributes.some((attr) => {
        const [k, v = ''] = attr.split('=');
        const key = k.trim().toLowerCase();
        return (key === 'max-age' && Number(v) <= 0) || (key === 'expires' && Date.parse(v.trim()) <= Date.now());
      });
      if (expired || value === '') this.cookies.delete(name); else this.cookies.set(name, value);
    }
  }

  async request(url, form) {
    const target = new URL(url, BASE);
    const headers = { 'Accept-Language': 'fr-CA', Accept: 'text/html' };
    if (this.cookies.size) headers.Cookie = [...this.cookies].map(([n, v]) => `${n}=${v}`).join('; ');
    const init = { method: form ? 'POST' : 'GET', headers, redirect: 'manual', signal: AbortSignal.timeout(REQUEST_TIMEOUT_MS) };
    if (form) {
      headers['Content-Type'] = 'application/x-www-form-urlencoded';
      init.body = new URLSearchParams(form).toString();
    }
    const response = await fetch(target, init);
    this.store(response);
    const location = response.headers.get('location');
    return { status: response.status, location: location ? new URL(location, target).href : null, html: await response.text(), url: target };
  }

  // Follows redirects within Sesame; stops at a page or at a redirect that leaves Sesame (to the service).
  async navigate(url, form) {
    let page = await this.request(url, form);
    for (let hops = 0; page.location && hops < 10; hops += 1) {
      if (new URL(page.location).origin !== BASE.origin) return page;
      page = await this.request(page.location);
    }
    check(!page.location, `too many redirects from ${url}`);
    return page;
  }
}

function decodeEntities(text) {
  return text.replace(/&(#x[0-9a-f]+|#\d+|amp|lt|gt|quot|apos);/gi, (_, e) => {
    const x = e.toLowerCase();
    if (x.startsWith('#x')) return String.fromCodePoint(parseInt(x.slice(2), 16));
    if (x.startsWith('#')) return String.fromCodePoint(parseInt(x.slice(1), 10));
    return { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" }[x];
  });
}
function attribute(tag, name) {
  const m = new RegExp(`\\s${name}="([^"]*)"`, 'i').exec(tag);
  return m ? decodeEntities(m[1]) : null;
}
function heading(page) {
  const m = /<h1[^>]*>([\s\S]*?)<\/h1>/i.exec(page.html);
  return m ? decodeEntities(m[1].replace(/<[^>]+>/g, '').trim()) : `(no heading; HTTP ${page.status})`;
}
function pageForm(page) {
  const m = /<form\b[^>]*\bid="page-form"[^>]*>([\s\S]*?)<\/form>/i.exec(page.html);
  check(m, `no form on ${page.url.pathname} (HTTP ${page.status}): ${heading(page)}`);
  const open = m[0].slice(0, m[0].indexOf('>') + 1);
  const fields = {};
  for (const input of m[1].matchAll(/<input\b[^>]*>/gi)) {
    if ((attribute(input[0], 'type') ?? '').toLowerCase() === 'hidden') fields[attribute(input[0], 'name')] = attribute(input[0], 'value') ?? '';
  }
  return { action: new URL(attribute(open, 'action') ?? page.url.href, page.url).href, fields };
}
function expectAt(page, path, where) {
  check(page.status === 200 && page.url.pathname === path,
    `${where}: expected the page ${path}, got HTTP ${page.status} at ${page.url.pathname} ${page.location ?? ''} "${heading(page)}"`);
}
async function submit(browser, page, values) {
  const form = pageForm(page);
  return browser.navigate(form.action, { ...form.fields, ...values });
}

// ------------------------------------------------------------------------------------------------
// The test mail server (tests/mail-server/server.mjs): GET /messages?to=ADDRESS&wait=MS

async function mailedCode(to, count) {
  const deadline = Date.now() + 30_000;
  for (;;) {
    const r = await fetch(new URL(`/messages?to=${encodeURIComponent(to)}&wait=5000`, MAIL_API), { signal: AbortSignal.timeout(REQUEST_TIMEOUT_MS) });
    check(r.ok, `the mail API answered HTTP ${r.status}`);
    const messages = await r.json();
    if (messages.length >= count) {
      const m = /\b(\d{3}) (\d{3})\b/.exec(messages[count - 1].text);
      check(m, `no code in the mail "${messages[count - 1].subject}"`);
      return m[1] + m[2];
    }
    check(Date.now() < deadline, `mail ${count} to ${to} did not arrive within 30 s (got ${messages.length})`);
    await sleep(20);
  }
}

// ------------------------------------------------------------------------------------------------
// OAuth helpers

const b64url = (buf) => Buffer.from(buf).toString('base64url');
const basic = `Basic ${Buffer.from(`${encodeURIComponent(a['client-id'])}:${encodeURIComponent(a['client-secret'])}`).toString('base64')}`;
function newAuthorization() {
  const verifier = b64url(randomBytes(32));
  const state = b64url(randomBytes(16));
  const nonce = b64url(randomBytes(16));
  const url = new URL('/connect/authorize', BASE);
  url.search = new URLSearchParams({
    client_id: a['client-id'], redirect_uri: a['redirect-uri'], response_type: 'code', scope: a.scope,
    code_challenge: b64url(createHash('sha256').update(verifier).digest()), code_challenge_method: 'S256', state, nonce,
  }).toString();
  return { url: url.href, verifier, state, nonce };
}
function callbackCode(page, auth, where) {
  check(page.location && page.location.startsWith(`${a['redirect-uri']}?`),
    `${where}: expected a redirect to the service, got HTTP ${page.status} at ${page.url.pathname} ${page.location ?? ''} "${heading(page)}"`);
  const q = new URL(page.location).searchParams;
  check(!q.get('error'), `${where}: the service got error=${q.get('error')} (${q.get('error_description')})`);
  check(q.get('state') === auth.state, `${where}: state mismatch`);
  check(q.get('code'), `${where}: no code`);
  return q.get('code');
}
async function tokenRequest(params) {
  const r = await fetch(new URL('/connect/token', BASE), {
    method: 'POST',
    headers: { Authorization: basic, 'Content-Type': 'application/x-www-form-urlencoded', Accept: 'application/json' },
    body: new URLSearchParams(params).toString(),
    signal: AbortSignal.timeout(REQUEST_TIMEOUT_MS),
  });
  const text = await r.text();
  check(r.status === 200, `token endpoint (${params.grant_type}): HTTP ${r.status} ${text.slice(0, 300)}`);
  return JSON.parse(text);
}
function jwtPayload(jwt) { return JSON.parse(Buffer.from(jwt.split('.')[1], 'base64url').toString('utf8')); }

// The tail every journey shares once the service has its code: token, userinfo, refresh.
async function redeem(t, code, auth) {
  let s = performance.now();
  const tokens = await tokenRequest({ grant_type: 'authorization_code', code, redirect_uri: a['redirect-uri'], code_verifier: auth.verifier });
  t.add('token (code)', performance.now() - s);
  check(tokens.access_token && tokens.id_token && tokens.refresh_token, `token response lacks a token: ${Object.keys(tokens).join(' ')}`);
  const id = jwtPayload(tokens.id_token);
  check(id.nonce === auth.nonce, 'id_token nonce mismatch');

  s = performance.now();
  const r = await fetch(new URL('/connect/userinfo', BASE), { headers: { Authorization: `Bearer ${tokens.access_token}` }, signal: AbortSignal.timeout(REQUEST_TIMEOUT_MS) });
  const info = await r.json();
  t.add('userinfo', performance.now() - s);
  check(r.status === 200 && info.sub === id.sub, `userinfo: HTTP ${r.status}, sub ${info.sub} vs id_token ${id.sub}`);

  s = performance.now();
  const refreshed = await tokenRequest({ grant_type: 'refresh_token', refresh_token: tokens.refresh_token });
  t.add('refresh', performance.now() - s);
  check(refreshed.access_token && refreshed.refresh_token && refreshed.refresh_token !== tokens.refresh_token, 'refresh did not rotate');
}

// ------------------------------------------------------------------------------------------------
// The three phases

const runId = [...randomBytes(5)].map((b) => 'abcdefghijkmnpqrstuvwxyz23456789'[b % 32]).join('');

async function createAccount(i, t) {
  const browser = new Browser();
  const person = { username: `banc${runId}${i}`, email: `banc.${runId}.${i}@exemple.ca`, mails: 0, signIns: 0, consented: false };
  const s0 = performance.now();
  let page = await browser.navigate('/creer-compte');
  expectAt(page, '/creer-compte', 'GET /creer-compte');
  let s = performance.now();
  page = await submit(browser, page, {
    'Input.Username': person.username, 'Input.Email': person.email,
    'Input.Password': a.password, 'Input.ConfirmPassword': a.password, 'Input.AcceptTerms': 'true',
  });
  expectAt(page, '/creer-compte/confirmer', 'account creation');
  t.add('create: form (password hash)', performance.now() - s);
  s = performance.now();
  const code = await mailedCode(person.email, ++person.mails);
  t.add('create: mail wait', performance.now() - s);
  s = performance.now();
  page = await submit(browser, page, { 'Input.Code': code });
  expectAt(page, '/creer-compte/termine', 'e-mail confirmation');
  t.add('create: code', performance.now() - s);
  t.add('create: total', performance.now() - s0);
  return person;
}

async function journey(person, t) {
  const browser = new Browser();
  const auth = newAuthorization();
  const s0 = performance.now();
  let s = s0;
  let page = await browser.navigate(auth.url);
  expectAt(page, '/', 'the authorization of a browser without a session');
  t.add('1 authorize → sign-in page', performance.now() - s);

  s = performance.now();
  page = await submit(browser, page, { 'Input.Identifier': person.username, 'Input.Password': a.password });
  expectAt(page, '/connexion/code', 'sign-in with the password');
  t.add('2 password (hash) → code page', performance.now() - s);

  s = performance.now();
  const code = await mailedCode(person.email, ++person.mails);
  const mailMs = performance.now() - s;
  t.add('3 mail wait (outbox + SMTP)', mailMs);

  s = performance.now();
  page = await submit(browser, page, { 'Input.Code': code });
  person.signIns += 1;
  let authCode;
  if (page.status === 200) {
    expectAt(page, '/connect/authorize', 'after the mailed code (consent expected)');
    check(!person.consented, 'consent asked again for an account that had consented');
    t.add('4 code → authorize → consent page', performance.now() - s);
    s = performance.now();
    page = await submit(browser, page, { decision: 'accept' });
    authCode = callbackCode(page, auth, '"Je consens"');
    person.consented = true;
    t.add('5 consent → callback', performance.now() - s);
  } else {
    authCode = callbackCode(page, auth, 'after the mailed code (already consented)');
    t.add('4 code → authorize → callback', performance.now() - s);
  }
  await redeem(t, authCode, auth);
  const total = performance.now() - s0;
  t.add('journey total', total);
  t.add('journey total without the mail wait', total - mailMs);
  return browser;
}

async function ssoJourney(browser, t) {
  const auth = newAuthorization();
  const s0 = performance.now();
  const page = await browser.navigate(auth.url);
  const code = callbackCode(page, auth, 'authorization with a session');
  t.add('authorize (session) → callback', performance.now() - s0);
  await redeem(t, code, auth);
  t.add('sso journey total', performance.now() - s0);
}

function describe(e) {
  if (e instanceof Failure) return e.message;
  return `${e?.name ?? ''} ${e?.message ?? e}${e?.cause ? ` [${e.cause.code ?? e.cause.message}]` : ''}`;
}

const result = {
  label: a.label, base: BASE.origin, node: process.version, cores: CORES, users: USERS,
  hash_ms: Number(a['hash-ms']), hash_ceiling_per_s: +CEILING.toFixed(1),
  hash_measured_per_s: MEASURED_RATE || undefined,
};

// sanity: the server answers, and the client is there
{
  const r = await fetch(new URL('/.well-known/openid-configuration', BASE));
  check(r.ok, `discovery: HTTP ${r.status}`);
}

// 1. setup
const expected = Math.ceil(DURATION * CEILING * 1.3);
const accountCount = a.accounts === 'auto' ? Math.ceil(expected / SIGN_INS_PER_ACCOUNT) + USERS : Number(a.accounts);
const pool = [];
{
  log(`[setup] creating ${accountCount} accounts through the pages with ${USERS} users ...`);
  const q = await waitQuiet();
  const t = new Timings();
  const cpu = cpuWindow();
  let next = 0;
  const failures = [];
  await Promise.all(Array.from({ length: USERS }, async () => {
    while (next < accountCount && failures.length < 5) {
      const i = next++;
      try { pool.push(await createAccount(i, t)); } catch (e) { failures.push(describe(e)); }
    }
  }));
  const c = cpu();
  check(failures.length === 0, `account creation failed: ${failures.join(' | ')}`);
  result.setup = {
    accounts: pool.length, started_quiet: q.quiet, ...c, accounts_per_s: +(pool.length / c.wall_s).toFixed(2),
    server_cpu_ms_per_account: +((c.server_ticks * 10) / pool.length).toFixed(1), steps: t.summary(),
  };
  log(`[setup] ${pool.length} accounts in ${c.wall_s}s (${result.setup.accounts_per_s}/s; server ${c.server_cpu_pct_of_one_core}% of a core)`);
}

// 2. full journeys
const browsers = [];
{
  const q = await waitQuiet();
  log(`[journey] ${USERS} users for ${DURATION}s ...`);
  const t = new Timings();
  let completed = 0;
  let started = 0;
  let exhausted = false;
  const failures = [];
  const cpu = cpuWindow();
  const deadline = performance.now() + DURATION * 1000;
  let cursor = 0;
  const take = () => {
    for (let k = 0; k < pool.length; k += 1) {
      const p = pool[(cursor + k) % pool.length];
      if (!p.busy && p.signIns < SIGN_INS_PER_ACCOUNT) { cursor = (cursor + k + 1) % pool.length; p.busy = true; return p; }
    }
    return null;
  };
  await Promise.all(Array.from({ length: USERS }, async (_, u) => {
    while (performance.now() < deadline) {
      const person = take();
      if (!person) { exhausted = true; break; }
      started += 1;
      try {
        browsers[u] = await journey(person, t);
        completed += 1;
      } catch (e) {
        failures.push(describe(e));
        if (failures.length > 20) break;
      } finally {
        person.busy = false;
      }
    }
  }));
  const c = cpu();
  const perS = completed / c.wall_s;
  result.journey = {
    duration_s: DURATION, started_quiet: q.quiet, started, completed, failed: failures.length, failures: failures.slice(0, 5),
    pool_exhausted: exhausted, ...c,
    journeys_per_s: +perS.toFixed(2),
    sign_ins_per_s: +perS.toFixed(2),
    sign_ins_vs_hash_ceiling_pct: +((perS / CEILING) * 100).toFixed(1),
    sign_ins_vs_measured_hash_rate_pct: MEASURED_RATE ? +((perS / MEASURED_RATE) * 100).toFixed(1) : undefined,
    server_cpu_ms_per_journey: +((c.server_ticks * 10) / Math.max(1, completed)).toFixed(1),
    steps: t.summary(),
  };
  result.journey.contaminated = !q.quiet || c.other_cpu_pct_of_one_core > Number(a['max-foreign']);
  log(`[journey] ${completed} journeys (${failures.length} failed) in ${c.wall_s}s: ${result.journey.journeys_per_s}/s, `
    + `${result.journey.sign_ins_vs_hash_ceiling_pct}% of the hash ceiling ${CEILING.toFixed(1)}/s; server ${c.server_cpu_pct_of_one_core}% of a core, `
    + `${result.journey.server_cpu_ms_per_journey} ms/journey; other ${c.other_cpu_pct_of_one_core}%`);
  for (const f of failures.slice(0, 5)) log(`  failure: ${f}`);
}

// 3. signed-in journeys (no password)
if (SSO_DURATION > 0 && browsers.filter(Boolean).length) {
  const q = await waitQuiet();
  log(`[sso] ${browsers.filter(Boolean).length} signed-in users for ${SSO_DURATION}s ...`);
  const t = new Timings();
  let completed = 0;
  const failures = [];
  const cpu = cpuWindow();
  const deadline = performance.now() + SSO_DURATION * 1000;
  await Promise.all(browsers.filter(Boolean).map(async (browser) => {
    while (performance.now() < deadline && failures.length <= 20) {
      try { await ssoJourney(browser, t); completed += 1; } catch (e) { failures.push(describe(e)); }
    }
  }));
  const c = cpu();
  result.sso = {
    duration_s: SSO_DURATION, started_quiet: q.quiet, users: browsers.filter(Boolean).length, completed, failed: failures.length,
    failures: failures.slice(0, 5), ...c,
    journeys_per_s: +(completed / c.wall_s).toFixed(1),
    server_cpu_ms_per_journey: +((c.server_ticks * 10) / Math.max(1, completed)).toFixed(2),
    steps: t.summary(),
  };
  result.sso.contaminated = !q.quiet || c.other_cpu_pct_of_one_core > Number(a['max-foreign']);
  log(`[sso] ${completed} journeys (${failures.length} failed) in ${c.wall_s}s: ${result.sso.journeys_per_s}/s; `
    + `server ${c.server_cpu_pct_of_one_core}% of a core, ${result.sso.server_cpu_ms_per_journey} ms/journey; other ${c.other_cpu_pct_of_one_core}%`);
  for (const f of failures.slice(0, 5)) log(`  failure: ${f}`);
}

console.log(JSON.stringify(result));
if (a.out) appendFileSync(a.out, `${JSON.stringify(result)}\n`);
process.exit((result.journey.failed || result.sso?.failed) ? 1 : 0);
