import { useEffect, useState } from 'react';
import { useQuery } from '@tanstack/react-query';
import { call } from '../api/client';

/**
 * The app's clock in the renderer. Business time is the server's (`system.info.now`): a demo or test
 * started with `--clock` runs days ahead of the PC, and a countdown or an "overdue" colour must agree
 * with what the server computed. The PC's clock only measures how far that time has run on since.
 */

let offsetMs = 0;

/** The app's current time in epoch ms: the server's clock, carried forward by the PC's. */
export function appNow(): number {
  return Date.now() + offsetMs;
}

/** Aligns appNow with a server time read during a call that went out at `sentAt` and came back at `receivedAt`. */
export function alignAppClock(serverIso: string, sentAt: number, receivedAt: number): void {
  const server = Date.parse(serverIso);
  // The server read its clock somewhere in the round trip: the middle is the best guess.
  if (Number.isFinite(server)) offsetMs = server - (sentAt + receivedAt) / 2;
}

/** Keeps appNow aligned while signed in (read once, then every ten minutes). */
export function useAppClockSync(): void {
  useQuery({
    queryKey: ['system.info', 'clock'],
    queryFn: async () => {
      const sentAt = Date.now();
      const info = await call('system.info', {});
      alignAppClock(info.now, sentAt, Date.now());
      return info.now;
    },
    staleTime: 10 * 60_000,
    refetchInterval: 10 * 60_000,
  });
}

/** The app's current time, ticking every `ms`: drives live countdowns and due colours. */
export function useAppNow(ms = 1000): number {
  const [now, setNow] = useState(appNow);
  useEffect(() => {
    const timer = window.setInterval(() => setNow(appNow()), ms);
    return () => window.clearInterval(timer);
  }, [ms]);
  return now;
}
