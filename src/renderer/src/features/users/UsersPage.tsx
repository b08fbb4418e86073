import { useEffect, useState } from 'react';
import { useSearchParams } from 'react-router-dom';
import { ActionIcon, Button, Group, Menu, Select, Stack, Text, TextInput } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { DataTable } from 'mantine-datatable';
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import {
  IconDots,
  IconEdit,
  IconKey,
  IconPlus,
  IconSearch,
  IconUserCheck,
  IconUserOff,
} from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import type { User } from '../../../../shared/contract/auth';
import { ROLES, type Role } from '../../../../shared/roles';
import { call } from '../../api/client';
import { useHasRole } from '../../app/auth/useSession';
import { FIT_TABLE_STYLES, useListColumns } from '../../components/ColumnPicker';
import { PageHeader } from '../../components/PageHeader';
import { RoleBadge, UserStateBadge } from '../../components/badges';
import { notifyError, notifySuccess } from '../../components/notify';
import { formatDateTime } from '../../lib/format';
import { UserFormModal } from './UserFormModal';
import { ResetPasswordModal } from './ResetPasswordModal';
import { ConfirmModal } from '../../components/ConfirmModal';

const PAGE_SIZE = 20;

type Editing = { mode: 'create' } | { mode: 'edit'; user: User } | null;

