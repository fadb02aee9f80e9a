// Business partners: the list with its filters, one or more by id, and a new partner.
import { json } from '../http';
import { activeOf, badRequest, basicPartner, byIds, fullPartner, pageOf, pagingError, queryProblems, searchParam, versionStartDateRule } from './answers';
import { businessPartnerProblems } from './rules';
import { procountorDateTime, type SandboxRoutes } from './state';

export const partnerRoutes = ({ api, state }: SandboxRoutes) => {
  api('GET', '/businesspartners', (req) => {
    const problems = [
      ...pagingError(req),
      ...queryProblems(req, [
        ['type', (type) => !type || ['CUSTOMER', 'SUPPLIER', 'PERSON'].includes(type), (type) => `Unknown type "${type}".`],
        versionStartDateRule('such as 2016-08-31T00:00:00'),
      ]),
    ];
    if (problems.length) return badRequest(problems);
    const type = req.query.get('type');
    const since = req.query.get('versionStartDate');
    const identifier = searchParam(req, 'identifier').toLowerCase();
    const name = searchParam(req, 'name').toLowerCase();
    const active = req.query.get('active');
    const wantActive = active === null ? true : active === 'true';
    const order = req.query.get('orderById') === 'ASC' ? 1 : -1;
    // Inclusive, as for products (see procountorDateTime); a bound without seconds means :00.
    const from = since && since.length === 16 ? `${since}:00` : since;
    const matches = state.businesspartners
      .filter((p) => !type || p.type === type)
      .filter((p) => activeOf(p) === wantActive)
      .filter((p) => !from || String(p.version ?? '') >= from)
      .filter(
        (p) =>
          !identifier ||
          String(p.invoicingInfo?.identifier ?? '')
            .trim()
            .toLowerCase() === identifier,
      )
      .filter((p) => !name || String(p.name).toLowerCase().includes(name))
      .sort((a, b) => (a.id - b.id) * order)
      .map(basicPartner);
    const { results, size, page, total } = pageOf(matches, req);
    return json(200, { results, meta: { pageNumber: page, pageSize: size, resultCount: results.length, totalCount: total } });
  });

  api('GET', '/businesspartners/:id', (req) => byIds(state.businesspartners, req.params.id!, 'Partner', fullPartner));
  api('POST', '/businesspartners', (req) => {
    const problems = businessPartnerProblems(req.body);
    if (problems.length) return badRequest(problems);
    const partner = { ...req.body, id: state.nextId.partner++, version: procountorDateTime() };
    partner.registryInfo = { active: true, ...partner.registryInfo };
    partner.invoicingInfo = { customerNumber: String(partner.id), ...partner.invoicingInfo };
    state.businesspartners.push(partner);
    return json(200, fullPartner(partner));
  });
};
