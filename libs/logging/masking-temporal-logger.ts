import type { LogLevel, LogMetadata, Logger } from '@temporalio/common';
import { maskPersonalData, maskPersonalDataIn } from './personal-data-mask';

/**
 * Wraps the logger installed on Temporal's Runtime: the worker's, activities' and workflows' logs
 * and the Core SDK's forwarded logs all pass here, message and metadata masked (an activity's
 * failure arrives as an `error` in the metadata, its message possibly echoing a request body).
 */
export class MaskingTemporalLogger implements Logger {
  constructor(readonly next: Logger) {}

  log(level: LogLevel, message: string, meta?: LogMetadata): void {
    this.next.log(level, maskPersonalData(message), meta === undefined ? undefined : maskPersonalDataIn(meta));
  }

  trace(message: string, meta?: LogMetadata): void {
    this.log('TRACE', message, meta);
  }

  debug(message: string, meta?: LogMetadata): void {
    this.log('DEBUG', message, meta);
  }

  info(message: string, meta?: LogMetadata): void {
    this.log('INFO', message, meta);
  }

  warn(message: string, meta?: LogMetadata): void {
    this.log('WARN', message, meta);
  }

  error(message: string, meta?: LogMetadata): void {
    this.log('ERROR', message, meta);
  }
}
