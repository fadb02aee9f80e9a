// Running a step as Zapier does: one invocation of the app's Lambda handler with the event Zapier sends, and a run
// with Zapier's autoRefresh around it. Each invocation's outcome counts the RPC calls it made.
import crypto from 'node:crypto';
import { addCounts, noCalls, type RpcCounts } from './rpc';

export interface RunOutcome<T = unknown> {
  ok: boolean;
  result?: T;
  error?: { name: string; message: string; delay?: number };
  ms: number;
  /** The invocation's RPC calls (for `run`, those of every invocation it made). */
  rpc: RpcCounts;
}

/** Zapier's error classes carry {message, delay|code} as JSON in their message. */
const readError = (error: Error) => {
  try {
    const parsed = JSON.parse(error.message);
    if (parsed && typeof parsed.message === 'string') {
      return { name: error.name, message: parsed.message as string, delay: parsed.delay as number | undefined };
    }
  } catch {
    // a plain message
  }
  return { name: error.name, message: error.message };
};

/** What Zapier's Lambda receives for one invocation (the fields zapier-platform-core reads). */
export interface LambdaEvent {
  command: 'execute' | 'definition' | 'validate';
  method?: string;
  bundle?: object;
  storeKey?: string;
  rpc_base?: string;
  token?: string;
  /** The app's environment (`zapier-platform env:set`), copied into process.env before the app loads. */
  environment?: Record<string, string>;
  calledFromCli?: boolean;
  calledFromCliInvoke?: boolean;
}

/** A deployed app's entry point: `require('zapierwrapper.js').handler`. */
export type LambdaHandler = (event: LambdaEvent) => Promise<{ results: unknown }>;

/** Where a step runs: another handler on the same z.cache, z.cursor and connections (a second Lambda container). */
export interface InvokeOptions {
  handler?: LambdaHandler;
  /** That handler runs in this process (another copy of the app's modules), not in a process of its own. */
  inProcess?: boolean;
}

interface StepSetup {
  handler: LambdaHandler;
  /** The handler runs in this process. */
  inProcess: boolean;
  rpcBase: string;
  environment?: Record<string, string>;
  /** Where the RPC service counts each running invocation's calls, by its token. */
  counting: Map<string, RpcCounts>;
}

export const createStepRunner = ({ handler, inProcess, rpcBase, environment, counting }: StepSetup) => {
  /**
   * Stands for the connection in RPC calls. Zapier's connection id survives token refreshes; here the connection
   * is the authData object a caller keeps passing (run() refreshes it in place).
   */
  const connections = new WeakMap<object, string>();
  const connectionToken = (bundle: object) => {
    const auth = (bundle as { authData?: object }).authData;
    if (!auth) return 'conn-none';
    if (!connections.has(auth)) connections.set(auth, `conn-${crypto.randomBytes(8).toString('hex')}`);
    return connections.get(auth)!;
  };

  let invocations = 0;

  /** One invocation, as Zapier makes it: through this runtime's handler, or `via.handler` (another container). */
  const invoke = async <T>(method: string, bundle: object, via: InvokeOptions = {}): Promise<RunOutcome<T>> => {
    const started = performance.now();
    const token = `${connectionToken(bundle)}/inv-${++invocations}`;
    const counts = noCalls();
    counting.set(token, counts);
    const outside = via.handler ? !via.inProcess : !inProcess;
    try {
      // One stored cursor per operation, as for one Zap's dropdown.
      // In this process, calledFromCli(Invoke) as `zapier-platform invoke` sends keeps core's per-run memory print
      // quiet; an outside handler gets the event as Zapier sends it.
      const response = await (via.handler ?? handler)({
        command: 'execute',
        method,
        bundle,
        storeKey: method,
        rpc_base: rpcBase,
        token,
        ...(environment ? { environment } : {}),
        ...(outside ? {} : { calledFromCli: true, calledFromCliInvoke: true }),
      });
      return { ok: true, result: response.results as T, ms: performance.now() - started, rpc: counts };
    } catch (error) {
      return { ok: false, error: readError(error as Error), ms: performance.now() - started, rpc: counts };
    } finally {
      counting.delete(token);
    }
  };

  /**
   * An invocation with Zapier's autoRefresh: on RefreshAuthError it refreshes the tokens and runs the step once
   * more. `authData` is updated in place, as Zapier updates the stored connection.
   */
  const run = async <T>(
    method: string,
    bundle: { authData: Record<string, string>; [k: string]: unknown },
    via: InvokeOptions = {},
  ): Promise<RunOutcome<T>> => {
    const first = await invoke<T>(method, bundle, via);
    if (first.ok || first.error?.name !== 'RefreshAuthError') return first;
    const refreshed = await invoke<Record<string, string>>('authentication.oauth2Config.refreshAccessToken', bundle, via);
    if (!refreshed.ok) return { ...(refreshed as RunOutcome<T>), rpc: addCounts(first.rpc, refreshed.rpc) };
    Object.assign(bundle.authData, refreshed.result);
    const second = await invoke<T>(method, bundle, via);
    return { ...second, ms: first.ms + refreshed.ms + second.ms, rpc: addCounts(addCounts(first.rpc, refreshed.rpc), second.rpc) };
  };

  return { invoke, run, connectionToken };
};
