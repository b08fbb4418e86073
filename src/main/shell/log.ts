import { appendFileSync, mkdirSync } from 'node:fs';
import { dirname } from 'node:path';

export type ShellLog = (message: string, error?: unknown) => void;

/**
 * The main process's log: the console (visible under `npm start`) and `<data dir>/logs/main.log`,
 * which is what support asks for when an installed copy misbehaves. Logging never throws.
 */
export function createShellLog(file: string | null): ShellLog {
  let writable = file !== null;
  if (file) {
    try {
      mkdirSync(dirname(file), { recursive: true });
    } catch {
      writable = false;
    }
  }
  return (message, error) => {
    const detail =
      error instanceof Error
        ? `${error.message}\n${error.stack ?? ''}`
        : error === undefined
          ? ''
          : String(error);
    const line = `${new Date().toISOString()} ${message}${detail ? ` ${detail}` : ''}`;
    if (error === undefined) console.log(line);
    else console.error(line);
    if (!writable || !file) return;
    try {
      appendFileSync(file, `${line}\n`);
    } catch {
      writable = false;
    }
  };
}
