import { useState } from 'react';
import { useNavigate } from 'react-router-dom';
import { Badge, Button, Kbd, Stack, Text } from '@mantine/core';
import { Spotlight, spotlight } from '@mantine/spotlight';
import { useDebouncedValue } from '@mantine/hooks';
import { useQuery } from '@tanstack/react-query';
import {
  IconAddressBook,
  IconAlertTriangle,
  IconCalendarEvent,
  IconClipboardText,
  IconFile,
  IconFileCertificate,
  IconRoute,
  IconSearch,
  IconUser,
} from '@tabler/icons-react';
import type { SearchHit } from '../../../shared/contract/system';
import { useTranslation } from 'react-i18next';
import { call } from '../api/client';
import { useSession } from './auth/useSession';
import { ALL_NAV, visibleTo } from './modules';
import { Highlighted } from '../components/Highlighted';

const KIND_ICON: Record<SearchHit['kind'], typeof IconUser> = {
  user: IconUser,
  customer: IconAddressBook,
  ticket: IconAlertTriangle,
  order: IconRoute,
  contract: IconFileCertificate,
  form: IconClipboardText,
  visit: IconCalendarEvent,
  page: IconFile,
};

function KindIcon({ kind }: { kind: SearchHit['kind'] }) {
  const Icon = KIND_ICON[kind];
  return <Icon size={18} />;
}

/** A hit's title and subtitle, with what the search matched highlighted (or named, when it matched elsewhere). */
function HitText({ hit }: { hit: SearchHit }) {
  const { t } = useTranslation();
  const m = hit.match;
  const inTitle = m && m.text === hit.title;
  // The matched field is named first; a subtitle part saying the same (a number, the customer) is not repeated.
  const rest = m ? hit.subtitle.split(' · ').filter((part) => part !== m.text).join(' · ') : hit.subtitle;
  return (
    <Stack gap={0} style={{ flex: 1, minWidth: 0 }}>
      <Text size="sm">{inTitle ? <Highlighted text={hit.title} ranges={m.ranges} /> : hit.title}</Text>
      <Text size="xs" c="dimmed" truncate>
        {m && !inTitle ? (
          <>
            {t(`search.field.${m.field}`, { defaultValue: m.field })}：<Highlighted text={m.text} ranges={m.ranges} />
            {rest ? ` · ${rest}` : ''}
          </>
        ) : (
          hit.subtitle
        )}
      </Text>
    </Stack>
  );
}

/** The header button that opens Ctrl+K search. */
export function SearchButton() {
  const { t } = useTranslation();
  return (
    <Button
      variant="default"
      size="xs"
      leftSection={<IconSearch size={14} />}
      rightSection={<Kbd size="xs">Ctrl K</Kbd>}
      onClick={() => spotlight.open()}
      aria-label={t('search.open')}
      fw={400}
      c="dimmed"
    >
      {t('search.button')}
    </Button>
  );
}

/** Ctrl+K: jump to any page, or to what search.global finds (users, and every module registered with services/search). */
export function GlobalSearch() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const { user } = useSession();
  const [query, setQuery] = useState('');
  const [debounced] = useDebouncedValue(query.trim(), 250);
  const hits = useQuery({
    queryKey: ['search.global', debounced],
    queryFn: () => call('search.global', { query: debounced }),
    enabled: debounced.length > 0,
    staleTime: 10_000,
  });

  const q = query.trim().toLowerCase();
  const pages = ALL_NAV.filter((item) => visibleTo(item, user.role))
    .map((item) => ({ item, label: t(`nav.${item.key}`) }))
    .filter(({ item, label }) => !q || label.toLowerCase().includes(q) || item.key.includes(q));
  const found = debounced ? (hits.data ?? []) : [];
  // One group per module, in the order the server ranks them (arrow keys walk them, Enter opens).
  const groups: [SearchHit['kind'], SearchHit[]][] = [];
  for (const hit of found) {
    const group = groups.find(([kind]) => kind === hit.kind);
    if (group) group[1].push(hit);
    else groups.push([hit.kind, [hit]]);
  }
  const groupLabel = (kind: SearchHit['kind'], group: SearchHit[]) => {
    const total = group[0]?.groupTotal;
    const count = group[0]?.groupTotalCapped ? t('search.totalCapped') : total !== undefined ? t('search.total', { count: total }) : '';
    return [t(`search.kind.${kind}`), count].filter(Boolean).join(' · ');
  };

  return (
    // Ctrl+K opens the search from anywhere, a focused filter box included (by default Mantine ignores
    // shortcuts typed in inputs, which also swallowed a second Ctrl+K while the search was still closing).
    <Spotlight.Root
      query={query}
      onQueryChange={setQuery}
      shortcut={['mod + K']}
      tagsToIgnore={[]}
      scrollable
      maxHeight={420}
    >
      <Spotlight.Search placeholder={t('search.placeholder')} leftSection={<IconSearch size={18} />} />
      <Spotlight.ActionsList>
        {pages.length > 0 && (
          <Spotlight.ActionsGroup label={t('search.pages')}>
            {pages.map(({ item, label }) => (
              <Spotlight.Action
                key={item.key}
                label={label}
                leftSection={<item.icon size={18} />}
                onClick={() => navigate(item.path)}
              />
            ))}
          </Spotlight.ActionsGroup>
        )}
        {groups.map(([kind, group]) => (
          <Spotlight.ActionsGroup key={kind} label={groupLabel(kind, group)}>
            {group.map((hit) => (
              <Spotlight.Action
                key={`${hit.kind}:${hit.id}`}
                onClick={() => navigate(hit.route)}
                leftSection={<KindIcon kind={hit.kind} />}
                rightSection={
                  <Badge size="xs" variant="light" color="gray">
                    {t(`search.kind.${hit.kind}`)}
                  </Badge>
                }
              >
                <HitText hit={hit} />
              </Spotlight.Action>
            ))}
          </Spotlight.ActionsGroup>
        ))}
        {pages.length === 0 && found.length === 0 && (
          <Spotlight.Empty>
            <Text size="sm" c="dimmed">
              {hits.isFetching ? t('search.searching') : t('search.nothing')}
            </Text>
          </Spotlight.Empty>
        )}
      </Spotlight.ActionsList>
    </Spotlight.Root>
  );
}
