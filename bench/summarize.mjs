// usage: node bench/summarize.mjs RESULTS_DIR   -> markdown on stdout
//
// RESULTS_DIR is what bench/run.sh wrote: sesame-token.jsonl (the peer's driver aimed at Sesame),
// peer-round*/results.jsonl (the peer's own run.sh), journey.jsonl (bench/journey.mjs), machine.txt.
// Medians over the rounds; the ratio to the peer is taken per round (same conditions) and its median shown.
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';

const dir = process.argv[2];
if (!dir) { console.error('usage: node summarize.mjs RESULTS_DIR'); process.exit(2); }
const jsonl = (f) => (existsSync(f) ? readFileSync(f, 'utf8').split('\n').filter(Boolean).map((l) => JSON.parse(l)) : []);
const median = (xs) => {
  const s = xs.filter((x) => Number.isFinite(x)).sort((x, y) => x - y);
  if (!s.length) return NaN;
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};
const f = (x, d = 1) => (Number.isFinite(x) ? x.toLocaleString('en-US', { minimumFractionDigits: d, maximumFractionDigits: d }) : '–');
const roundOf = (label) => Number((/round (\d+)/.exec(label) || [])[1]);

const sesame = jsonl(join(dir, 'sesame-token.jsonl')).map((r) => ({ ...r, round: roundOf(r.label) }));
const peer = [];
for (const d of existsSync(dir) ? readdirSync(dir).sort() : []) {
  const m = /^peer-round(\d+)$/.exec(d);
  if (m) for (const r of jsonl(join(dir, d, 'results.jsonl'))) peer.push({ ...r, round: Number(m[1]) });
}
const workersOf = (r) => Number((/workers=(\d+)/.exec(r.label) || [])[1]);
const cases = [
  ['Sesame (ASP.NET Core, one process)', sesame],
  ['peer oidc-provider, one process', peer.filter((r) => workersOf(r) === 1)],
  ['peer oidc-provider, two workers', peer.filter((r) => workersOf(r) === 2)],
];

const out = [];
const machine = existsSync(join(dir, 'machine.txt')) ? readFileSync(join(dir, 'machine.txt'), 'utf8').trim() : '';
if (machine) out.push('```', machine, '```', '');

if (sesame.length) {
  const c = sesame[0].connections;
  out.push(`### Token endpoint: client credentials, RS256 JWT, ${c} connections (${sesame[0].warmup_s} s warm-up + ${sesame[0].duration_s} s measured per run)`, '');
  out.push('| case | runs (clean) | req/s | p50 ms | p99 ms | server CPU ms/req | server CPU (% of one core) |');
  out.push('|---|---|---|---|---|---|---|');
  for (const [name, rows] of cases) {
    if (!rows.length) continue;
    const clean = rows.filter((r) => !r.contaminated).length;
    out.push(`| ${name} | ${rows.length} (${clean}) | ${f(median(rows.map((r) => r.rps_mean)), 0)} | ${f(median(rows.map((r) => r.lat_ms.p50)), 2)} | `
      + `${f(median(rows.map((r) => r.lat_ms.p99)), 2)} | ${f(median(rows.map((r) => r.server_cpu_ms_per_request)), 3)} | `
      + `${f(median(rows.map((r) => r.server_cpu_pct_of_one_core)), 0)} |`);
  }
  out.push('', 'Medians over the runs. Per run:', '');
  out.push('| round | case | req/s | p50 ms | p99 ms | CPU ms/req | other CPU % | non-2xx/errors | clean? |');
  out.push('|---|---|---|---|---|---|---|---|---|');
  const all = [...sesame.map((r) => ['Sesame', r]), ...peer.map((r) => [`peer, ${workersOf(r)} worker${workersOf(r) > 1 ? 's' : ''}`, r])]
    .sort((x, y) => x[1].round - y[1].round);
  for (const [name, r] of all) {
    out.push(`| ${r.round} | ${name} | ${f(r.rps_mean, 0)} | ${f(r.lat_ms.p50, 2)} | ${f(r.lat_ms.p99, 2)} | ${f(r.server_cpu_ms_per_request, 3)} | `
      + `${f(r.other_cpu_pct_of_one_core, 1)} | ${r.non2xx}/${r.errors + r.timeouts} | ${r.contaminated ? `no (try ${r.attempt})` : `yes (try ${r.attempt})`} |`);
  }
  const ratios = (w) => sesame.map((s) => {
    const p = peer.find((r) => r.round === s.round && workersOf(r) === w);
    return p ? { rps: s.rps_mean / p.rps_mean, cpu: p.server_cpu_ms_per_request / s.server_cpu_ms_per_request } : null;
  }).filter(Boolean);
  for (const w of [1, 2]) {
    const r = ratios(w);
    if (!r.length) continue;
    const rps = median(r.map((x) => x.rps));
    const goal = w === 2 ? ` — goal ≥ 1.5: ${rps >= 1.5 ? 'MET' : 'NOT MET'}` : '';
    out.push('', `Sesame ÷ peer ${w === 1 ? 'one process' : 'two workers'}, per round (median of ${r.length}): `
      + `req/s × ${f(rps, 2)} (rounds: ${r.map((x) => f(x.rps, 2)).join(', ')}); CPU per request: the peer spends × ${f(median(r.map((x) => x.cpu)), 2)} Sesame's${goal}`);
  }
  out.push('');
}

