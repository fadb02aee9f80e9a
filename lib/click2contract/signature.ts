// Click2Contract webhook signatures: `C2C-Signature: t=<unix seconds>,v1=<hex HMAC-SHA256 of "<t>.<raw body>">`.
import crypto from 'node:crypto';

export const SIGNATURE_HEADER = 'C2C-Signature';
/**
 * A delivery signed longer ago (or further ahead) than this is not taken on its signature alone: it may be a
 * replay, or Zapier may have run the hook late (a held or replayed task). The hook confirms such a delivery with
 * Click2Contract before accepting it (./lateDelivery.ts).
 */
const SIGNATURE_TOLERANCE_SECONDS = 5 * 60;

/** `fresh` is false for a genuine signature made more than five minutes from now. */
export type SignatureCheck = { ok: true; fresh: boolean; ageSeconds: number } | { ok: false; reason: string };

/**
 * Zapier hands a hook's headers over renamed (`Http-C2c-Signature`, or as sent): find ours whatever the case
 * or prefix.
 */
export const findHeader = (headers: Record<string, unknown> | undefined, name: string): string | undefined => {
  const wanted = name.toLowerCase().replace(/_/g, '-');
  for (const [key, value] of Object.entries(headers ?? {})) {
    const k = key
      .toLowerCase()
      .replace(/_/g, '-')
      .replace(/^http-/, '');
    if (k === wanted) return Array.isArray(value) ? String(value[0]) : String(value);
  }
  return undefined;
};

export const verifySignature = (rawBody: string, header: string | undefined, secret: string, nowSeconds = Math.floor(Date.now() / 1000)): SignatureCheck => {
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
  const expected = crypto.createHmac('sha256', secret).update(`${t}.${rawBody}`, 'utf8').digest();
  const matches = signatures.some((candidate) => {
    if (!/^[0-9a-f]{64}$/i.test(candidate)) return false;
    return crypto.timingSafeEqual(Buffer.from(candidate, 'hex'), expected);
  });
  if (!matches) return { ok: false, reason: 'its signature does not match (a wrong secret, or an altered body or timestamp)' };
  // The timestamp is part of what was signed, so once the signature matches, the age is Click2Contract's word.
  const ageSeconds = nowSeconds - Number(t);
  return { ok: true, fresh: Math.abs(ageSeconds) <= SIGNATURE_TOLERANCE_SECONDS, ageSeconds };
};
