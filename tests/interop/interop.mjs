// Sesame against openid-client, an OpenID-certified relying-party library (issue 3, "must be shown").
//
//   node tests/interop/interop.mjs
//
// A person creates an account through Sesame's pages (the codes come from the test mail server), then a
// government service using openid-client signs them in: discovery, authorization code + PKCE S256 with a
// scripted sign-in (password, mailed code) and consent, the id_token, userinfo, refresh-token rotation and
// reuse detection, a second authorization without consent (same identification code), pushed
// authorization, a refusal (prompt=consent, "Je refuse" → access_denied), revocation, introspection,
// RP-initiated logout, and prompt=none after it (→ login_required).
//
// Environment (all required unless a default is shown):
//   SESAME_ISSUER                    Sesame's issuer, e.g. http://localhost:5000/ (plain http is allowed)
//   SESAME_CLIENT_ID                 a registered service, allowed identification_code and email,
//   SESAME_CLIENT_SECRET               with the two addresses below
//   SESAME_REDIRECT_URI              (http://localhost:9/callback) never requested: the script stops at
//                                     the redirect and hands its URL to openid-client
//   SESAME_POST_LOGOUT_REDIRECT_URI  (http://localhost:9/logged-out)
//   SESAME_MAIL_API                  the test mail server's HTTP API, e.g. http://127.0.0.1:2580
//   SESAME_CLIENT_ADDRESS            (random) sent as X-Test-Client-Address, which the test host takes as
//                                     the client's IP address, so the per-address rate limits see one person
//
// Prints one line per step; exits 0 when every check passed, 1 with the reason at the first failure.
// Just before the closing line comes `EVIDENCE {json}`: every decoded token, userinfo and introspection
// response, for the caller to search for internal identifiers it alone knows.

import * as client from 'openid-client';
import { randomBytes } from 'node:crypto';

// ------------------------------------------------------------------------------------------------
// Configuration

function env(name, fallback) {
  const value = process.env[name];
  if (value !== undefined && value !== '') return value;
  if (fallback !== undefined) return fallback;
  console.error(`FAILED at start-up: the environment variable ${name} is not set (see the head of this script)`);
  process.exit(2);
}

const ISSUER = env('SESAME_ISSUER');
const CLIENT_ID = env('SESAME_CLIENT_ID');
const CLIENT_SECRET = env('SESAME_CLIENT_SECRET');
const REDIRECT_URI = env('SESAME_REDIRECT_URI', 'http://localhost:9/callback');
const POST_LOGOUT_REDIRECT_URI = env('SESAME_POST_LOGOUT_REDIRECT_URI', 'http://localhost:9/logged-out');
const MAIL_API = env('SESAME_MAIL_API').replace(/\/+$/, '');
const CLIENT_ADDRESS = env('SESAME_CLIENT_ADDRESS', `10.${[...randomBytes(3)].join('.')}`);

const ACCOUNT_ACR = 'urn:sesame:loa:compte';
const SCOPE = 'openid email offline_access';
const SUB_FORMAT = /^[a-z2-7]{26}$/;

// Every claim name an id_token from Sesame may carry; anything else is reported as a failure.
const ID_TOKEN_CLAIMS = new Set([
  'iss', 'sub', 'aud', 'exp', 'iat', 'nbf', 'jti', 'nonce', 'at_hash', 'c_hash', 'azp', 'sid',
  'acr', 'amr', 'auth_time', 'email', 'email_verified',
  // OpenIddict's own references (its authorization and token entries), not the person's.
  'oi_au_id', 'oi_tkn_id',
]);

// The same for the access token (a JWT for the service's own APIs) and for userinfo.
const ACCESS_TOKEN_CLAIMS = new Set([
  'iss', 'sub', 'aud', 'exp', 'iat', 'nbf', 'jti', 'scope', 'client_id', 'azp',
  'acr', 'amr', 'auth_time', 'email', 'email_verified',
  'oi_au_id', 'oi_tkn_id', 'oi_prst', // OpenIddict's authorization and token references, and the presenter
]);
const USERINFO_CLAIMS = new Set(['iss', 'aud', 'sub', 'email', 'email_verified']);

