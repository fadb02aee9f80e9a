import zapier from 'zapier-platform-core';
import packageJson from './package.json';
import authentication from './authentication';
import vatRateList from './triggers/vatRateList';
import bankAccountList from './triggers/bankAccountList';

const byKey = <T extends { key: string }>(...operations: T[]) =>
  Object.fromEntries(operations.map((operation) => [operation.key, operation]));

const app = {
  version: packageJson.version,
  platformVersion: zapier.version,
  authentication,
  triggers: byKey<any>(vatRateList, bankAccountList),
  searches: byKey<any>(),
  creates: byKey<any>(),
  searchOrCreates: {},
};

export = app;
