import { Text, Timeline } from '@mantine/core';
import { formatDateTime } from '../lib/format';

/** One step on a record's history as the server sends it (title already in the reader's language). */
export interface RecordEvent {
  id: string;
  at: string;
  kind: string;
  title: string;
  note: string;
  actorName: string | null;
}

/**
 * The history of a ticket, work order, request form or contract: each step's line, when and by whom, and
 * its note. `colorOf` marks the steps that need attention (a breach, a return); others take `color`.
 */
export function RecordTimeline({
  events,
  colorOf = () => undefined,
  color,
  newestFirst = false,
}: {
  events: readonly RecordEvent[];
  colorOf?: (kind: string) => string | undefined;
  color?: string;
  newestFirst?: boolean;
}) {
  const shown = newestFirst ? [...events].reverse() : events;
  return (
    <Timeline bulletSize={14} lineWidth={2} active={shown.length - 1} color={color}>
      {shown.map((e) => (
        <Timeline.Item key={e.id} title={<Text size="sm" fw={500}>{e.title}</Text>} color={colorOf(e.kind)}>
          <Text size="xs" c="dimmed">
            {formatDateTime(e.at)} · {e.actorName ?? '—'}
          </Text>
          {e.note && (
            <Text size="xs" style={{ whiteSpace: 'pre-wrap' }}>
              {e.note}
            </Text>
          )}
        </Timeline.Item>
      ))}
    </Timeline>
  );
}
