// `npm run sandbox`: the three sandboxes in the foreground, one line each, until Ctrl-C.
import { CLICK2CONTRACT_SANDBOX } from './click2contract/server';
import { PROCOUNTOR_SANDBOX } from './procountor/server';
import { SLACK_SANDBOX } from './slack/server';
import { startAllSandboxes } from './all';

const main = async () => {
  const sandboxes = await startAllSandboxes();
  const { urls } = sandboxes;
  console.log(
    `Procountor sandbox      ${urls.procountorApi}  (login ${urls.procountorLogin}; client id ${PROCOUNTOR_SANDBOX.clientId}, secret ${PROCOUNTOR_SANDBOX.clientSecret})`,
  );
  console.log(`Click2Contract sandbox  ${urls.click2contractApi}  (API key ${CLICK2CONTRACT_SANDBOX.apiKey})`);
  console.log(`Slack sandbox           ${urls.slackApi}  (bot token ${SLACK_SANDBOX.botToken})`);
  const stop = async () => {
    await sandboxes.close();
    process.exit(0);
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
};

main().catch((error) => {
  console.error(`Could not start the sandboxes: ${(error as Error).message}`);
  process.exit(1);
});
