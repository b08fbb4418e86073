import { Link } from 'react-router-dom';
import { Anchor, Text, Timeline } from '@mantine/core';
import {
  IconArrowsExchange,
  IconChartBar,
  IconEdit,
  IconFileImport,
  IconPoint,
  IconStairs,
} from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import type { TimelineEvent } from '../../../../../shared/contract/customers';
import { formatDateTime } from '../../../lib/format';

const ICONS: Record<string, typeof IconPoint> = {
  ownership: IconArrowsExchange,
  stage: IconStairs,
  evaluation: IconChartBar,
  audit: IconEdit,
  import: IconFileImport,
};

/** Everything that happened to the customer, newest first; later modules' events link to their pages. */
export function CustomerTimeline({ events, limit }: { events: TimelineEvent[]; limit?: number }) {
  const { t } = useTranslation();
  const shown = limit ? events.slice(0, limit) : events;
  if (shown.length === 0)
    return (
      <Text size="sm" c="dimmed">
        {t('customers.profile.timelineEmpty')}
      </Text>
    );
  return (
    <Timeline bulletSize={20} lineWidth={2} active={-1}>
      {shown.map((e, i) => {
        const Icon = ICONS[e.source] ?? IconPoint;
        return (
          <Timeline.Item
            key={`${e.at}-${i}`}
            bullet={<Icon size={12} />}
            title={
              e.route ? (
                <Anchor component={Link} to={e.route} size="sm" fw={500}>
                  {e.title}
                </Anchor>
              ) : (
                <Text size="sm" fw={500}>
                  {e.title}
                </Text>
              )
            }
          >
            {e.detail && (
              <Text size="sm" c="dimmed" style={{ whiteSpace: 'pre-wrap' }}>
                {e.detail}
              </Text>
            )}
            <Text size="xs" c="dimmed" mt={2}>
              {formatDateTime(e.at)}
              {e.actorName ? ` · ${e.actorName}` : ''}
            </Text>
          </Timeline.Item>
        );
      })}
    </Timeline>
  );
}
