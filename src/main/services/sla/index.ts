/** The SLA engine: business calendars, clocks with pauses and holiday-schedule import. */
export * from './calendar';
export * from './clock';
export * from './import';
export { CN_2026_HOLIDAYS_ICS } from './cn-2026';
