// Finding the invoice made for a Click2Contract contract.
//
// The invoice action writes a marker "[C2C:<contract id>]" into the invoice's additionalInformation, because that
// is the one free-text field Procountor's GET /invoices `searchTerm` looks in (with counterparty name and invoice
// number). The brackets keep ctr_1 from matching ctr_10.
import type { ProcountorClient } from './client';
import type { InvoiceBasicInfo } from './schemas';

export const contractMarker = (contractId: string) => `[C2C:${contractId}]`;

const GONE = new Set(['INVALIDATED', 'DELETED']);

export const findInvoiceForContract = async (
  client: ProcountorClient,
  contractId: string,
): Promise<InvoiceBasicInfo | undefined> => {
  const { results } = await client.searchInvoices({ types: 'SALES_INVOICE', searchTerm: contractMarker(contractId), size: 50 });
  return results.filter((invoice) => !GONE.has(invoice.status ?? '')).sort((a, b) => a.id - b.id)[0];
};

export const findInvoiceByNumber = async (client: ProcountorClient, invoiceNumber: number) => {
  const { results } = await client.searchInvoices({ types: 'SALES_INVOICE', invoiceNumber, size: 1 });
  return results[0];
};
