// The company's own data: the API user, the company, its bank accounts and its VAT settings.
import { json } from '../http';
import { badRequest, pageOf, pagingError } from './answers';
import { fullObject } from './published';
import { companyVatRates, type SandboxRoutes } from './state';

export const companyDataRoutes = ({ api, state }: SandboxRoutes) => {
  api('GET', '/users', () => json(200, fullObject('User', state.fixed.user)));
  api('GET', '/company', () =>
    json(
      200,
      fullObject('Company', { ...state.fixed.company, companyCurrency: state.companyCurrency, currencyRateSearchDensity: state.currencyRateSearchDensity }),
    ),
  );
  api('GET', '/bankaccounts', (req) => {
    const problems = pagingError(req);
    if (problems.length) return badRequest(problems);
    const { results, size, page, total } = pageOf(state.fixed.bankAccounts, req);
    return json(200, {
      results: results.map((a) => fullObject('CompanyBankAccountBasicInfo', a)),
      meta: { pageNumber: page, pageSize: size, resultCount: results.length, totalCount: total },
    });
  });
  api('GET', '/vats/default', () =>
    json(
      200,
      fullObject('VatInformation', {
        vatInformation: [{ country: 'FINLAND', percentages: companyVatRates().map((vatPercent) => ({ vatPercent, sales: true, purchase: true })) }],
        vatStatuses: state.vatStatuses,
      }),
    ),
  );
  api('GET', '/vats/settings', () => json(200, { unitPricesIncludeVatSales: false, unitPricesIncludeVatPurchase: false }));
};
