// Click2Contract webhook signatures: `C2C-Signature: t=<unix seconds>,v1=<hex HMAC-SHA256 of "<t>.<raw body>">`.
import crypto from 'node:crypto';

export const SIGNATURE_HEADER = 'C2C-Signature';
/** Deliveries older (or further in the future) than this are replays or clock trouble. */
export const SIGNATURE_TOLERANCE_SECONDS = 5 * 60;

export type SignatureCheck = { ok: true } | { ok: false; reason: string };

/**
 * Zapier hands a hook's headers over renamed (`Http-C2c-Signature`, or as sent): find ours whatever the case
 * or prefix.
 */
export const findHeader = (headers: Record<string, unknown> | undefined, name: string): string | undefined => {
  const wanted = name.toLowerCase().replace(/_/g, '-');
  for (const [key, value] of Object.entries(headers ?? {})) {
    const k = key.toLowerCase().replace(/_/g, '-').replace(/^http-/, '');
    if (k === wanted) return Array.isArray(value) ? String(value[0]) : String(value);
  }
  return undefined;
};

export const verifySignature = (
  rawBody: string,
  header: string | undefined,
  secret: string,
  nowSeconds = Math.floor(Date.now() / 1000),
): SignatureCheck => {
  if (!header) return { ok: false, reason: `the ${SIGNATURE_HEADER} header is missing` };
  const parts = new Map<string, string[]>();
  for (const piece of header.split(',')) {
    const [k, ...rest] = piece.trim().split('=');
    if (!k || !rest.length) continue;
    parts.set(k, [...(parts.get(k) ?? []), rest.join('=')]);
  }
  const t = parts.get('t')?.[0];
  const signatures = parts.get('v1') ?? [];
  if (!t || !/^\d+$/.test(t) || !signatures.length) return { ok: false, reason: `the ${SIGNATURE_HEADER} header is malformed` };
  if (Math.abs(nowSeconds - Number(t)) > SIGNATURE_TOLERANCE_SECONDS) {
    return { ok: false, reason: 'its timestamp is more than 5 minutes away from now (a replayed or delayed delivery)' };
  }
  const expected = crypto.createHmac('sha256', secret).update(`${t}.${rawBody}`, 'utf8').digest();
  const matches = signatures.some((candidate) => {
    if (!/^[0-9a-f]{64}$/i.test(candidate)) return false;
    return crypto.timingSafeEqual(Buffer.from(candidate, 'hex'), expected);
  });
  return matches ? { ok: true } : { ok: false, reason: 'its signature does not match (wrong secret or altered body)' };
};
