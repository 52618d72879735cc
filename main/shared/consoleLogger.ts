// A Logger that writes one line per entry to stderr. The core redacts secrets before they get here;
// terminal controls (a server's ESC/OSC sequences) are stripped here, at the last step before the terminal.
import type { Logger } from '../../app/base/logger.ts';
import { stripTerminalControls } from './terminalText.ts';

type Level = 'debug' | 'info' | 'warn' | 'error';
const order: Record<Level, number> = { debug: 10, info: 20, warn: 30, error: 40 };

export function createConsoleLogger(minLevel: Level = 'info', write: (line: string) => void = (l) => process.stderr.write(l + '\n')): Logger {
  const log = (level: Level) => (message: string, fields?: Record<string, unknown>) => {
    if (order[level] < order[minLevel]) return;
    const extra = fields && Object.keys(fields).length > 0 ? ' ' + safeJson(fields) : '';
    write(stripTerminalControls(`${new Date().toISOString()} ${level.padEnd(5)} ${message}${extra}`));
  };
  return { debug: log('debug'), info: log('info'), warn: log('warn'), error: log('error') };
}

function safeJson(value: unknown): string {
  try {
    return JSON.stringify(value);
  } catch {
    return '[unserialisable]';
  }
}
