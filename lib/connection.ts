import type { Bundle, ZObject } from 'zapier-platform-core';
import type { ProcountorClient } from './procountor/client';

/** Who the connection acts as; the connection test returns it and Zapier labels the connection with `label`. */
export const connectionIdentity = async (_z: ZObject, _bundle: Bundle, procountor: ProcountorClient) => {
  const [user, company] = await Promise.all([procountor.getUser(), procountor.getCompany()]);
  const username = user.username ?? [user.firstName, user.lastName].filter(Boolean).join(' ');
  return {
    id: String(user.id ?? company.id),
    username,
    company_id: company.id,
    company_name: company.name,
    label: `${company.name} (${username})`,
  };
};