/** Users of the branch: admins create and edit, leaders look up (users.list allows both). */
export function UsersPage() {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const isAdmin = useHasRole(['admin']);
  const [params, setParams] = useSearchParams();
  const [query, setQuery] = useState('');
  const [debouncedQuery] = useDebouncedValue(query.trim(), 300);
  const [role, setRole] = useState<Role | null>(null);
  const [active, setActive] = useState<string | null>(null);
  const [page, setPage] = useState(1);
  const [editing, setEditing] = useState<Editing>(null);
  const [resetting, setResetting] = useState<User | null>(null);
  const [toggling, setToggling] = useState<User | null>(null);

  const input = {
    query: debouncedQuery || undefined,
    role: role ?? undefined,
    active: active === null ? undefined : active === 'active',
    page,
    pageSize: PAGE_SIZE,
  };
  const list = useQuery({
    queryKey: ['users.list', input],
    queryFn: () => call('users.list', input),
    placeholderData: keepPreviousData,
  });

  // Ctrl+K results link here with ?focus=<id>: open that user (from a full list, branches are small).
  const focus = params.get('focus');
  useEffect(() => {
    if (!focus) return;
    let cancelled = false;
    void call('users.list', { pageSize: 200 })
      .then((all) => {
        const user = all.rows.find((u) => u.id === focus);
        if (cancelled || !user) return;
        if (isAdmin) setEditing({ mode: 'edit', user });
        else setQuery(user.username);
      })
      .catch(() => undefined)
      .finally(() => {
        if (!cancelled) setParams({}, { replace: true });
      });
    return () => {
      cancelled = true;
    };
  }, [focus, isAdmin, setParams]);

  const toggleActive = useMutation({
    mutationFn: (user: User) => call('users.update', { id: user.id, active: !user.active }),
    onSuccess: (user) => {
      notifySuccess(
        user.active
          ? t('users.activated', { name: user.displayName })
          : t('users.deactivated', { name: user.displayName }),
      );
      setToggling(null);
      void queryClient.invalidateQueries({ queryKey: ['users.list'] });
    },
    onError: (e) => notifyError(e),
  });

  const resetFilters = (fn: () => void) => {
    fn();
    setPage(1);
  };

  // Fixed widths that fit 1366 px: the department takes the rest; the employee number returns on wider screens.
  const { columns, tableKey, picker } = useListColumns<User>('users', [
    {
      accessor: 'displayName',
      title: t('users.fields.displayName'),
      width: 120,
      always: true,
      tooltip: (u) => u.displayName,
      render: (u) => (
        <Text size="sm" fw={500} truncate>
          {u.displayName}
        </Text>
      ),
    },
    { accessor: 'username', title: t('users.fields.username'), width: 120, tooltip: (u) => u.username },
    { accessor: 'role', title: t('users.fields.role'), width: 152, render: (u) => <RoleBadge role={u.role} /> },
    { accessor: 'department', title: t('users.fields.department'), tooltip: (u) => u.department },
    { accessor: 'region', title: t('users.fields.region'), width: 100, tooltip: (u) => u.region },
    { accessor: 'employeeNo', title: t('users.fields.employeeNo'), width: 110, showFrom: 1500, tooltip: (u) => u.employeeNo },
    { accessor: 'phone', title: t('users.fields.phone'), width: 120, tooltip: (u) => u.phone },
    {
      accessor: 'active',
      title: t('users.fields.state'),
      width: 100,
      render: (u) => <UserStateBadge active={u.active} lockedUntil={u.lockedUntil} />,
    },
    {
      accessor: 'lastLoginAt',
      title: t('users.fields.lastLoginAt'),
      width: 140,
      render: (u) => formatDateTime(u.lastLoginAt),
    },
    {
      accessor: 'actions',
      title: '',
      always: true,
      hidden: !isAdmin,
      width: 48,
      textAlign: 'right',
      render: (u) => (
        <Menu position="bottom-end" withinPortal>
          <Menu.Target>
            <ActionIcon
              variant="subtle"
              color="gray"
              aria-label={t('users.actionsFor', { name: u.displayName })}
            >
              <IconDots size={16} />
            </ActionIcon>
          </Menu.Target>
          <Menu.Dropdown>
            <Menu.Item
              leftSection={<IconEdit size={16} />}
              onClick={() => setEditing({ mode: 'edit', user: u })}
            >
              {t('users.edit')}
            </Menu.Item>
            <Menu.Item leftSection={<IconKey size={16} />} onClick={() => setResetting(u)}>
              {t('users.resetPassword')}
            </Menu.Item>
            <Menu.Item
              color={u.active ? 'red' : undefined}
              leftSection={u.active ? <IconUserOff size={16} /> : <IconUserCheck size={16} />}
              onClick={() => setToggling(u)}
            >
              {u.active ? t('users.deactivate') : t('users.activate')}
            </Menu.Item>
          </Menu.Dropdown>
        </Menu>
      ),
    },
  ]);

  return (
    <Stack gap={0}>
      <PageHeader
        title={t('nav.users')}
        description={isAdmin ? t('users.descriptionAdmin') : t('users.descriptionReadOnly')}
        actions={
          isAdmin && (
            <Button leftSection={<IconPlus size={16} />} onClick={() => setEditing({ mode: 'create' })}>
              {t('users.create')}
            </Button>
          )
        }
      />
      <Group gap="sm" mb="sm" wrap="wrap">
        <TextInput
          w={300}
          leftSection={<IconSearch size={16} />}
          placeholder={t('users.searchPlaceholder')}
          aria-label={t('users.search')}
          value={query}
          onChange={(e) => resetFilters(() => setQuery(e.currentTarget.value))}
        />
        <Select
          w={160}
          aria-label={t('users.filterRole')}
          placeholder={t('users.allRoles')}
          clearable
          data={ROLES.map((r) => ({ value: r, label: t(`roles.${r}`) }))}
          value={role}
          onChange={(v) => resetFilters(() => setRole(v as Role | null))}
        />
        <Select
          w={140}
          aria-label={t('users.filterState')}
          placeholder={t('users.allStates')}
          clearable
          data={[
            { value: 'active', label: t('users.state.active') },
            { value: 'inactive', label: t('users.state.inactive') },
          ]}
          value={active}
          onChange={(v) => resetFilters(() => setActive(v))}
        />
        <Group ml="auto">{picker}</Group>
      </Group>
      <DataTable<User>
        key={tableKey}
        withTableBorder
        borderRadius="sm"
        striped
        highlightOnHover
        verticalSpacing={6}
        fz="sm"
        styles={FIT_TABLE_STYLES}
        // The list scrolls inside the page so the pager stays in view on a 1366×768 screen.
        height="calc(100vh - 205px)"
        fetching={list.isFetching}
        records={list.data?.rows ?? []}
        totalRecords={list.data?.total ?? 0}
        recordsPerPage={PAGE_SIZE}
        page={page}
        onPageChange={setPage}
        paginationText={({ from, to, totalRecords }) =>
          t('common.pageRange', { from, to, total: totalRecords })
        }
        noRecordsText={t('users.empty')}
        onRowDoubleClick={isAdmin ? ({ record }) => setEditing({ mode: 'edit', user: record }) : undefined}
        columns={columns}
      />
      <UserFormModal editing={editing} onClose={() => setEditing(null)} />
      <ResetPasswordModal user={resetting} onClose={() => setResetting(null)} />
      <ConfirmModal
        opened={!!toggling}
        title={toggling?.active ? t('users.deactivate') : t('users.activate')}
        message={
          toggling
            ? toggling.active
              ? t('users.confirmDeactivate', { name: toggling.displayName })
              : t('users.confirmActivate', { name: toggling.displayName })
            : ''
        }
        danger={!!toggling?.active}
        loading={toggleActive.isPending}
        onConfirm={() => toggling && toggleActive.mutate(toggling)}
        onClose={() => setToggling(null)}
      />
    </Stack>
  );
}
