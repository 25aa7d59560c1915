// Sesame's test mail server: a real SMTP server plus a small HTTP API to read what it received.
//
//   SMTP  on 127.0.0.1:$SMTP_PORT     (default 2525), no AUTH, no STARTTLS
//   HTTP  on 127.0.0.1:$MAIL_API_PORT (default 2580)
//
//   GET    /health                 -> 200 {"smtp":true|false}
//   GET    /messages[?to=ADDRESS]  -> 200 [ {to, from, subject, text, html, date, ...}, ... ] oldest first;
//                                     `to` filters by recipient, case-insensitively.
//                                     Optional `wait=MS` (max 30000): wait up to MS milliseconds until
//                                     at least one matching message exists (still 200 [] on timeout).
//   DELETE /messages               -> 200 {"deleted":N}
//   POST   /smtp/stop              -> closes the SMTP listener (connections are then refused) and drops
//                                     open SMTP sessions; 200 once closed.
//   POST   /smtp/start             -> listens again on the same port; 200 once listening.
//
// Each message object: to (lowercased envelope recipients, then To/Cc header addresses not already
// listed), from (the From header's address, else the envelope sender), fromName, subject, text, html
// ("" when absent), date (ISO; the Date header, else the time received), receivedAt (ISO), id, messageId.
//
// $MAIL_PID_FILE: if set, the process id is written there. Logs one line per message (subject only).
// Exits cleanly on SIGTERM / SIGINT.

import http from 'node:http';
import fs from 'node:fs';
import { SMTPServer } from 'smtp-server';
import { simpleParser } from 'mailparser';

const HOST = '127.0.0.1';
const SMTP_PORT = parsePort(process.env.SMTP_PORT, 2525, 'SMTP_PORT');
const API_PORT = parsePort(process.env.MAIL_API_PORT, 2580, 'MAIL_API_PORT');
const PID_FILE = process.env.MAIL_PID_FILE || '';

const messages = [];
let nextId = 1;
const waiters = new Set(); // callbacks run whenever a message arrives

let smtp = null; // current SMTPServer instance, null when stopped
let smtpListening = false;
let smtpTransition = Promise.resolve(); // serialises start/stop

function parsePort(value, fallback, name) {
  if (value === undefined || value === '') return fallback;
  const n = Number(value);
  if (!Number.isInteger(n) || n < 0 || n > 65535) {
    console.error(`mail-server: invalid ${name}: ${value}`);
    process.exit(2);
  }
  return n;
}

function log(line) {
  process.stdout.write(`mail-server: ${line}\n`);
}

function addressesOf(field) {
  // mailparser gives an AddressObject, an array of them, or undefined; entries may be groups.
  const out = [];
  const visit = (entry) => {
    if (!entry) return;
    if (entry.address) out.push(entry.address);
    if (Array.isArray(entry.group)) entry.group.forEach(visit);
  };
  for (const obj of [].concat(field || [])) {
    for (const entry of obj.value || []) visit(entry);
  }
  return out;
}

async function handleData(stream, session) {
  const parsed = await simpleParser(stream, { skipImageLinks: true });
  const recipients = [];
  const add = (a) => {
    const lower = String(a || '').trim().toLowerCase();
    if (lower && !recipients.includes(lower)) recipients.push(lower);
  };
  for (const rcpt of session.envelope.rcptTo || []) add(rcpt.address);
  addressesOf(parsed.to).forEach(add);
  addressesOf(parsed.cc).forEach(add);

  const fromHeader = parsed.from && parsed.from.value && parsed.from.value[0];
  const envelopeFrom = session.envelope.mailFrom ? session.envelope.mailFrom.address : '';
  const receivedAt = new Date();
  const date = parsed.date instanceof Date && !Number.isNaN(parsed.date.getTime()) ? parsed.date : receivedAt;

  const message = {
    id: nextId++,
    to: recipients,
    from: (fromHeader && fromHeader.address) || envelopeFrom || '',
    fromName: (fromHeader && fromHeader.name) || '',
    subject: parsed.subject || '',
    text: parsed.text || '',
    html: typeof parsed.html === 'string' ? parsed.html : '',
    date: date.toISOString(),
    receivedAt: receivedAt.toISOString(),
    messageId: parsed.messageId || '',
  };
  messages.push(message);
  log(`received #${message.id}: ${JSON.stringify(message.subject)}`);
  for (const w of [...waiters]) w();
}

function createSmtp() {
  return new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS', 'AUTH'],
    hideSTARTTLS: true,
    logger: false,
    banner: 'Sesame test mail server',
    closeTimeout: 1000,
    onData(stream, session, callback) {
      handleData(stream, session).then(
        () => callback(),
        (err) => {
          log(`could not parse a message: ${err && err.message}`);
          stream.resume();
          callback(new Error('Message could not be parsed'));
        },
      );
    },
  });
}

