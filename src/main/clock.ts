import { performance } from 'node:perf_hooks';
import { parseShanghaiTime } from '../shared/time';

/**
 * The settable clock (`--clock` / KAM_CLOCK): starts at a given time and runs on at real speed, so an
 * end-to-end test, a demo or an acceptance run can show a reminder due in 60 days or a breach tomorrow
 * without waiting. It becomes the runtime's `now`, the one clock every service reads.
 */

/** A clock that reads `startMs` now and advances with the monotonic elapsed time (immune to PC clock changes). */
export function runningClock(startMs: number, elapsedMs: () => number = () => performance.now()): () => Date {
  const origin = elapsedMs();
  return () => new Date(startMs + (elapsedMs() - origin));
}

/** How a clock value is written, for the error message and --help. */
export const CLOCK_FORMAT_HINT = "an ISO time (2027-03-01T01:00:00Z) or 'YYYY-MM-DD HH:mm' read as Asia/Shanghai";

/**
 * The runtime's `now` for a --clock / KAM_CLOCK value: undefined (the real clock) when none is given;
 * an Error that says what to write when the value is not a time.
 */
export function clockFromOption(value: string | undefined, source: string): (() => Date) | undefined {
  if (value === undefined || value.trim() === '') return undefined;
  const start = parseShanghaiTime(value);
  if (start === null) throw new Error(`${source} "${value}" is not a time: give ${CLOCK_FORMAT_HINT}.`);
  return runningClock(start);
}