const evidence = { username: null, idTokens: [], accessTokens: [], userinfo: [], introspection: [], tokenResponses: [] };

// ------------------------------------------------------------------------------------------------
// Reporting

let stepNumber = 0;
let stepName = null;

class CheckFailure extends Error {}

function fail(message) {
  throw new CheckFailure(message);
}

function check(condition, message) {
  if (!condition) fail(message);
}

function equal(actual, expected, what) {
  if (JSON.stringify(actual) !== JSON.stringify(expected)) {
    fail(`${what}: expected ${JSON.stringify(expected)}, got ${JSON.stringify(actual)}`);
  }
}

async function step(name, action) {
  stepNumber += 1;
  stepName = name;
  const started = Date.now();
  const detail = await action();
  console.log(`ok ${stepNumber} - ${name} (${Date.now() - started} ms)${detail ? `: ${detail}` : ''}`);
  stepName = null;
}

function describe(error) {
  if (error instanceof CheckFailure) return error.message;
  if (error instanceof client.ResponseBodyError) {
    return `${error.message} (HTTP ${error.status}, error=${error.error}, error_description=${error.error_description ?? ''})`;
  }
  if (error instanceof client.AuthorizationResponseError) {
    return `${error.message} (error=${error.error}, error_description=${error.error_description ?? ''})`;
  }
  const cause = error?.cause ? ` [cause: ${error.cause.message ?? JSON.stringify(error.cause)}]` : '';
  return `${error?.code ? `${error.code}: ` : ''}${error?.stack ?? error}${cause}`;
}

// Expects an openid-client call to be refused by the server with the given OAuth error.
async function expectOAuthError(promise, expectedError, what) {
  try {
    await promise;
  } catch (error) {
    if (error instanceof client.ResponseBodyError) {
      equal(error.error, expectedError, `${what}: the error`);
      return `${error.error} (HTTP ${error.status})`;
    }
    throw error;
  }
  fail(`${what}: expected ${expectedError}, but the server accepted it`);
}

// ------------------------------------------------------------------------------------------------
// A scripted browser: its own cookie jar, redirects followed by hand.

class Browser {
  cookies = new Map();

  clear() {
    this.cookies.clear();
  }

  store(response) {
    for (const header of response.headers.getSetCookie()) {
      const [pair, ...attributes] = header.split(';');
      const separator = pair.indexOf('=');
      const name = pair.slice(0, separator).trim();
      const value = pair.slice(separator + 1).trim();
      const expired = attributes.some((attribute) => {
        const [key, val = ''] = attribute.split('=');
        const k = key.trim().toLowerCase();
        return (k === 'max-age' && Number(val) <= 0) || (k === 'expires' && Date.parse(val.trim()) <= Date.now());
      });
      if (expired || value === '') this.cookies.delete(name);
      else this.cookies.set(name, value);
    }
  }

  // One request, no redirect followed: { status, location (absolute URL or null), html, url }.
  async request(url, form) {
    const target = new URL(url, ISSUER);
    const headers = {
      'X-Test-Client-Address': CLIENT_ADDRESS,
      'Accept-Language': 'fr-CA',
      Accept: 'text/html',
    };
    if (this.cookies.size > 0) {
      headers.Cookie = [...this.cookies].map(([name, value]) => `${name}=${value}`).join('; ');
    }
    const init = { method: form ? 'POST' : 'GET', headers, redirect: 'manual' };
    if (form) {
      headers['Content-Type'] = 'application/x-www-form-urlencoded';
      init.body = new URLSearchParams(form).toString();
    }
    const response = await fetch(target, init);
    this.store(response);
    const location = response.headers.get('location');
    return {
      status: response.status,
      location: location ? new URL(location, target).href : null,
      html: await response.text(),
      url: target.href,
    };
  }

  // Follows redirects within Sesame; stops at a page, or at a redirect leaving Sesame (to the service).
  async navigate(url, form) {
    let page = await this.request(url, form);
    for (let hops = 0; page.location && hops < 10; hops += 1) {
      if (new URL(page.location).origin !== new URL(ISSUER).origin) return page;
      page = await this.request(page.location);
    }
    check(!page.location, `too many redirects from ${url}`);
    return page;
  }
}

