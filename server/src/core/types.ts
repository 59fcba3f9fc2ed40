/** The small interfaces the core is written against: a socket, a logger. */

/** One client connection, whatever the transport (ws in production, an in-memory pair in tests). */
export interface SyncConnection {
  /** `written`, if given, runs once the bytes are handed to the network (or cannot be). */
  send(data: Uint8Array, written?: () => void): void;
  close(code: number, reason: string): void;
  /** Bytes queued for sending and not yet written to the network. */
  readonly bufferedAmount: number;
}

type LogFn = (fields: object, message?: string) => void;

/** A structured logger (pino satisfies it). */
export interface Logger {
  debug: LogFn;
  info: LogFn;
  warn: LogFn;
  error: LogFn;
}

export const silentLogger: Logger = {
  debug() {},
  info() {},
  warn() {},
  error() {},
};
