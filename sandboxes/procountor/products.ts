// Products: the list, paged by previousId, one or more by id, and a new product.
import { json } from '../http';
import { badRequest, byIds, fullProduct, isWholeNumber, orderRule, pagingError, queryProblems, versionStartDateRule } from './answers';
import { productProblems } from './rules';
import { procountorDateTime, type Json, type SandboxRoutes } from './state';

export const productRoutes = ({ api, state, company }: SandboxRoutes) => {
  api('GET', '/products', (req) => {
    const problems = [
      ...pagingError(req),
      ...queryProblems(req, [
        ['code', (code) => code.length <= 40, () => 'code may be at most 40 characters.'],
        ['previousId', isWholeNumber, () => 'previousId must be a number.'],
        ['type', (type) => !type || ['SALES', 'PURCHASE', 'TRAVEL'].includes(type), (type) => `Unknown type "${type}".`],
        versionStartDateRule('such as 2018-08-13T00:00:00'),
        orderRule('orderByVersion'),
      ]),
    ];
    if (problems.length) return badRequest(problems);
    const code = req.query.get('code') ?? '';
    const previousId = req.query.get('previousId');
    const type = req.query.get('type');
    const since = req.query.get('versionStartDate');
    const byVersion = req.query.get('orderByVersion');
    const name = (req.query.get('name') ?? '').toLowerCase();
    const active = req.query.get('active');
    const size = Number(req.query.get('size') ?? 50);
    const desc = req.query.get('orderById') === 'DESC';
    const after = Number(previousId ?? 0);
    // Inclusive (see procountorDateTime); a bound without seconds means :00.
    const from = since && since.length === 16 ? `${since}:00` : since;
    const lowerCode = code.toLowerCase();
    const wanted = (p: Json) =>
      (type ? p.type === type : p.type === 'SALES' || p.type === 'PURCHASE') &&
      (active === null || p.active === (active === 'true')) &&
      (!from || String(p.version ?? '') >= from) &&
      (!lowerCode ||
        String(p.code ?? '')
          .toLowerCase()
          .includes(lowerCode)) &&
      (!name || String(p.name).toLowerCase().includes(name));
    if (!desc && !byVersion) {
      // The common case, a page in id order after previousId: state.products is kept in id order (ids only grow and
      // removal splices), so the page starts at a binary search and only the rest of the list is filtered.
      let lo = 0;
      let hi = state.products.length;
      while (lo < hi) {
        const mid = (lo + hi) >> 1;
        if (state.products[mid]!.id <= after) lo = mid + 1;
        else hi = mid;
      }
      const results: Json[] = [];
      let totalCount = 0;
      for (let i = lo; i < state.products.length; i++) {
        const p = state.products[i]!;
        if (!wanted(p)) continue;
        totalCount++;
        if (results.length < size) results.push(fullProduct(p));
      }
      return json(200, { results, meta: { pageNumber: 0, pageSize: size, resultCount: results.length, totalCount } });
    }
    const matches = state.products
      .filter(wanted)
      .sort((a, b) => (desc ? b.id - a.id : a.id - b.id))
      .filter((p) => !after || (desc ? p.id < after : p.id > after));
    // Version order with ids breaking ties; previousId still pages by id, as Procountor documents no other cursor.
    if (byVersion) {
      const sign = byVersion === 'DESC' ? -1 : 1;
      matches.sort((a, b) => sign * (String(a.version ?? '').localeCompare(String(b.version ?? '')) || a.id - b.id));
    }
    const results = matches.slice(0, size).map(fullProduct);
    return json(200, { results, meta: { pageNumber: 0, pageSize: size, resultCount: results.length, totalCount: matches.length } });
  });
  api('GET', '/products/:id', (req) => byIds(state.products, req.params.id!, 'Product', fullProduct));
  api('POST', '/products', (req) => {
    const problems = productProblems(req.body, company);
    if (problems.length) return badRequest(problems);
    const product = { ...req.body, id: state.nextId.product++, version: procountorDateTime() };
    state.products.push(product);
    return json(200, fullProduct(product));
  });
};
