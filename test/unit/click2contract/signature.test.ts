import crypto from 'node:crypto';
import { findHeader, verifySignature } from '../../../lib/click2contract/signature';

const sign = (secret: string, body: string, t: number) => `t=${t},v1=${crypto.createHmac('sha256', secret).update(`${t}.${body}`).digest('hex')}`;

describe('webhook signatures', () => {
  const secret = 'whsec_test';
  const body = '{"id":"evt_1","type":"contract.accepted"}';
  const now = 1_800_000_000;

  it('accepts a signature over "<t>.<raw body>" made with the secret', () => {
    expect(verifySignature(body, sign(secret, body, now), secret, now)).toEqual({ ok: true, fresh: true, ageSeconds: 0 });
  });

  it('tells a genuine signature made more than 5 minutes from now apart from a forged one', () => {
    expect(verifySignature(body, sign(secret, body, now - 301), secret, now)).toEqual({ ok: true, fresh: false, ageSeconds: 301 });
    expect(verifySignature(body, sign(secret, body, now + 301), secret, now)).toEqual({ ok: true, fresh: false, ageSeconds: -301 });
    expect(verifySignature(body, sign(secret, body, now - 300), secret, now)).toEqual({ ok: true, fresh: true, ageSeconds: 300 });
  });

  it.each([
    ['a tampered body', body.replace('evt_1', 'evt_2'), sign(secret, body, now), 'does not match'],
    ['a wrong secret', body, sign('whsec_other', body, now), 'does not match'],
    ['a timestamp moved after signing', body, sign(secret, body, now - 600).replace(`t=${now - 600}`, `t=${now}`), 'does not match'],
    ['a late timestamp with a wrong secret', body, sign('whsec_other', body, now - 600), 'does not match'],
    ['no header', body, undefined, 'missing'],
    ['a malformed header', body, 'v1=abc', 'malformed'],
    ['a short signature', body, `t=${now},v1=abcd`, 'does not match'],
  ])('rejects %s', (_what, payload, header, reason) => {
    const check = verifySignature(payload, header, secret, now);
    expect(check.ok).toBe(false);
    expect(!check.ok && check.reason).toContain(reason);
  });

  it('accepts any of several v1 signatures (secret rotation)', () => {
    const header = `${sign('whsec_old', body, now)},v1=${sign(secret, body, now).split('v1=')[1]}`;
    expect(verifySignature(body, header, secret, now).ok).toBe(true);
  });

  it('finds the header however Zapier renamed it', () => {
    expect(findHeader({ 'Http-C2c-Signature': 'x' }, 'C2C-Signature')).toBe('x');
    expect(findHeader({ 'c2c-signature': 'y' }, 'C2C-Signature')).toBe('y');
    expect(findHeader({ HTTP_C2C_SIGNATURE: 'z' }, 'C2C-Signature')).toBe('z');
    expect(findHeader({ 'Http-Content-Type': 'json' }, 'C2C-Signature')).toBeUndefined();
  });
});
