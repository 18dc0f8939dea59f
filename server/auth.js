// @ts-check
// The study team's sign-in: one admin access token, stored only as a scrypt hash. A person
// signs in on /signin and gets a session cookie (HttpOnly, SameSite=Strict, Secure except
// on localhost); a script sends `Authorization: Bearer <token>`. Every form that changes
// data carries the session's CSRF token, and its Origin (when sent) must be this host.

import {createHash, randomBytes, scrypt as scryptCb, timingSafeEqual} from 'node:crypto';
import {promisify} from 'node:util';

const scrypt =
  /** @type {(password: string, salt: Buffer, keylen: number, options: object) => Promise<Buffer>} */ (
    promisify(scryptCb)
  );

export const ADMIN_SETTING = 'admin-token';
export const SESSION_COOKIE = 'rs_session';
export const SESSION_HOURS = 8;
const N = 16384;

/** `scrypt$N$r$p$salt$hash` (base64url parts). @param {string} secret */
export async function hashSecret(secret) {
  const salt = randomBytes(16);
  const hash = await scrypt(secret, salt, 32, {N, r: 8, p: 1});
  return `scrypt$${N}$8$1$${salt.toString('base64url')}$${hash.toString('base64url')}`;
}

/** @param {string} secret @param {string|null} stored */
export async function verifySecret(secret, stored) {
  if (!stored || typeof secret !== 'string' || secret.length === 0 || secret.length > 512)
    return false;
  const [scheme, n, r, p, salt, hash] = stored.split('$');
  if (scheme !== 'scrypt') return false;
  const expected = Buffer.from(hash, 'base64url');
  const actual = await scrypt(secret, Buffer.from(salt, 'base64url'), expected.length, {
    N: Number(n),
    r: Number(r),
    p: Number(p),
  });
  return timingSafeEqual(actual, expected);
}

export const newToken = () => randomBytes(24).toString('base64url');
/** @param {string} value */
export const sha256 = (value) => createHash('sha256').update(value).digest('hex');

/**
 * Makes sure an admin credential exists. A given token (RESULTS_TOKEN / --token) replaces
 * the stored one; without one, the first start makes a token and returns it to be printed
 * (`rotate` makes a new one on every start: the demo site, which prints it each time).
 * @param {import('./storage/common.js').Storage} storage
 * @param {{token?: string, rotate?: boolean}} options
 * @returns {Promise<{token: string|null, created: boolean, given: boolean}>}
 */
export async function ensureAdmin(storage, {token, rotate = false}) {
  if (token) {
    const stored = await storage.getSetting(ADMIN_SETTING);
    if (!(await verifySecret(token, stored)))
      await storage.setSetting(ADMIN_SETTING, await hashSecret(token));
    return {token, created: false, given: true};
  }
  const fresh = newToken();
  const hash = await hashSecret(fresh);
  if (rotate) {
    await storage.setSetting(ADMIN_SETTING, hash);
    return {token: fresh, created: true, given: false};
  }
  const stored = await storage.setSettingIfAbsent(ADMIN_SETTING, hash);
  return stored === hash
    ? {token: fresh, created: true, given: false}
    : {token: null, created: false, given: false};
}

/**
 * Checks tokens against the stored hash, remembering recent successes for a minute so a
 * script's requests do not each pay for scrypt (keyed by the token's SHA-256 and the hash,
 * so a replaced token stops working at once).
 * @param {import('./storage/common.js').Storage} storage
 */
export function tokenChecker(storage) {
  /** @type {Map<string, number>} */
  const recent = new Map();
  return async (/** @type {string} */ token) => {
    const stored = await storage.getSetting(ADMIN_SETTING);
    if (!stored) return false;
    const id = `${sha256(token)}:${stored}`;
    const until = recent.get(id);
    if (until && until > Date.now()) return true;
    if (!(await verifySecret(token, stored))) return false;
    if (recent.size > 100) recent.clear();
    recent.set(id, Date.now() + 60_000);
    return true;
  };
}

/** @param {string|undefined} a @param {string|undefined} b */
export function sameSecret(a, b) {
  if (typeof a !== 'string' || typeof b !== 'string') return false;
  const x = Buffer.from(sha256(a));
  const y = Buffer.from(sha256(b));
  return timingSafeEqual(x, y);
}

/** Loopback names, where a cookie cannot be Secure (plain http in development). */
export function isLoopbackHost(/** @type {string} */ hostname) {
  return /^(localhost|127(\.\d+){3}|\[::1\]|::1)$/i.test(hostname);
}