const physical = existsSync(join(dir, 'physical.txt')) ? readFileSync(join(dir, 'physical.txt'), 'utf8').trim() : '';
if (physical) out.push('### Physical limits on this machine (kdfbench, in the same run)', '', '```', physical, '```', '');

const journeys = jsonl(join(dir, 'journey.jsonl'));
for (const j of journeys) {
  const stepTable = (steps) => {
    const rows = ['| step | n | p50 ms | p90 ms | p99 ms | max ms |', '|---|---|---|---|---|---|'];
    for (const [name, s] of Object.entries(steps)) rows.push(`| ${name} | ${s.n} | ${f(s.p50, 1)} | ${f(s.p90, 1)} | ${f(s.p99, 1)} | ${f(s.max, 1)} |`);
    return rows;
  };
  const cpuLine = (p) => `server CPU ${f(p.server_cpu_pct_of_one_core, 0)}% of one core; load generator ${f(p.loadgen_cpu_pct_of_one_core, 0)}%; `
    + `mail server ${f(p.mail_server_cpu_pct_of_one_core, 0)}%; ${p.database_cpu_pct_of_one_core !== undefined ? `PostgreSQL ${f(p.database_cpu_pct_of_one_core, 0)}%; ` : ''}other ${f(p.other_cpu_pct_of_one_core, 1)}%${p.contaminated ? ' (CONTAMINATED)' : ''}; machine ${f(p.machine_busy_pct_of_all_cores, 0)}% busy`;
  out.push(`### Sign-in journeys (${j.label}): ${j.users} virtual users, ${j.cores} cores`, '');
  if (j.setup) {
    out.push(`Setup: ${j.setup.accounts} accounts created through the pages in ${f(j.setup.wall_s, 1)} s (${f(j.setup.accounts_per_s, 1)}/s; `
      + `${f(j.setup.server_cpu_ms_per_account, 0)} ms of server CPU per account; ${cpuLine(j.setup)}).`, '');
  }
  const p = j.journey;
  out.push(`Full journeys (authorize → sign-in page → password → mailed code → consent the first time → token → userinfo → refresh), `
    + `${p.duration_s} s: **${p.completed} journeys in ${f(p.wall_s, 1)} s = ${f(p.journeys_per_s, 2)} journeys/s = sign-ins/s**, ${p.failed} failed`
    + `${p.pool_exhausted ? ' (the account pool ran out)' : ''}; `
    + `password-hash ceiling ${f(j.hash_ceiling_per_s, 1)}/s (${j.cores} cores ÷ ${j.hash_ms} ms) → **${f(p.sign_ins_vs_hash_ceiling_pct, 0)}% of the ceiling**`
    + `${j.hash_measured_per_s ? ` (${f(p.sign_ins_vs_measured_hash_rate_pct, 0)}% of the ${f(j.hash_measured_per_s, 1)} hashes/s measured on ${j.cores} threads)` : ''}; `
    + `${f(p.server_cpu_ms_per_journey, 0)} ms of server CPU per journey; ${cpuLine(p)}.`, '');
  out.push(...stepTable(p.steps), '');
  if (p.failures?.length) out.push('Failures: ', ...p.failures.map((x) => `- ${x}`), '');
  if (j.sso) {
    const s = j.sso;
    out.push(`Signed-in journeys (authorize with a session → token → userinfo → refresh; no password), ${s.duration_s} s, ${s.users} users: `
      + `**${f(s.journeys_per_s, 1)} journeys/s**, ${s.failed} failed; ${f(s.server_cpu_ms_per_journey, 2)} ms of server CPU per journey; ${cpuLine(s)}.`, '');
    out.push(...stepTable(s.steps), '');
    if (s.failures?.length) out.push('Failures: ', ...s.failures.map((x) => `- ${x}`), '');
  }
}
console.log(out.join('\n'));