function startSmtp() {
  smtpTransition = smtpTransition.then(
    () =>
      new Promise((resolve, reject) => {
        if (smtp && smtpListening) return resolve();
        const server = createSmtp();
        const onError = (err) => {
          server.server.removeListener('listening', onListening);
          reject(err);
        };
        const onListening = () => {
          server.server.removeListener('error', onError);
          server.on('error', (err) => log(`smtp error: ${err && err.message}`));
          smtp = server;
          smtpListening = true;
          resolve();
        };
        server.server.once('error', onError);
        server.server.once('listening', onListening);
        server.listen(SMTP_PORT, HOST);
      }),
  );
  // keep the chain usable after a failure
  const result = smtpTransition;
  smtpTransition = smtpTransition.catch(() => {});
  return result;
}

function stopSmtp() {
  smtpTransition = smtpTransition.then(
    () =>
      new Promise((resolve) => {
        const server = smtp;
        if (!server) return resolve();
        smtp = null;
        smtpListening = false;
        // stop accepting: the listening socket is closed right away, new connections are refused
        server.close(() => resolve());
        // drop sessions still open, as an outage would
        for (const connection of server.connections) {
          try {
            connection.send(421, 'Server shutting down');
            connection.close();
          } catch {
            /* already gone */
          }
        }
      }),
  );
  const result = smtpTransition;
  smtpTransition = smtpTransition.catch(() => {});
  return result;
}

function sendJson(res, status, body) {
  const payload = JSON.stringify(body);
  res.writeHead(status, {
    'Content-Type': 'application/json; charset=utf-8',
    'Content-Length': Buffer.byteLength(payload),
    'Cache-Control': 'no-store',
  });
  res.end(payload);
}

function matching(to) {
  if (!to) return messages.slice();
  const wanted = to.trim().toLowerCase();
  return messages.filter((m) => m.to.includes(wanted));
}

function waitForMatch(to, ms) {
  return new Promise((resolve) => {
    if (matching(to).length > 0 || ms <= 0) return resolve();
    let timer;
    const check = () => {
      if (matching(to).length > 0) done();
    };
    const done = () => {
      clearTimeout(timer);
      waiters.delete(check);
      resolve();
    };
    timer = setTimeout(done, ms);
    waiters.add(check);
  });
}

const api = http.createServer(async (req, res) => {
  try {
    const url = new URL(req.url, `http://${HOST}`);
    const path = url.pathname.replace(/\/+$/, '') || '/';
    req.resume(); // no request bodies are used

    if (path === '/health') {
      if (req.method !== 'GET' && req.method !== 'HEAD') return sendJson(res, 405, { error: 'method not allowed' });
      return sendJson(res, 200, { smtp: smtpListening });
    }
    if (path === '/messages') {
      if (req.method === 'GET') {
        const to = url.searchParams.get('to') || '';
        const wait = Math.min(Math.max(Number(url.searchParams.get('wait')) || 0, 0), 30000);
        if (wait > 0) await waitForMatch(to, wait);
        return sendJson(res, 200, matching(to));
      }
      if (req.method === 'DELETE') {
        const deleted = messages.length;
        messages.length = 0;
        return sendJson(res, 200, { deleted });
      }
      return sendJson(res, 405, { error: 'method not allowed' });
    }
    if (path === '/smtp/stop' || path === '/smtp/start') {
      if (req.method !== 'POST') return sendJson(res, 405, { error: 'method not allowed' });
      if (path === '/smtp/stop') {
        await stopSmtp();
        log('smtp stopped');
      } else {
        await startSmtp();
        log('smtp started');
      }
      return sendJson(res, 200, { smtp: smtpListening });
    }
    return sendJson(res, 404, { error: 'not found' });
  } catch (err) {
    log(`api error: ${err && err.message}`);
    if (!res.headersSent) sendJson(res, 500, { error: String((err && err.message) || err) });
    else res.end();
  }
});

let shuttingDown = false;
function shutdown(signal) {
  if (shuttingDown) return;
  shuttingDown = true;
  log(`${signal} received, shutting down`);
  const force = setTimeout(() => finish(0), 3000);
  force.unref();
  for (const w of [...waiters]) w(); // release long polls
  Promise.allSettled([stopSmtp(), new Promise((r) => api.close(() => r()))]).then(() => finish(0));
  api.closeAllConnections?.();
}

function finish(code) {
  if (PID_FILE) {
    try {
      if (fs.readFileSync(PID_FILE, 'utf8').trim() === String(process.pid)) fs.unlinkSync(PID_FILE);
    } catch {
      /* ignore */
    }
  }
  process.exit(code);
}

process.on('SIGTERM', () => shutdown('SIGTERM'));
process.on('SIGINT', () => shutdown('SIGINT'));

async function main() {
  if (PID_FILE) fs.writeFileSync(PID_FILE, `${process.pid}\n`);
  try {
    await startSmtp();
  } catch (err) {
    console.error(`mail-server: cannot listen for SMTP on ${HOST}:${SMTP_PORT}: ${err.message}`);
    finish(1);
    return;
  }
  await new Promise((resolve, reject) => {
    api.once('error', reject);
    api.listen(API_PORT, HOST, () => {
      api.removeListener('error', reject);
      resolve();
    });
  }).catch((err) => {
    console.error(`mail-server: cannot listen for HTTP on ${HOST}:${API_PORT}: ${err.message}`);
    finish(1);
  });
  log(`smtp on ${HOST}:${SMTP_PORT}, api on http://${HOST}:${API_PORT}, pid ${process.pid}`);
}

main();
