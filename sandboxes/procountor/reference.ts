// Finnish national reference numbers (viitenumero): what Procountor generates for an empty bankReferenceCode.
export const withReferenceCheckDigit = (base: string): string => {
  const weights = [7, 3, 1];
  const sum = [...base].reverse().reduce((acc, digit, i) => acc + Number(digit) * weights[i % 3]!, 0);
  return base + String((10 - (sum % 10)) % 10);
};

export const isValidFinnishReference = (reference: string): boolean => {
  const digits = reference.replace(/\s+/g, '');
  if (!/^\d{4,20}$/.test(digits)) return false;
  return withReferenceCheckDigit(digits.slice(0, -1)) === digits;
};
