import zapier, { defineApp, type Create, type Search, type Trigger } from 'zapier-platform-core';
import packageJson from './package.json';
import authentication from './authentication';
import vatRateList from './triggers/vatRateList';
import vatStatusList from './triggers/vatStatusList';
import bankAccountList from './triggers/bankAccountList';
import productList from './triggers/productList';
import contractAccepted from './triggers/contractAccepted';
import contractSentToProcountor from './triggers/contractSentToProcountor';
import contractList from './triggers/contractList';
import findCustomer from './searches/findCustomer';
import findProduct from './searches/findProduct';
import findInvoice from './searches/findInvoice';
import createCustomer from './creates/createCustomer';
import createProduct from './creates/createProduct';
import createInvoiceFromContract from './creates/createInvoiceFromContract';
import createInvoiceFromLineItems from './creates/createInvoiceFromLineItems';
import sendInvoice from './creates/sendInvoice';
import markInvoicePaid from './creates/markInvoicePaid';
import creditInvoice from './creates/creditInvoice';
import attachFileToInvoice from './creates/attachFileToInvoice';
import invoiceList from './triggers/invoiceList';
import recentInvoiceList from './triggers/recentInvoiceList';
import invoicePaid from './triggers/invoicePaid';
import invoiceOverdue from './triggers/invoiceOverdue';
import postToSlack from './creates/postToSlack';
import updateInvoiceMessage from './creates/updateInvoiceMessage';
import slackChannelList from './triggers/slackChannelList';

const byKey = <T extends { key: string }>(...operations: T[]) => Object.fromEntries(operations.map((operation) => [operation.key, operation]));

const app = defineApp({
  version: packageJson.version,
  platformVersion: zapier.version,
  authentication,
  // Every request goes through z.request (Slack's client included, via its fetch option), which Zapier logs
  // already; patching Node's http module as well would only log the same requests twice.
  flags: { skipHttpPatch: true },
  triggers: byKey<Trigger>(
    contractAccepted,
    contractSentToProcountor,
    invoicePaid,
    invoiceOverdue,
    vatRateList,
    vatStatusList,
    bankAccountList,
    productList,
    slackChannelList,
    invoiceList,
    recentInvoiceList,
    contractList,
  ),
  searches: byKey<Search>(findCustomer, findProduct, findInvoice),
  creates: byKey<Create>(
    createInvoiceFromContract,
    createInvoiceFromLineItems,
    sendInvoice,
    markInvoicePaid,
    creditInvoice,
    attachFileToInvoice,
    postToSlack,
    updateInvoiceMessage,
    createCustomer,
    createProduct,
  ),
  searchOrCreates: {
    find_customer: {
      key: 'find_customer',
      display: {
        label: 'Find or Create Customer',
        description: 'Finds a customer by business ID (then name) and creates one only when none exists.',
      },
      search: 'find_customer',
      create: 'create_customer',
    },
    find_product: {
      key: 'find_product',
      display: {
        label: 'Find or Create Product',
        description: 'Finds a product by code or similar name and creates one only when none is similar enough.',
      },
      search: 'find_product',
      create: 'create_product',
    },
  },
});

export = app;
