import fs from 'node:fs';
import TransportStream from 'winston-transport';

/** The key under which winston's formats leave the finished line (`MESSAGE` of triple-beam). */
const messageKey = Symbol.for('message');

/**
 * Appends lines to a file and rotates it by size as log4j's RollingFileAppender does. When the
 * next line would pass `maxBytes`, `host.log` becomes `host.log.1`, `host.log.1` becomes
 * `host.log.2`, and so on up to `backupCount`. The oldest file is deleted.
 *
 * Writes are synchronous, so a line is in the file when the log call returns and a burst of
 * lines cannot overtake a rotation. winston's own File transport (3.19) lost every line of a
 * burst that crossed `maxsize` before its file was open, and then never finished on close.
 */
export class RotatingFileTransport extends TransportStream {
  private fd: number;
  private size: number;
  private failedWrites = 0;

  constructor(
    private readonly file: string,
    private readonly maxBytes: number,
    private readonly backupCount: number,
    options: TransportStream.TransportStreamOptions = {},
  ) {
    super(options);
    this.fd = fs.openSync(file, 'a', 0o640);
    this.size = fs.fstatSync(this.fd).size;
  }

  override log(info: Record<symbol, unknown>, next: () => void): void {
    const line = `${String(info[messageKey])}\n`;
    const bytes = Buffer.byteLength(line);
    try {
      if (this.size > 0 && this.size + bytes > this.maxBytes) this.rotate();
      fs.writeSync(this.fd, line);
      this.size += bytes;
      this.failedWrites = 0;
    } catch (error) {
      // The logger cannot log its own failure, so stderr gets the first error of each run of failures.
      if (this.failedWrites === 0) process.stderr.write(`Writing to ${this.file} failed: ${(error as Error).message}\n`);
      this.failedWrites += 1;
    }
    next();
  }

  override close(): void {
    if (this.fd < 0) return;
    fs.closeSync(this.fd);
    this.fd = -1;
  }

  private rotate(): void {
    fs.closeSync(this.fd);
    this.fd = -1;
    fs.rmSync(`${this.file}.${this.backupCount}`, { force: true });
    for (let index = this.backupCount - 1; index >= 1; index -= 1) {
      const source = `${this.file}.${index}`;
      if (fs.existsSync(source)) fs.renameSync(source, `${this.file}.${index + 1}`);
    }
    if (this.backupCount > 0) fs.renameSync(this.file, `${this.file}.1`);
    else fs.truncateSync(this.file);
    this.fd = fs.openSync(this.file, 'a', 0o640);
    this.size = 0;
  }
}
