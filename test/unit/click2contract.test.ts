import crypto from 'node:crypto';
import { contractOutput, SAMPLE_CONTRACT } from '../../lib/fields/contract';
import { describeAge, lateEventMismatch } from '../../lib/click2contract/lateDelivery';
import { findHeader, verifySignature } from '../../lib/click2contract/signature';
import { Contract } from '../../lib/click2contract/schemas';
import { lineAmounts, roundCents } from '../../lib/rules/money';

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

describe('money', () => {
  it('rounds half away from zero without binary drift', () => {
    expect(roundCents(1.005)).toBe(1.01);
    expect(roundCents(-2.675)).toBe(-2.68);
    expect(roundCents(0.1 + 0.2)).toBe(0.3);
  });

  it('computes a line from net prices and from prices including VAT', () => {
    expect(lineAmounts({ quantity: 2, unitPrice: 4800, discountPercent: 10, vatPercent: 25.5 }, false)).toEqual({ net: 8640, vat: 2203.2, gross: 10843.2 });
    expect(lineAmounts({ quantity: 1, unitPrice: 125.5, discountPercent: 0, vatPercent: 25.5 }, true)).toEqual({ net: 100, vat: 25.5, gross: 125.5 });
  });
});

describe('late deliveries', () => {
  const accepted = Contract.parse({ ...SAMPLE_CONTRACT });
  it('are borne out by a contract that is still accepted (and sent to Procountor, for that event)', () => {
    expect(lateEventMismatch('contract.accepted', accepted)).toBeUndefined();
    expect(
      lateEventMismatch('contract.sent_to_procountor', { ...accepted, procountor: { auto_invoice: false, sent_at: '2026-11-24T09:30:00+02:00' } }),
    ).toBeUndefined();
  });

  it('are not borne out by a missing contract, another status, or a contract never sent', () => {
    expect(lateEventMismatch('contract.accepted', undefined)).toBe('Click2Contract has no such contract');
    expect(lateEventMismatch('contract.accepted', { ...accepted, status: 'declined' })).toContain('now "declined"');
    expect(lateEventMismatch('contract.sent_to_procountor', accepted)).toContain('not show the contract as sent to Procountor');
  });

  it('say how late they are in words', () => {
    expect([describeAge(12 * 60), describeAge(3 * 3600), describeAge(-600)]).toEqual(['12 minutes ago', '3 hours ago', 'in 10 minutes']);
  });
});

describe('contract output', () => {
  it('flattens the contract and turns the Pricing Table into line items with totals', () => {
    const output = contractOutput(SAMPLE_CONTRACT, 'contract.accepted');
    expect(output).toEqual(
      expect.objectContaining({
        id: 'ctr_8f2k1',
        number: 'C-1042',
        customer_company: 'Asiakas Oy',
        customer_business_id: '0737546-2',
        total_excluding_vat: 9118.8,
        vat_total: 2325.29,
        total_including_vat: 11444.09,
        line_count: 2,
      }),
    );
    expect(output.line_items[1]).toEqual(expect.objectContaining({ name: 'Hosting, 12 months', code: '', unit: 'month', total_excluding_vat: 478.8 }));
  });

  it('reads a contract with no Pricing Table and missing address parts without failing', () => {
    const contract = Contract.parse({ id: 'ctr_x', status: 'accepted', customer: { company_name: 'X Oy', address: null }, pricing_table: null });
    const output = contractOutput(contract, 'contract.sent_to_procountor');
    expect(output).toEqual(expect.objectContaining({ has_pricing_table: false, line_count: 0, line_items: [], customer_address: '', total_including_vat: 0 }));
    // Zapier types these as date-times: an empty one is null, never ''.
    expect(output).toEqual(expect.objectContaining({ accepted_at: null, sent_to_procountor_at: null, event_type: 'contract.sent_to_procountor' }));
  });
});
