/**
 * SLA engine benchmark: due-time computations per second over the office calendar with the full 2026
 * holiday and make-up-day schedule. Run: node --import tsx test/bench/sla.bench.ts
 * Writes bench-results/sla.json. Target (issue #4): ≥ 100,000 due times per second.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { cpus } from 'node:os';
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

const N = 1_000_000;
const schedule = parseHolidayIcs(CN_2026_HOLIDAYS_ICS);
const def = officeCalendar(schedule.holidays, schedule.workdays);

let t0 = performance.now();
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

function rate(label: string, n: number, fn: (i: number) => number): { label: string; n: number; ms: number; perSecond: number } {
  for (let i = 0; i < 10_000; i++) fn(i); // warm-up
  let sink = 0;
  const start = performance.now();
  for (let i = 0; i < n; i++) sink += fn(i);
  const ms = performance.now() - start;
  if (Number.isNaN(sink)) throw new Error('unexpected NaN');
  const perSecond = Math.round((n / ms) * 1000);
  console.log(`${label}: ${perSecond.toLocaleString('en')} /s (${n} in ${ms.toFixed(0)} ms)`);
  return { label, n, ms: Math.round(ms), perSecond };
}

const results = [
  rate('addBusinessMinutes (due time)', N, (i) => addBusinessMinutes(cal, starts[i]!, minutes[i]!)),
  rate('businessMinutesBetween', N, (i) => businessMinutesBetween(cal, starts[i]!, starts[i]! + minutes[i]! * 90_000)),
  rate('addBusinessMinutesPaused (2 pauses)', N / 4, (i) => {
    const s = starts[i]!;
    const pauses: Pause[] = [
      { from: s + 3_600_000, to: s + 7_200_000 },
      { from: s + 86_400_000, to: s + 2 * 86_400_000 },
    ];
    return addBusinessMinutesPaused(cal, s, minutes[i]!, pauses) ?? 0;
  }),
  rate('evaluateSla (due + warn + used + state)', N / 4, (i) => {
    const s = starts[i]!;
    return evaluateSla(cal, { start: s, targetMinutes: minutes[i]!, warnRatio: 0.8, pauses: [], now: s + 86_400_000 })
      .remainingMinutes;
  }),
];

t0 = performance.now();
for (let i = 0; i < 100; i++) compileCalendar(def, { from: 2026, to: 2026 });
const compileYearMs = (performance.now() - t0) / 100;

const out = {
  benchmark: 'sla',
  date: new Date().toISOString(),
  node: process.version,
  cpu: cpus()[0]?.model ?? 'unknown',
  cores: cpus().length,
  calendar: {
    hours: '08:30–12:00, 13:30–17:30 Mon–Fri, Asia/Shanghai',
    holidays: schedule.holidays.length,
    makeUpWorkdays: schedule.workdays.length,
    intervalsPrecomputed: cal.starts.length,
    compileMsTwoYears: Number(compileMs.toFixed(2)),
    compileMsPerYear: Number(compileYearMs.toFixed(3)),
  },
  target: { dueTimesPerSecond: 100_000 },
  results,
  pass: results[0]!.perSecond >= 100_000,
};
mkdirSync('bench-results', { recursive: true });
writeFileSync('bench-results/sla.json', `${JSON.stringify(out, null, 2)}\n`);
console.log(`wrote bench-results/sla.json (pass: ${out.pass})`);
