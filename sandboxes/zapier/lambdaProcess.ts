// Plays AWS Lambda for a deployed app: a Node process of its own, started in the unpacked build.zip with nothing
// of this project on its module path, that loads the zip's zapierwrapper.js and answers one event at a time.
// Hand `handler` to startZapierRuntime to run steps through it.
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { LambdaEvent, LambdaHandler } from './steps';

// Written to a temporary folder of its own so that no require() from it can reach this project. Node built-ins only.
const DRIVER = `'use strict';
const { handler } = require(process.argv[2]);
let invocation = 0;
process.on('message', async ({ id, event, request }) => {
  if (request === 'loadedModules') return process.send({ id, ok: true, result: Object.keys(require.cache) });
  invocation += 1;
  const context = { awsRequestId: 'local-' + invocation, functionName: 'zapier-app', getRemainingTimeInMillis: () => 30000 };
  try {
    process.send({ id, ok: true, result: await handler(event, context) });
  } catch (error) {
    process.send({ id, ok: false, error: { name: error && error.name, message: String(error && error.message) } });
  }
});
process.send({ ready: true });
`;

interface Reply {
  id?: number;
  ready?: boolean;
  ok?: boolean;
  result?: unknown;
  error?: { name?: string; message: string };
}

/** `appDir` holds the unpacked build.zip; `env` is the whole environment the process gets. */
export const startLambdaProcess = async (appDir: string, env: Record<string, string>) => {
  const driverDir = fs.mkdtempSync(path.join(os.tmpdir(), 'c2c-lambda-driver-'));
  const driver = path.join(driverDir, 'lambda-driver.js');
  fs.writeFileSync(driver, DRIVER);
  const child = spawn(process.execPath, [driver, path.join(appDir, 'zapierwrapper.js')], {
    cwd: appDir,
    env,
    stdio: ['ignore', 'pipe', 'pipe', 'ipc'],
  });
  let output = '';
  child.stdout!.on('data', (chunk: Buffer) => (output += chunk.toString('utf8')));
  child.stderr!.on('data', (chunk: Buffer) => (output += chunk.toString('utf8')));

  const pending = new Map<number, { resolve: (value: unknown) => void; reject: (error: Error) => void }>();
  let nextId = 0;
  let exited: string | undefined;
  const ready = new Promise<void>((resolve, reject) => {
    child.on('message', (reply: Reply) => {
      if (reply.ready) return resolve();
      const waiting = pending.get(reply.id!);
      if (!waiting) return;
      pending.delete(reply.id!);
      if (reply.ok) return waiting.resolve(reply.result);
      waiting.reject(Object.assign(new Error(reply.error?.message ?? 'unknown error'), { name: reply.error?.name ?? 'Error' }));
    });
    child.on('exit', (code, signal) => {
      exited = `the Lambda process exited (${code ?? signal}):\n${output}`;
      reject(new Error(exited));
      for (const waiting of pending.values()) waiting.reject(new Error(exited));
      pending.clear();
    });
  });
  try {
    await ready;
  } catch (error) {
    fs.rmSync(driverDir, { recursive: true, force: true });
    throw error;
  }

  const ask = (message: { event?: LambdaEvent; request?: string }) =>
    new Promise<unknown>((resolve, reject) => {
      if (exited) return reject(new Error(exited));
      const id = ++nextId;
      pending.set(id, { resolve, reject });
      child.send({ id, ...message });
    });

  return {
    handler: ((event: LambdaEvent) => ask({ event })) as LambdaHandler,
    /** Every file the process has loaded with require(), absolute paths. */
    loadedModules: async () => (await ask({ request: 'loadedModules' })) as string[],
    /** What the process printed (core prints a memory line per invocation outside the CLI). */
    output: () => output,
    stop: async () => {
      if (!exited) {
        const gone = new Promise((resolve) => child.once('exit', resolve));
        child.kill();
        await gone;
      }
      fs.rmSync(driverDir, { recursive: true, force: true });
    },
  };
};

export type LambdaProcess = Awaited<ReturnType<typeof startLambdaProcess>>;
