/*
 * A counting semaphore with a bounded queue: at most `concurrency` jobs run,
 * at most `maxQueue` wait; beyond that the caller gets a 503 to retry later,
 * so a burst of heavy requests (checked previews, downloads) cannot pile up
 * without end nor starve the rest of the API.
 */
import { ServiceUnavailableError } from '@backstage/errors';

export class Limiter {
  private running = 0;
  private readonly waiting: Array<() => void> = [];

  constructor(
    private readonly concurrency: number,
    private readonly maxQueue: number,
    private readonly what: string,
  ) {}

  /** Jobs running and waiting now. */
  get load(): { running: number; waiting: number } {
    return { running: this.running, waiting: this.waiting.length };
  }

  async run<T>(job: () => Promise<T>): Promise<T> {
    if (this.running >= this.concurrency) {
      if (this.waiting.length >= this.maxQueue) {
        throw new ServiceUnavailableError(
          `Too many ${this.what} at once (${this.running} running, ${this.waiting.length} waiting): try again in a few seconds`,
        );
      }
      await new Promise<void>(resolve => this.waiting.push(resolve));
    } else {
      this.running++;
    }
    try {
      return await job();
    } finally {
      const next = this.waiting.shift();
      if (next) {
        next();
      } else {
        this.running--;
      }
    }
  }
}
