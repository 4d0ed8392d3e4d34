import { ConsoleLogger, LogLevel } from '@nestjs/common';
import { maskPersonalData, maskPersonalDataIn } from './personal-data-mask';

/**
 * Nest's console logger with passport and ID numbers masked in everything it prints: messages
 * (strings and objects), error stacks, in text and JSON output alike. Each app's bootstrap hands
 * it to NestFactory, so Nest's own logs (an unhandled exception, a failed bootstrap) and every
 * `new Logger(...)` in the app go through it.
 */
export class MaskingConsoleLogger extends ConsoleLogger {
  protected override printMessages(messages: unknown[], context?: string, logLevel?: LogLevel, writeStreamType?: 'stdout' | 'stderr', errorStack?: unknown): void {
    super.printMessages(maskPersonalDataIn(messages), context, logLevel, writeStreamType, maskPersonalDataIn(errorStack));
  }

  protected override printStackTrace(stack: string): void {
    super.printStackTrace(typeof stack === 'string' ? maskPersonalData(stack) : stack);
  }
}
