import type { DataSource, EntityManager } from "typeorm";
import type { Engine } from "./data-source";
import type { StatementCounter } from "./data-source";

/** The database's error code (PostgreSQL SQLSTATE) of a failed query, if any. */
export function dataErrorCode(error: unknown): string | undefined {
  const code = (error as { driverError?: { code?: unknown } } | null)?.driverError?.code;
  return typeof code === "string" ? code : undefined;
}

/** PostgreSQL class 22 (data exception: bad text for a type, out of range, NUL, bad date …): the input's fault, not the server's. */
export function isDataError(error: unknown): boolean {
  return /^22[0-9A-Z]{3}$/.test(dataErrorCode(error) ?? "");
}

// Serialization failure, deadlock, and a unique violation from a concurrent twin (the retry then sees its row).
const RETRYABLE_PG_CODES = new Set(["40001", "40P01", "23505"]);
const MAX_ATTEMPTS = 5;

/**
 * The one way to write. SQLite has a single connection in TypeORM, so top-level transactions
 * are queued one at a time (two in flight would collide); PostgreSQL transactions are retried
 * on serialization failure and deadlock.
 */
export class Db {
  private tail: Promise<unknown> = Promise.resolve();
  /**
   * Work to run once a transaction has committed (live hints), by the transaction's EntityManager; dropped on
   * rollback. (Not an AsyncLocalStorage: once used, Node 20 runs a promise hook on every promise of the process.)
   */
  private readonly pending = new WeakMap<EntityManager, (() => void)[]>();

  constructor(
    readonly dataSource: DataSource,
    readonly engine: Engine,
    readonly statements: StatementCounter,
  ) {}

  /** For reads outside a transaction. */
  get manager(): EntityManager {
    return this.dataSource.manager;
  }

  transaction<T>(work: (em: EntityManager) => Promise<T>): Promise<T> {
    if (this.engine === "sqlite") {
      const run = this.tail.then(() => this.attempt(work));
      this.tail = run.catch(() => undefined);
      return run;
    }
    return this.withRetry(work);
  }

  /** Runs `hook` after the transaction of `em` commits, or at once when `em` is no transaction of this Db. */
  afterCommit(em: EntityManager, hook: () => void): void {
    const queue = this.pending.get(em);
    if (queue) queue.push(hook);
    else hook();
  }

  /** One try of a transaction: its after-commit hooks run only if it committed. */
  private async attempt<T>(work: (em: EntityManager) => Promise<T>): Promise<T> {
    const hooks: (() => void)[] = [];
    const result = await this.dataSource.transaction((em) => {
      this.pending.set(em, hooks);
      return work(em);
    });
    for (const hook of hooks) hook();
    return result;
  }

  private async withRetry<T>(work: (em: EntityManager) => Promise<T>): Promise<T> {
    for (let attempt = 1; ; attempt++) {
      try {
        return await this.attempt(work);
      } catch (error) {
        const code = (error as { code?: string; driverError?: { code?: string } }).driverError?.code
          ?? (error as { code?: string }).code;
        if (attempt >= MAX_ATTEMPTS || !code || !RETRYABLE_PG_CODES.has(code)) throw error;
        await new Promise((resolve) => setTimeout(resolve, 5 * attempt * Math.random()));
      }
    }
  }
}
