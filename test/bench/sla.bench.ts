/**
 * SLA engine benchmark: due-time computations per second over the office calendar with the full 2026
 * holiday and make-up-day schedule. Run: node --import tsx test/bench/sla.bench.ts
 * Writes bench-results/sla.json. Target (issue #4): ≥ 100,000 due times per second.
 */
import {
  addBusinessMinutes,
  addBusinessMinutesPaused,
  businessMinutesBetween,
  CN_2026_HOLIDAYS_ICS,
  compileCalendar,
  evaluateSla,
  officeCalendar,
  parseHolidayIcs,
  type Pause,
} from '../../src/main/services/sla';
import { measure, writeResults } from './harness';

const N = 1_000_000;
const schedule = parseHolidayIcs(CN_2026_HOLIDAYS_ICS);
const def = officeCalendar(schedule.holidays, schedule.workdays);

const t0 = performance.now();
const cal = compileCalendar(def, { from: 2026, to: 2027 });
const compileMs = performance.now() - t0;

// Deterministic inputs prepared up front so that only the engine is timed.
let seed = 42;
const rand = () => {
  seed = (seed * 1664525 + 1013904223) >>> 0;
  return seed / 4294967296;
};
const yearStart = Date.parse('2026-01-01T00:00:00+08:00');
const yearMs = 365 * 86_400_000;
const targets = [120, 240, 480, 960, 1440, 2400];
const starts = new Float64Array(N);
const minutes = new Float64Array(N);
for (let i = 0; i < N; i++) {
  starts[i] = Math.floor(yearStart + rand() * yearMs);
  minutes[i] = targets[Math.floor(rand() * targets.length)]!;
}

const BATCH = 10_000;
/** Times batches of BATCH computations; the target is the 100,000 per second. */
async function batches(name: string, fn: (i: number) => number, perSecondTarget = 100_000) {
  let sink = 0;
  const m = await measure(
    `${name}, batch of ${BATCH.toLocaleString('en')}`,
    (run) => {
      const base = (run * BATCH) % (N - BATCH);
      for (let i = base; i < base + BATCH; i++) sink += fn(i);
    },
    { iterations: 100, warmup: 5, target: { p95Ms: (BATCH / perSecondTarget) * 1000 } },
  );
  if (Number.isNaN(sink)) throw new Error('unexpected NaN');
  m.note = `${Math.round((BATCH / m.p50) * 1000).toLocaleString('en')} per second at p50`;
  return m;
}

async function main() {
  const due = await batches('addBusinessMinutes (due time)', (i) => addBusinessMinutes(cal, starts[i]!, minutes[i]!));
  const between = await batches('businessMinutesBetween', (i) =>
    businessMinutesBetween(cal, starts[i]!, starts[i]! + minutes[i]! * 90_000),
  );
  const paused = await batches('addBusinessMinutesPaused (2 pauses)', (i) => {
    const s = starts[i]!;
    const pauses: Pause[] = [
      { from: s + 3_600_000, to: s + 7_200_000 },
      { from: s + 86_400_000, to: s + 2 * 86_400_000 },
    ];
    return addBusinessMinutesPaused(cal, s, minutes[i]!, pauses) ?? 0;
  });
  const evaluated = await batches('evaluateSla (due, warn, used, state)', (i) => {
    const s = starts[i]!;
    return evaluateSla(cal, { start: s, targetMinutes: minutes[i]!, warnRatio: 0.8, pauses: [], now: s + 86_400_000 })
      .remainingMinutes;
  });
  const compile = await measure('compileCalendar, one year', () => compileCalendar(def, { from: 2026, to: 2026 }), {
    iterations: 100,
    warmup: 5,
  });

  writeResults('sla', [due, between, paused, evaluated, compile], {
    calendar: '08:30–12:00 and 13:30–17:30 Mon–Fri, Asia/Shanghai, 2026 official schedule',
    holidays: schedule.holidays.length,
    makeUpWorkdays: schedule.workdays.length,
    intervalsPrecomputed: cal.starts.length,
    compileMsTwoYears: Number(compileMs.toFixed(2)),
    dueTimesPerSecondP50: Math.round((BATCH / due.p50) * 1000),
  });
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
