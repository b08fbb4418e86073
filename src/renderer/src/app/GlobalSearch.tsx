import { useState } from 'react';
import { useNavigate } from 'react-router-dom';
import { Badge, Button, Kbd, Text } from '@mantine/core';
import { Spotlight, spotlight } from '@mantine/spotlight';
import { useDebouncedValue } from '@mantine/hooks';
import { useQuery } from '@tanstack/react-query';
import { IconAddressBook, IconAlertTriangle, IconFile, IconSearch, IconUser } from '@tabler/icons-react';
import type { SearchHit } from '../../../shared/contract/system';
import { useTranslation } from 'react-i18next';
import { call } from '../api/client';
import { useSession } from './auth/useSession';
import { ALL_NAV, visibleTo } from './modules';

const KIND_ICON: Record<SearchHit['kind'], typeof IconUser> = {
  user: IconUser,
  customer: IconAddressBook,
  ticket: IconAlertTriangle,
  page: IconFile,
};

function KindIcon({ kind }: { kind: SearchHit['kind'] }) {
  const Icon = KIND_ICON[kind];
  return <Icon size={18} />;
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

/** Ctrl+K: jump to any page, or to what search.global finds (users today; customers and tickets later). */
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
        {found.length > 0 && (
          <Spotlight.ActionsGroup label={t('search.results')}>
            {found.map((hit) => (
              <Spotlight.Action
                key={`${hit.kind}:${hit.id}`}
                label={hit.title}
                description={hit.subtitle}
                leftSection={<KindIcon kind={hit.kind} />}
                rightSection={
                  <Badge size="xs" variant="light" color="gray">
                    {t(`search.kind.${hit.kind}`)}
                  </Badge>
                }
                onClick={() => navigate(hit.route)}
              />
            ))}
          </Spotlight.ActionsGroup>
        )}
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