function decodeEntities(text) {
  return text.replace(/&(#x[0-9a-f]+|#\d+|amp|lt|gt|quot|apos);/gi, (_, entity) => {
    const e = entity.toLowerCase();
    if (e.startsWith('#x')) return String.fromCodePoint(parseInt(e.slice(2), 16));
    if (e.startsWith('#')) return String.fromCodePoint(parseInt(e.slice(1), 10));
    return { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" }[e];
  });
}

function attribute(tag, name) {
  const match = new RegExp(`\\s${name}="([^"]*)"`, 'i').exec(tag);
  return match ? decodeEntities(match[1]) : null;
}

// The page's main form (id="page-form"): its action and hidden fields (the antiforgery token included).
function pageForm(page) {
  const match = /<form\b[^>]*\bid="page-form"[^>]*>([\s\S]*?)<\/form>/i.exec(page.html);
  check(match, `no form on ${page.url} (HTTP ${page.status}): ${title(page)}`);
  const openTag = match[0].slice(0, match[0].indexOf('>') + 1);
  const fields = {};
  for (const input of match[1].matchAll(/<input\b[^>]*>/gi)) {
    if ((attribute(input[0], 'type') ?? '').toLowerCase() === 'hidden') {
      fields[attribute(input[0], 'name')] = attribute(input[0], 'value') ?? '';
    }
  }
  return { action: new URL(attribute(openTag, 'action') ?? page.url, page.url).href, fields };
}

function title(page) {
  const match = /<h1[^>]*>([\s\S]*?)<\/h1>/i.exec(page.html);
  return match ? decodeEntities(match[1].replace(/<[^>]+>/g, '').trim()) : `(no heading; HTTP ${page.status})`;
}

function expectPage(page, heading, where) {
  check(page.status === 200, `${where}: expected the page "${heading}", got HTTP ${page.status} ${page.location ?? ''}`);
  equal(title(page), heading, `${where}: the page heading`);
}

async function submit(browser, page, values) {
  const form = pageForm(page);
  return browser.navigate(form.action, { ...form.fields, ...values });
}

// ------------------------------------------------------------------------------------------------
// The test mail server

async function mailedCode(to, count) {
  const deadline = Date.now() + 30_000;
  for (;;) {
    const response = await fetch(`${MAIL_API}/messages?to=${encodeURIComponent(to)}&wait=5000`);
    check(response.ok, `the mail API answered HTTP ${response.status}`);
    const messages = await response.json();
    if (messages.length >= count) {
      const text = messages[count - 1].text;
      const match = /\b(\d{3}) (\d{3})\b/.exec(text);
      check(match, `no code in the mail "${messages[count - 1].subject}"`);
      return match[1] + match[2];
    }
    check(Date.now() < deadline, `mail ${count} to ${to} did not arrive within 30 s (got ${messages.length})`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

// ------------------------------------------------------------------------------------------------
// Helpers around tokens

function decodeJwt(jwt) {
  const [header, payload] = jwt.split('.');
  const part = (p) => JSON.parse(Buffer.from(p, 'base64url').toString('utf8'));
  return { header: part(header), payload: part(payload) };
}

function recordTokens(label, tokens) {
  const { access_token: accessToken, refresh_token: refreshToken, id_token: idToken, ...rest } = tokens;
  evidence.tokenResponses.push({ label, ...rest, has_refresh_token: Boolean(refreshToken), has_id_token: Boolean(idToken) });
  if (idToken) evidence.idTokens.push({ label, ...decodeJwt(idToken) });
  if (accessToken && accessToken.split('.').length === 3) evidence.accessTokens.push({ label, ...decodeJwt(accessToken) });
}

// Starts an authorization (plain or pushed) and returns its checks, the URL to open, and the verifier.
async function beginAuthorization(config, { pushed = false, extra = {} } = {}) {
  const pkceCodeVerifier = client.randomPKCECodeVerifier();
  const parameters = {
    redirect_uri: REDIRECT_URI,
    scope: SCOPE,
    code_challenge: await client.calculatePKCECodeChallenge(pkceCodeVerifier),
    code_challenge_method: 'S256',
    state: client.randomState(),
    nonce: client.randomNonce(),
    ...extra,
  };
  const url = pushed
    ? await client.buildAuthorizationUrlWithPAR(config, parameters)
    : client.buildAuthorizationUrl(config, parameters);
  return { url, pkceCodeVerifier, expectedState: parameters.state, expectedNonce: parameters.nonce };
}

// A redirect to the service carrying an error, which openid-client must raise as that error.
async function expectAuthorizationError(config, authorization, page, expectedError, where) {
  check(page.location && page.location.startsWith(`${REDIRECT_URI}?`),
    `${where}: expected a redirect to ${REDIRECT_URI}, got HTTP ${page.status} ${page.location ?? `"${title(page)}"`}`);
  try {
    await redeem(config, authorization, new URL(page.location));
  } catch (error) {
    if (error instanceof client.AuthorizationResponseError) {
      equal(error.error, expectedError, `${where}: the error`);
      return error.error;
    }
    throw error;
  }
  fail(`${where}: expected ${expectedError}, but openid-client got a code and redeemed it`);
}

function expectCallback(page, where) {
  check(page.location && page.location.startsWith(`${REDIRECT_URI}?`),
    `${where}: expected a redirect to ${REDIRECT_URI}, got HTTP ${page.status} ${page.location ?? `"${title(page)}"`}`);
  const error = new URL(page.location).searchParams.get('error');
  check(!error, `${where}: the service got error=${error} (${new URL(page.location).searchParams.get('error_description')})`);
  return new URL(page.location);
}

async function redeem(config, authorization, callback) {
  return client.authorizationCodeGrant(config, callback, {
    pkceCodeVerifier: authorization.pkceCodeVerifier,
    expectedState: authorization.expectedState,
    expectedNonce: authorization.expectedNonce,
    idTokenExpected: true,
  });
}

// ------------------------------------------------------------------------------------------------
// The journey

async function main() {
  const browser = new Browser();
  const suffix = [...randomBytes(8)].map((b) => 'abcdefghijkmnpqrstuvwxyz23456789'[b % 32]).join('');
  const person = { username: `interop${suffix}`, email: `interop.${suffix}@exemple.ca`, password: 'Tulipe-Verte-Hiver-92' };
  evidence.username = person.username;
  let config;
  let first;
  let firstClaims;
  let second;

  await step('discovery', async () => {
    config = await client.discovery(new URL(ISSUER), CLIENT_ID, undefined, client.ClientSecretBasic(CLIENT_SECRET), {
      execute: [client.allowInsecureRequests],
    });
    const metadata = config.serverMetadata();
    equal(metadata.issuer, new URL(ISSUER).href, 'issuer');
    equal(metadata.code_challenge_methods_supported, ['S256'], 'code_challenge_methods_supported');
    equal(metadata.subject_types_supported, ['pairwise'], 'subject_types_supported');
    check((metadata.acr_values_supported ?? []).includes(ACCOUNT_ACR),
      `acr_values_supported ${JSON.stringify(metadata.acr_values_supported)} lacks ${ACCOUNT_ACR}`);
    equal(metadata.authorization_response_iss_parameter_supported, true, 'authorization_response_iss_parameter_supported');
    equal(metadata.response_types_supported, ['code'], 'response_types_supported');
    for (const endpoint of ['authorization_endpoint', 'token_endpoint', 'userinfo_endpoint', 'jwks_uri',
      'end_session_endpoint', 'revocation_endpoint', 'introspection_endpoint', 'pushed_authorization_request_endpoint']) {
      check(typeof metadata[endpoint] === 'string', `discovery has no ${endpoint}`);
    }
    return `issuer ${metadata.issuer}, acr ${metadata.acr_values_supported.join(' ')}, `
      + `auth methods ${(metadata.token_endpoint_auth_methods_supported ?? []).join(' ')}`;
  });

  await step('account created through the pages and confirmed with the mailed code', async () => {
    let page = await browser.navigate('/creer-compte');
    expectPage(page, 'Créer votre compte', 'GET /creer-compte');
    page = await submit(browser, page, {
      'Input.Username': person.username,
      'Input.Email': person.email,
      'Input.Password': person.password,
      'Input.ConfirmPassword': person.password,
      'Input.AcceptTerms': 'true',
    });
    expectPage(page, 'Confirmer votre adresse courriel', 'account creation');
    page = await submit(browser, page, { 'Input.Code': await mailedCode(person.email, 1) });
    expectPage(page, 'Création de compte terminée', 'e-mail confirmation');
    browser.clear(); // a new browser: the authorization must sign in with the password and a code
    return person.username;
  });

  await step('authorization code + PKCE S256: sign-in (password, mailed code), consent, callback', async () => {
    const authorization = await beginAuthorization(config);
    let page = await browser.navigate(authorization.url);
    expectPage(page, 'Se connecter', 'the authorization request of a browser without a session');
    check(new URL(page.url).searchParams.get('retour')?.startsWith('/connect/authorize?'),
      `the sign-in page does not resume the request: ${page.url}`);
    page = await submit(browser, page, { 'Input.Identifier': person.username, 'Input.Password': person.password });
    expectPage(page, 'Code de sécurité', 'sign-in with the password');
    page = await submit(browser, page, { 'Input.Code': await mailedCode(person.email, 2) });
    expectPage(page, 'Communication des renseignements personnels', 'sign-in with the mailed code');
    const form = pageForm(page);
    check(form.fields.__af, 'the consent form has no antiforgery token');
    page = await submit(browser, page, { decision: 'accept' });
    const callback = expectCallback(page, '"Je consens"');
    equal(callback.searchParams.get('iss'), config.serverMetadata().issuer, 'the iss of the authorization response');
    first = await redeem(config, authorization, callback);
    recordTokens('first authorization', first);
    check(first.refresh_token, 'no refresh_token although offline_access was granted');
    equal(first.token_type?.toLowerCase(), 'bearer', 'token_type');
    return `token_type ${first.token_type}, expires_in ${first.expires_in}, scope "${first.scope}"`;
  });

  await step('id_token claims', async () => {
    firstClaims = first.claims();
    const { header } = decodeJwt(first.id_token);
    console.log(`     id_token header ${JSON.stringify(header)}`);
    console.log(`     id_token claims ${JSON.stringify(firstClaims)}`);
    const access = decodeJwt(first.access_token);
    console.log(`     access_token header ${JSON.stringify(access.header)}`);
    console.log(`     access_token claims ${JSON.stringify(access.payload)}`);
    equal(firstClaims.iss, config.serverMetadata().issuer, 'iss');
    check(firstClaims.aud === CLIENT_ID || (Array.isArray(firstClaims.aud) && firstClaims.aud.includes(CLIENT_ID)),
      `aud ${JSON.stringify(firstClaims.aud)} does not name ${CLIENT_ID}`);
    check(typeof firstClaims.nonce === 'string' && firstClaims.nonce.length > 0, 'no nonce');
    check(SUB_FORMAT.test(firstClaims.sub), `sub "${firstClaims.sub}" is not 26 lowercase base32 characters`);
    equal(firstClaims.acr, ACCOUNT_ACR, 'acr');
    check(Array.isArray(firstClaims.amr) && firstClaims.amr.includes('pwd') && firstClaims.amr.includes('otp'),
      `amr ${JSON.stringify(firstClaims.amr)} lacks pwd and otp`);
    check(Number.isInteger(firstClaims.auth_time), `auth_time ${JSON.stringify(firstClaims.auth_time)}`);
    check(Math.abs(firstClaims.auth_time - Date.now() / 1000) < 300, `auth_time ${firstClaims.auth_time} is not recent`);
    equal(firstClaims.email, person.email, 'email');
    equal(firstClaims.email_verified, true, 'email_verified');
    const unexpected = Object.keys(firstClaims).filter((name) => !ID_TOKEN_CLAIMS.has(name));
    check(unexpected.length === 0, `id_token claims outside the allow-list: ${unexpected.join(', ')}`);
    const unexpectedInAccess = Object.keys(access.payload).filter((name) => !ACCESS_TOKEN_CLAIMS.has(name));
    check(unexpectedInAccess.length === 0, `access_token claims outside the allow-list: ${unexpectedInAccess.join(', ')}`);
    equal(access.payload.sub, firstClaims.sub, 'the access token sub');
    equal(access.header.typ, 'at+jwt', 'the access token typ (RFC 9068)');
    for (const [name, value] of [...Object.entries(firstClaims), ...Object.entries(access.payload)]) {
      check(!String(value).includes(person.username), `claim ${name} carries the username`);
    }
    return `sub ${firstClaims.sub}, acr ${firstClaims.acr}, amr ${firstClaims.amr.join(' ')}, claims ${Object.keys(firstClaims).join(' ')}`;
  });

  await step('userinfo', async () => {
    const userinfo = await client.fetchUserInfo(config, first.access_token, firstClaims.sub);
    evidence.userinfo.push(userinfo);
    console.log(`     userinfo ${JSON.stringify(userinfo)}`);
    equal(userinfo.sub, firstClaims.sub, 'the userinfo sub');
    equal(userinfo.email, person.email, 'the userinfo email');
    const unexpected = Object.keys(userinfo).filter((name) => !USERINFO_CLAIMS.has(name));
    check(unexpected.length === 0, `userinfo claims outside the allow-list: ${unexpected.join(', ')}`);
    return `claims ${Object.keys(userinfo).join(' ')}`;
  });

  await step('refresh: rotation, reuse of the old token refused, then its whole family revoked', async () => {
    const refreshed = await client.refreshTokenGrant(config, first.refresh_token);
    recordTokens('refresh', refreshed);
    check(refreshed.access_token && refreshed.access_token !== first.access_token, 'no new access token');
    check(refreshed.refresh_token && refreshed.refresh_token !== first.refresh_token, 'the refresh token did not rotate');
    if (refreshed.id_token) equal(refreshed.claims().sub, firstClaims.sub, 'the sub of the refreshed id_token');
    const reuse = await expectOAuthError(client.refreshTokenGrant(config, first.refresh_token), 'invalid_grant',
      'reusing the rotated refresh token');
    const family = await expectOAuthError(client.refreshTokenGrant(config, refreshed.refresh_token), 'invalid_grant',
      'the new refresh token after a reuse of its predecessor');
    const after = await client.tokenIntrospection(config, refreshed.access_token);
    evidence.introspection.push({ label: 'access token of a revoked family', ...after });
    return `new tokens${refreshed.id_token ? ' (and an id_token)' : ''}; reuse → ${reuse}; new token → ${family}; `
      + `introspection of the family's access token → active:${after.active}`;
  });

  await step('a second authorization: no sign-in, no consent, the same sub', async () => {
    const authorization = await beginAuthorization(config);
    const page = await browser.navigate(authorization.url);
    const callback = expectCallback(page, 'the second authorization (expected straight back: already signed in and consented)');
    second = await redeem(config, authorization, callback);
    recordTokens('second authorization', second);
    const claims = second.claims();
    equal(claims.sub, firstClaims.sub, 'the sub of the second authorization');
    equal(claims.auth_time, firstClaims.auth_time, 'the auth_time of the second authorization (same session)');
    return `sub ${claims.sub}`;
  });

  let pushed;
  await step('pushed authorization request (PAR)', async () => {
    const authorization = await beginAuthorization(config, { pushed: true });
    check(authorization.url.searchParams.has('request_uri'), `no request_uri in ${authorization.url}`);
    const page = await browser.navigate(authorization.url);
    const callback = expectCallback(page, 'the pushed authorization');
    pushed = await redeem(config, authorization, callback);
    recordTokens('pushed authorization', pushed);
    equal(pushed.claims().sub, firstClaims.sub, 'the sub of the pushed authorization');
    return `request_uri ${authorization.url.searchParams.get('request_uri').slice(0, 40)}…`;
  });

  await step('prompt=consent, "Je refuse": access_denied to the service', async () => {
    const authorization = await beginAuthorization(config, { extra: { prompt: 'consent' } });
    let page = await browser.navigate(authorization.url);
    expectPage(page, 'Communication des renseignements personnels', 'an authorization with prompt=consent');
    page = await submit(browser, page, { decision: 'refuse' });
    return `openid-client raised ${await expectAuthorizationError(config, authorization, page, 'access_denied', '"Je refuse"')}`;
  });

  await step('introspection and revocation (client_secret_post)', async () => {
    const postConfig = new client.Configuration(config.serverMetadata(), CLIENT_ID, undefined, client.ClientSecretPost(CLIENT_SECRET));
    client.allowInsecureRequests(postConfig);
    const before = await client.tokenIntrospection(postConfig, pushed.access_token);
    evidence.introspection.push({ label: 'active access token', ...before });
    console.log(`     introspection ${JSON.stringify(before)}`);
    equal(before.active, true, 'introspection of a fresh access token: active');
    equal(before.sub, firstClaims.sub, 'introspection of a fresh access token: sub');
    const refreshIntrospection = await client.tokenIntrospection(postConfig, pushed.refresh_token, { token_type_hint: 'refresh_token' });
    evidence.introspection.push({ label: 'active refresh token', ...refreshIntrospection });
    equal(refreshIntrospection.active, true, 'introspection of a fresh refresh token: active');

    await client.tokenRevocation(postConfig, pushed.refresh_token, { token_type_hint: 'refresh_token' });
    const refused = await expectOAuthError(client.refreshTokenGrant(config, pushed.refresh_token), 'invalid_grant',
      'refreshing with a revoked refresh token');
    const revokedRefresh = await client.tokenIntrospection(postConfig, pushed.refresh_token, { token_type_hint: 'refresh_token' });
    equal(revokedRefresh.active, false, 'introspection of a revoked refresh token: active');
    const afterRefreshRevoked = await client.tokenIntrospection(postConfig, pushed.access_token);
    evidence.introspection.push({ label: 'access token after its refresh token was revoked', ...afterRefreshRevoked });

    await client.tokenRevocation(postConfig, pushed.access_token, { token_type_hint: 'access_token' });
    const afterAccessRevoked = await client.tokenIntrospection(postConfig, pushed.access_token);
    evidence.introspection.push({ label: 'revoked access token', ...afterAccessRevoked });
    equal(afterAccessRevoked.active, false, 'introspection of a revoked access token: active');
    return `access token active:true sub matches; refresh token revoked → refresh ${refused}, introspection active:false; `
      + `access token after its refresh token was revoked → active:${afterRefreshRevoked.active}; `
      + 'access token revoked → active:false';
  });

  await step('RP-initiated logout', async () => {
    const state = client.randomState();
    const url = client.buildEndSessionUrl(config, {
      id_token_hint: second.id_token,
      post_logout_redirect_uri: POST_LOGOUT_REDIRECT_URI,
      state,
    });
    const page = await browser.navigate(url);
    check(page.location, `logout: expected a redirect to ${POST_LOGOUT_REDIRECT_URI}, got HTTP ${page.status} "${title(page)}"`);
    const back = new URL(page.location);
    equal(back.origin + back.pathname, POST_LOGOUT_REDIRECT_URI, 'the address logout returns to');
    equal(back.searchParams.get('state'), state, 'the state logout returns');
    const account = await browser.request('/compte');
    check(account.status === 302 && new URL(account.location).pathname === '/',
      `the session survived logout: GET /compte answered HTTP ${account.status} ${account.location ?? ''}`);
    const again = await browser.navigate((await beginAuthorization(config)).url);
    expectPage(again, 'Se connecter', 'an authorization after logout');
    const silent = await beginAuthorization(config, { extra: { prompt: 'none' } });
    const error = await expectAuthorizationError(config, silent, await browser.navigate(silent.url), 'login_required',
      'prompt=none after logout');
    return `back to ${back.origin + back.pathname}?state=…; /compte → sign-in; a new authorization asks to sign in; `
      + `prompt=none → ${error}`;
  });

  console.log(`EVIDENCE ${JSON.stringify(evidence)}`);
  console.log(`all ${stepNumber} steps passed`);
}

try {
  await main();
} catch (error) {
  const where = stepName === null ? `after step ${stepNumber}` : `step ${stepNumber} (${stepName})`;
  console.error(`FAILED at ${where}: ${describe(error)}`);
  process.exit(1);
}
