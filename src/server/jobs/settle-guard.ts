/**
 * pg-boss 10 settles a job its worker has run (`complete` on success, `fail` on a throw) without
 * awaiting the call. While the database is unreachable — a failover, a network cut — that call
 * rejects with nobody to catch it, and an unhandled rejection ends the process: one database hiccup
 * would take the whole server down with it (resilience scenario "failover"). The job itself is not
 * lost: it stays active until pg-boss expires it and retries it, and clocks and alert steps also have
 * their sweeps. pg-boss 11+ awaits the settle and reports a failure through its `error` event, so
 * this guard is dead code after that upgrade and goes with it.
 */
export function isJobSettleRejection(reason: unknown): boolean {
  const stack = reason instanceof Error ? (reason.stack ?? '') : '';
  return /[\\/]pg-boss[\\/]/.test(stack) && /\bManager\.(complete|fail) \(/.test(stack);
}

/**
 * Log (and survive) the rejections of pg-boss's unawaited settles; any other unhandled rejection still
 * ends the process, as Node does by default.
 */
export function installJobSettleGuard(log: { error(obj: object, msg: string): void }): () => void {
  const onRejection = (reason: unknown) => {
    if (isJobSettleRejection(reason)) {
      log.error(
        { err: { message: (reason as Error).message } },
        'job queue could not record a finished job (database unreachable); pg-boss retries it after expiry',
      );
      return;
    }
    throw reason;
  };
  process.on('unhandledRejection', onRejection);
  return () => process.off('unhandledRejection', onRejection);
}
