/** Calls a sandbox's own test controls under /_sandbox/ (GET without a body, POST with one). */
export const sandboxControl = (base: string) => async (path: string, body?: unknown) => {
  const response = await fetch(`${base}/_sandbox/${path}`, {
    method: body === undefined ? 'GET' : 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  return response.json() as Promise<any>;
};
