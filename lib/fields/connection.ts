import type { Bundle, ZObject } from 'zapier-platform-core';
import { click2contractFor } from '../click2contract/client';
import type { ProcountorClient } from '../procountor/client';
import { slackFor } from '../slack/client';

/**
 * Who the connection acts as; the connection test returns it and Zapier labels the connection with `label`: the
 * Procountor company and user, which is what tells one connection from another.
 */
export const connectionIdentity = async (z: ZObject, bundle: Bundle, procountor: ProcountorClient) => {
  const [user, company, click2contract, slack] = await Promise.all([
    procountor.getUser(),
    procountor.getCompany(),
    click2contractFor(z, bundle).me(),
    // The Slack token is optional; when given, a wrong one should fail here rather than at the first alert.
    bundle.authData.slack_bot_token ? slackFor(z, bundle).authTest() : Promise.resolve(undefined),
  ]);
  const username = user.username ?? [user.firstName, user.lastName].filter(Boolean).join(' ');
  return {
    id: String(user.id ?? company.id),
    username,
    company_id: company.id,
    company_name: company.name,
    click2contract_account: click2contract.account.name,
    slack_team: slack?.team ?? '',
    label: `${company.name} (${username})`,
  };
};
