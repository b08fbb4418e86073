import { useState } from 'react';
import { Button, Group, Menu, Paper, Text, Title } from '@mantine/core';
import { useMutation } from '@tanstack/react-query';
import {
  IconArrowsExchange,
  IconChevronDown,
  IconEdit,
  IconHandGrab,
  IconStairs,
  IconUserOff,
} from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import type { Customer360 } from '../../../../../shared/contract/customers';
import { call } from '../../../api/client';
import { notifyError, notifySuccess } from '../../../components/notify';
import { GradeBadge, KeyBadge, PoolBadge, StageBadge, TypeBadge } from '../badges';
import { useInvalidateCustomers } from '../hooks';
import { Money } from '../Money';
import { OwnershipModal } from '../OwnershipModals';
import { CustomerFormModal } from '../form/CustomerFormModal';
import { StageModal } from './StageModal';

function Fact({ label, children }: { label: string; children: React.ReactNode }) {
  return (
    <div>
      <Text size="xs" c="dimmed">
        {label}
      </Text>
      <Text size="sm" component="div">
        {children}
      </Text>
    </div>
  );
}

/** Who the customer is at a glance, and what the caller may do (buttons follow `can`, the server checks again). */
export function CustomerHeader({ data }: { data: Customer360 }) {
  const { t } = useTranslation();
  const invalidate = useInvalidateCustomers();
  const c = data.customer;
  const [editing, setEditing] = useState(false);
  const [stageOpen, setStageOpen] = useState(false);
  const [ownership, setOwnership] = useState<'transfer' | 'release' | null>(null);
  const claim = useMutation({
    mutationFn: () => call('customers.claim', { ids: [c.id] }),
    onSuccess: (r) => {
      notifySuccess(
        t('customers.ownership.claimed', { count: r.changed, used: r.claimedThisMonth, limit: r.limit }),
      );
      void invalidate();
    },
    onError: (e) => notifyError(e),
  });
  const { can } = data;

  return (
    <Paper withBorder p="sm" mb="sm">
      <Group justify="space-between" align="flex-start" wrap="nowrap">
        <div style={{ minWidth: 0 }}>
          <Group gap="xs" wrap="wrap">
            <Title order={2} size="h3">
              {c.name}
            </Title>
            {c.shortName && (
              <Text c="dimmed" size="sm">
                （{c.shortName}）
              </Text>
            )}
            <GradeBadge grade={c.grade} />
            <StageBadge stage={c.stage} />
            <KeyBadge isKey={c.isKey} reasons={c.keyReasons} />
            <TypeBadge type={c.type} />
          </Group>
          <Group gap="xl" mt="xs" wrap="wrap">
            <Fact label={t('customers.fields.owner')}>{c.ownerName ?? <PoolBadge />}</Fact>
            <Fact label={t('customers.fields.region')}>{c.region || '—'}</Fact>
            <Fact label={t('customers.fields.industry')}>{c.industry || '—'}</Fact>
            <Fact label={t('customers.fields.creditCode')}>{c.creditCode || '—'}</Fact>
            {can.seeFinance && (
              <Fact label={t('customers.fields.monthlySpend')}>
                <Money fen={c.monthlySpendFen} />
              </Fact>
            )}
            {can.seeFinance && (
              <Fact label={t('customers.fields.arrears')}>
                <Money fen={c.arrearsFen} danger />
              </Fact>
            )}
            {c.gradePeriod && <Fact label={t('customers.fields.gradePeriod')}>{c.gradePeriod}</Fact>}
          </Group>
        </div>
        <Group gap="xs" wrap="nowrap">
          {can.claim && (
            <Button
              size="xs"
              leftSection={<IconHandGrab size={14} />}
              loading={claim.isPending}
              onClick={() => claim.mutate()}
            >
              {t('customers.ownership.claim')}
            </Button>
          )}
          {can.edit && (
            <Button
              size="xs"
              variant="default"
              leftSection={<IconEdit size={14} />}
              onClick={() => setEditing(true)}
            >
              {t('customers.profile.edit')}
            </Button>
          )}
          {(can.edit || can.transfer || can.release) && (
            <Menu position="bottom-end" withinPortal>
              <Menu.Target>
                <Button size="xs" variant="default" rightSection={<IconChevronDown size={14} />}>
                  {t('customers.profile.more')}
                </Button>
              </Menu.Target>
              <Menu.Dropdown>
                {can.edit && (
                  <Menu.Item leftSection={<IconStairs size={14} />} onClick={() => setStageOpen(true)}>
                    {t('customers.stageChange.title')}
                  </Menu.Item>
                )}
                {can.transfer && (
                  <Menu.Item
                    leftSection={<IconArrowsExchange size={14} />}
                    onClick={() => setOwnership('transfer')}
                  >
                    {t('customers.ownership.transfer')}
                  </Menu.Item>
                )}
                {can.release && c.ownerId && (
                  <Menu.Item
                    color="orange"
                    leftSection={<IconUserOff size={14} />}
                    onClick={() => setOwnership('release')}
                  >
                    {t('customers.ownership.release')}
                  </Menu.Item>
                )}
              </Menu.Dropdown>
            </Menu>
          )}
        </Group>
      </Group>
      <CustomerFormModal opened={editing} customer={c} onClose={() => setEditing(false)} />
      <StageModal customer={c} opened={stageOpen} onClose={() => setStageOpen(false)} />
      {ownership && (
        <OwnershipModal
          mode={ownership}
          target={{ ids: [c.id], label: c.name, currentOwnerId: c.ownerId }}
          onClose={() => setOwnership(null)}
        />
      )}
    </Paper>
  );
}
