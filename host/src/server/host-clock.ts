import type { Clock } from '@plughost/sdk';

/** The host's clock: system time plus an offset that tests may set when `--test-clock` is on. */
export class HostClock implements Clock {
  private offsetMs = 0;

  now(): Date {
    return new Date(Date.now() + this.offsetMs);
  }

  setOffset(offsetMs: number): void {
    this.offsetMs = offsetMs;
  }

  getOffset(): number {
    return this.offsetMs;
  }
}
