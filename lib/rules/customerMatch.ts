// How a customer is recognised without a business ID, and which of several with the same key is taken. Find Customer
// (against Procountor) and the customer index (in memory) both decide by these, so they always pick the same customer.

/** A name as customers are compared by name: ignoring case, and spacing at the ends and between words. */
export const customerNameKey = (name: string) => name.trim().replace(/\s+/g, ' ').toLowerCase();

/** Orders customers active before inactive, keeping the order within each (a stable sort). */
export const activeBeforeInactive =
  <C>(isActive: (customer: C) => boolean) =>
  (a: C, b: C) =>
    Number(isActive(b)) - Number(isActive(a));
