import { defineSearch, type Bundle, type ZObject } from 'zapier-platform-core';
import { withZapierErrors } from '../lib/zapier/errors';
import { text } from '../lib/zapier/inputs';
import { procountorFor } from '../lib/procountor/client';
import { findCustomer } from '../lib/procountor/customers';
import { customerOutput, customerOutputFields, customerSample } from '../lib/fields/customer';

const perform = (z: ZObject, bundle: Bundle) =>
  withZapierErrors(z, async () => {
    const found = await findCustomer(procountorFor(z, bundle), {
      businessId: text(bundle.inputData.business_id),
      name: text(bundle.inputData.name),
    });
    return found ? [customerOutput(found)] : [];
  });

export default defineSearch({
  key: 'find_customer',
  noun: 'Customer',
  display: {
    label: 'Find Customer',
    description:
      'Finds a customer in Procountor by business ID, however it is written (0737546-2, 07375462, FI07375462), or by exact name when no business ID is given.',
  },
  operation: {
    inputFields: [
      {
        key: 'business_id',
        label: 'Business ID',
        helpText:
          'The Finnish business ID (Y-tunnus), in any spelling: `0737546-2`, `07375462` or `FI07375462`. Searching by business ID avoids duplicate customers.',
      },
      {
        key: 'name',
        label: 'Name',
        helpText: 'Used only when no business ID is given: the exact company name (case and extra spaces do not matter).',
      },
    ],
    perform,
    sample: customerSample,
    outputFields: customerOutputFields,
  },
});
