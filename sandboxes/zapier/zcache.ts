// z.cache as Zapier's RPC service keeps it: values as JSON text, with real TTLs and nx, and scopes that are part of
// the key. What the runtime answers RPC calls with, and what tests look into.
interface CacheEntry {
  value: string;
  expiresAt: number;
}

/**
 * As on Zapier, a scope is part of the key: a value set with ['auth'] belongs to that connection and is found
 * only by a get with the same scope from the same connection. The invocation token stands for the connection.
 */
const scopedKey = (key: unknown, scope: unknown, connection: string) =>
  Array.isArray(scope) && scope.length ? `${[...scope].sort().join(',')}|${connection}|${String(key)}` : `|global|${String(key)}`;

/**
 * A key as tests name it: without its scope and connection, and without the Procountor company the app puts in front
 * of what belongs to one company (`company:<id>:`), so a test names a key the same whichever company it belongs to.
 */
export const bareKey = (full: string) =>
  full
    .split('|')
    .pop()!
    .replace(/^company:[^:]+:/, '');

export class ZCache {
  private entries = new Map<string, CacheEntry>();

  private live(full: string) {
    const entry = this.entries.get(full);
    if (entry && entry.expiresAt <= Date.now()) this.entries.delete(full);
    return this.entries.get(full);
  }

  /** zcache_get: the stored text, or null. */
  get(key: unknown, scope: unknown, connection: string): string | null {
    return this.live(scopedKey(key, scope, connection))?.value ?? null;
  }

  /** zcache_set: false when `nx` and a live value is already there; `ttl` in seconds, none: no expiry. */
  set(key: unknown, text: string, ttl: unknown, scope: unknown, nx: unknown, connection: string) {
    const full = scopedKey(key, scope, connection);
    if (nx && this.live(full)) return false;
    this.entries.set(full, { value: text, expiresAt: ttl ? Date.now() + Number(ttl) * 1000 : Number.POSITIVE_INFINITY });
    return true;
  }

  /** zcache_delete. */
  delete(key: unknown, scope: unknown, connection: string) {
    return this.entries.delete(scopedKey(key, scope, connection));
  }

  keys() {
    return [...this.entries.keys()].map(bareKey);
  }

  /** A value as z.cache holds it (parsed), whichever scope and connection set it; undefined when absent. */
  value(key: string) {
    const found = [...this.entries.entries()].find(([k, e]) => bareKey(k) === key && e.expiresAt > Date.now());
    return found ? JSON.parse(found[1].value) : undefined;
  }

  /** A value one connection stored with scope ['auth'] (parsed), under whichever company; undefined when absent. */
  connectionValue(connection: string, key: string) {
    const prefix = scopedKey('', ['auth'], connection);
    const found = [...this.entries.keys()].find((k) => k.startsWith(prefix) && bareKey(k) === key && this.live(k));
    return found ? JSON.parse(this.entries.get(found)!.value) : undefined;
  }

  /** Stores a value with scope ['auth'] for one connection, as one of its runs would. */
  setConnectionValue(connection: string, key: string, value: unknown, ttlSeconds: number) {
    this.entries.set(scopedKey(key, ['auth'], connection), { value: JSON.stringify(value), expiresAt: Date.now() + ttlSeconds * 1000 });
  }

  /** Bytes stored under keys starting with `prefix` (JSON text). */
  bytes(prefix: string) {
    return [...this.entries.entries()].filter(([k]) => bareKey(k).startsWith(prefix)).reduce((n, [, e]) => n + Buffer.byteLength(e.value), 0);
  }

  /** Empties it, or only the keys starting with `prefix`. */
  clear(prefix?: string) {
    if (prefix === undefined) this.entries.clear();
    else for (const key of [...this.entries.keys()]) if (bareKey(key).startsWith(prefix)) this.entries.delete(key);
  }
}
