import { Worker } from "node:worker_threads";

/**
 * SQLite WAL checkpoints outside the request path (issue 11 §1). By default the connection that commits copies the
 * write-ahead log back into the database whenever the log passes 1,000 pages, inside whichever request committed
 * last: a registration now and then took a checkpoint's time. Here the server's own connection checkpoints only as
 * a safety net (SAFETY_NET_PAGES, should this thread stop), and a worker thread with a connection of its own runs a
 * PASSIVE checkpoint every INTERVAL_MS once the log holds pages: it copies what no reader still needs, never waits
 * for a lock, and never blocks the server's event loop.
 */
export const SAFETY_NET_PAGES = 20_000;
const INTERVAL_MS = 500;

/** What the worker reports after each checkpoint that had work: totals since start. */
export interface CheckpointStats {
  checkpoints: number;
  /** Pages copied back into the database file. */
  pages: number;
  /** Checkpoints a reader or writer kept from finishing (tried again next time). */
  busy: number;
}

const WORKER_SOURCE = `
const { parentPort, workerData } = require("node:worker_threads");
const Database = require(workerData.driver);
const db = new Database(workerData.file, { timeout: 0 });
const totals = { checkpoints: 0, pages: 0, busy: 0 };
const tick = () => {
  try {
    const [r] = db.pragma("wal_checkpoint(PASSIVE)");
    if (r.log > 0) {
      totals.checkpoints++;
      totals.pages += Math.max(0, r.checkpointed);
      if (r.busy || r.checkpointed < r.log) totals.busy++;
      parentPort.postMessage(totals);
    }
  } catch (error) {
    parentPort.postMessage({ error: String(error && error.message || error) });
  }
};
const timer = setInterval(tick, workerData.interval);
parentPort.on("message", (m) => { if (m === "stop") { clearInterval(timer); tick(); db.close(); process.exit(0); } });
`;

export class WalCheckpointer {
  private readonly worker: Worker;
  stats: CheckpointStats = { checkpoints: 0, pages: 0, busy: 0 };

  constructor(file: string, interval = INTERVAL_MS) {
    this.worker = new Worker(WORKER_SOURCE, { eval: true, workerData: { file, interval, driver: require.resolve("better-sqlite3") } });
    this.worker.unref();
    this.worker.on("message", (m: CheckpointStats | { error: string }) => {
      if ("error" in m) console.warn(`[sqlite] checkpoint failed (the server's connection checkpoints past ${SAFETY_NET_PAGES} pages instead): ${m.error}`);
      else this.stats = m;
    });
    this.worker.on("error", (error) => console.warn(`[sqlite] checkpoint thread stopped: ${error.message}`));
  }

  /** One last checkpoint, then the thread ends. */
  async stop(): Promise<void> {
    const ended = new Promise<void>((resolve) => this.worker.once("exit", () => resolve()));
    this.worker.postMessage("stop");
    await Promise.race([ended, new Promise((resolve) => setTimeout(resolve, 2000))]);
    await this.worker.terminate();
  }
}
