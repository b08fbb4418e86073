import { useEffect, useRef, useState } from 'react';
import { useNavigate, useSearchParams } from 'react-router-dom';
import { Alert, Anchor, Button, Card, Grid, Group, Kbd, NavLink, SegmentedControl, Select, Stack, Text, TextInput } from '@mantine/core';
import { useDebouncedValue, useHotkeys } from '@mantine/hooks';
import { useQuery } from '@tanstack/react-query';
import { IconAlertTriangle, IconSearch } from '@tabler/icons-react';
import { INTAKE_CHANNELS, PRIORITIES, TICKET_IMPACTS, type Priority, type TicketImpact, type TicketKind } from '../../../../shared/contract/ticket-common';
import type { Grade } from '../../../../shared/contract/customer-common';
import { call } from '../../api/client';
import { PageHeader } from '../../components/PageHeader';
import { notifyError, notifySuccess } from '../../components/notify';
import { DraftNotice } from '../../components/forms/DraftNotice';
import { LimitedTextarea } from '../../components/forms/LimitedTextarea';
import { useFormDraft } from '../../components/forms/draft';
import { useDirtyGuard } from '../../components/forms/unsaved';
import { useSubmitOnce } from '../../components/forms/useSubmitOnce';
import { AssignFields } from './AssignFields';
import { HelpOverlay, PriorityBadge, StatusBadge } from './badges';
import { useInvalidateTickets, useTicketConfig } from './hooks';
import { useTicketsT, type TicketsKey } from './i18n';
import { GradeBadge } from '../customers/badges';

/** Everything typed at intake: what the draft keeps across a reload. */
interface IntakeValues {
  query: string;
  customerId: string | null;
  serviceId: string | null;
  kind: TicketKind;
  contactId: string | null;
  channel: string;
  categoryId: string | null;
  impact: TicketImpact;
  priority: Priority | null;
  reason: string;
  title: string;
  description: string;
  dept: string | null;
  assigneeId: string | null;
}

const EMPTY: IntakeValues = {
  query: '',
  customerId: null,
  serviceId: null,
  kind: 'fault',
  contactId: null,
  channel: 'phone',
  categoryId: null,
  impact: 'minor',
  priority: null,
  reason: '',
  title: '',
  description: '',
  dept: null,
  assigneeId: null,
};

/**
 * Phone intake, built to take a call in under a minute: one box finds the customer (name, service
 * number, circuit id, credit code); ↓/Enter picks; the caller's services, open tickets and a likely
 * duplicate show at once; the priority comes from the matrix; Ctrl+Enter opens the ticket. What is
 * typed is kept as a draft until the ticket is created (a reload restores it), and one submit opens
 * one ticket however often Enter is pressed.
 */
export function IntakePage() {
  const t = useTicketsT();
  const navigate = useNavigate();
  const invalidate = useInvalidateTickets();
  const config = useTicketConfig();
  const [params] = useSearchParams();
  // Opened from a visit (黄色通道 "转为投诉/故障工单"): the customer, kind and text come from it, and the
  // ticket links back to the visit. That prefill is where the form starts, not typed work.
  const fromVisit = params.get('visitId');
  const base: IntakeValues = fromVisit
    ? {
        ...EMPTY,
        customerId: params.get('customerId'),
        kind: params.get('kind') === 'fault' ? 'fault' : 'complaint',
        title: (params.get('title') ?? '').slice(0, 200),
        description: (params.get('description') ?? '').slice(0, 4000),
      }
    : EMPTY;
  const draft = useFormDraft<IntakeValues>('ticketIntake', fromVisit);
  const [restored, setRestored] = useState(() => draft.read());
  const initial = { ...base, ...restored?.values };
  const searchRef = useRef<HTMLInputElement>(null);
  const titleRef = useRef<HTMLInputElement>(null);
  const [query, setQuery] = useState(initial.query);
  const [debounced] = useDebouncedValue(query.trim(), 200);
  const [cursor, setCursor] = useState(0);
  const [customerId, setCustomerId] = useState(initial.customerId);
  const [serviceId, setServiceId] = useState(initial.serviceId);
  const [kind, setKind] = useState(initial.kind);
  const [contactId, setContactId] = useState(initial.contactId);
  const [channel, setChannel] = useState(initial.channel);
  const [categoryId, setCategoryId] = useState(initial.categoryId);
  const [impact, setImpact] = useState(initial.impact);
  const [priority, setPriority] = useState(initial.priority);
  const [reason, setReason] = useState(initial.reason);
  const [title, setTitle] = useState(initial.title);
  const [description, setDescription] = useState(initial.description);
  const [dept, setDept] = useState(initial.dept);
  const [assigneeId, setAssigneeId] = useState(initial.assigneeId);
  const [help, setHelp] = useState(false);
  const values: IntakeValues = { query, customerId, serviceId, kind, contactId, channel, categoryId, impact, priority, reason, title, description, dept, assigneeId };
  // Picking a customer fills in its first contact by itself; that alone is no typed work.
  const dirty = (Object.keys(EMPTY) as (keyof IntakeValues)[]).some((k) => k !== 'contactId' && k !== 'query' && values[k] !== base[k]) || (!fromVisit && query !== EMPTY.query);
  useDirtyGuard(dirty);

  const hits = useQuery({
    queryKey: ['tickets.intakeLookup', debounced],
    queryFn: () => call('tickets.intakeLookup', { query: debounced }),
    enabled: debounced.length >= 2 && !customerId,
  });
  const context = useQuery({
    queryKey: ['tickets.customerContext', customerId, serviceId],
    queryFn: () => call('tickets.customerContext', { customerId: customerId!, serviceInstanceId: serviceId }),
    enabled: !!customerId,
  });
  useEffect(() => setCursor(0), [hits.data]);
  // The visit's customer arrives by id: show its name in the search box once known.
  const contextName = context.data?.customerName;
  useEffect(() => {
    if (fromVisit && contextName && !query) setQuery(contextName);
  }, [fromVisit, contextName, query]);
  useEffect(() => {
    const first = context.data?.contacts[0];
    if (first && !contactId) setContactId(first.id);
  }, [context.data, contactId]);

  const choose = (index: number) => {
    const hit = hits.data?.[index];
    if (!hit) return;
    setCustomerId(hit.customerId);
    setServiceId(hit.serviceInstanceId);
    setContactId(null);
    setQuery(hit.customerName);
    window.setTimeout(() => titleRef.current?.focus(), 0);
  };
  const reset = () => {
    setCustomerId(null);
    setServiceId(null);
    setContactId(null);
    window.setTimeout(() => searchRef.current?.focus(), 0);
  };

  const grade = (context.data?.grade ?? null) as Grade | null;
  const derived = config.data ? config.data.matrix[impact][grade ?? 'none'] : null;
  const effective = priority ?? derived;
  const overridden = priority !== null && priority !== derived;
  const categories = (config.data?.categories ?? []).filter((c) => c.active && c.parentId && (!c.kind || c.kind === kind));

  const create = useSubmitOnce({
    mutationFn: (_: void, idempotencyKey) =>
      call('tickets.create', {
        kind,
        customerId: customerId!,
        contactId,
        serviceInstanceId: serviceId,
        channel: channel as (typeof INTAKE_CHANNELS)[number],
        categoryId,
        title,
        description,
        impact,
        ...(overridden ? { priority: priority!, priorityReason: reason } : {}),
        ...(dept ? { assigneeDept: dept, assigneeId } : {}),
        ...(fromVisit ? { visitId: fromVisit } : {}),
      }, { idempotencyKey }),
    onSuccess: (ticket) => {
      draft.clear();
      notifySuccess(t('intake.created', { number: ticket.number }));
      void invalidate();
      navigate(`../${ticket.id}`);
    },
    onError: (e) => notifyError(e),
  });
  const { resumeKey } = create;
  const restoredKey = restored?.idempotencyKey;
  // A restored draft continues its intent: if its ticket was in fact created, the server says so.
  useEffect(() => {
    if (restoredKey) resumeKey(restoredKey);
  }, [restoredKey, resumeKey]);
  const serialized = JSON.stringify(values);
  useEffect(() => {
    if (dirty) draft.write(JSON.parse(serialized) as IntakeValues, create.idempotencyKey);
    else draft.clear();
  }, [dirty, serialized, draft, create.idempotencyKey]);
  const discardDraft = () => {
    draft.clear();
    setRestored(null);
    setQuery(base.query);
    setCustomerId(base.customerId);
    setServiceId(base.serviceId);
    setKind(base.kind);
    setContactId(base.contactId);
    setChannel(base.channel);
    setCategoryId(base.categoryId);
    setImpact(base.impact);
    setPriority(base.priority);
    setReason(base.reason);
    setTitle(base.title);
    setDescription(base.description);
    setDept(base.dept);
    setAssigneeId(base.assigneeId);
    create.renewKey();
    window.setTimeout(() => searchRef.current?.focus(), 0);
  };
  const canSubmit = !!customerId && title.trim().length > 0 && (!overridden || reason.trim().length > 0);

  // Kind and submit work while typing in any field; / and ? only outside fields (they are text there).
  useHotkeys(
    [
      ['alt+1', () => setKind('fault')],
      ['alt+2', () => setKind('complaint')],
      ['mod+Enter', () => canSubmit && create.submit()],
    ],
    [],
  );
  useHotkeys([
    ['/', () => searchRef.current?.focus()],
    ['shift+?', () => setHelp((h) => !h)],
  ]);

  return (
    <Stack gap="sm">
      <PageHeader title={t('intake.title')} actions={<Anchor size="sm" onClick={() => setHelp(true)}>{t('queue.help')}</Anchor>} />
      {restored && <DraftNotice savedAt={restored.savedAt} onDiscard={discardDraft} />}
      <Grid>
        <Grid.Col span={{ base: 12, md: 5 }}>
          <Stack gap="xs">
            <TextInput
              ref={searchRef}
              autoFocus
              leftSection={<IconSearch size={14} />}
              label={t('intake.search')}
              description={t('intake.searchHint')}
              maxLength={100}
              value={query}
              onChange={(e) => {
                setQuery(e.currentTarget.value);
                if (customerId) setCustomerId(null);
              }}
              onKeyDown={(e) => {
                if (e.key === 'ArrowDown') setCursor((c) => Math.min((hits.data?.length ?? 1) - 1, c + 1));
                else if (e.key === 'ArrowUp') setCursor((c) => Math.max(0, c - 1));
                else if (e.key === 'Enter' && !customerId) choose(cursor);
                else if (e.key === 'Escape') reset();
                else return;
                e.preventDefault();
              }}
            />
            {!customerId && debounced.length >= 2 && hits.data && (
              <Card withBorder padding={0}>
                {hits.data.length === 0 && (
                  <Text size="sm" p="sm" c="dimmed">
                    {t('intake.noMatch')}
                  </Text>
                )}
                {hits.data.map((h, i) => (
                  <NavLink
                    key={h.customerId}
                    active={i === cursor}
                    onClick={() => choose(i)}
                    label={h.customerName}
                    description={`${t(`intake.matchedBy.${h.matchedBy}` as TicketsKey)}：${h.matchedText}${h.ownerName ? ` · ${t('intake.owner', { name: h.ownerName })}` : ''}`}
                  />
                ))}
              </Card>
            )}
            {context.data && (
              <Card withBorder padding="sm">
                <Group gap="xs" mb={4}>
                  <Text fw={600}>{context.data.customerName}</Text>
                  {context.data.grade && <GradeBadge grade={context.data.grade as Grade} />}
                </Group>
                {context.data.ownerName && (
                  <Text size="xs" c="dimmed" mb="xs">
                    {t('intake.owner', { name: context.data.ownerName })}
                  </Text>
                )}
                {context.data.duplicate && (
                  <Alert color="orange" icon={<IconAlertTriangle size={16} />} mb="xs" p="xs">
                    {t('intake.duplicate', { number: context.data.duplicate.number, status: t(`status.${context.data.duplicate.status}` as TicketsKey) })}{' '}
                    <Anchor size="sm" onClick={() => navigate(`../${context.data!.duplicate!.id}`)}>
                      {t('intake.openDuplicate', { number: context.data.duplicate.number })}
                    </Anchor>
                  </Alert>
                )}
                <Text size="sm" fw={500}>
                  {t('intake.openTickets')}
                </Text>
                {context.data.openTickets.length === 0 && <Text size="sm" c="dimmed">{t('intake.none')}</Text>}
                {context.data.openTickets.map((o) => (
                  <Group key={o.id} gap={6}>
                    <Anchor size="sm" ff="monospace" onClick={() => navigate(`../${o.id}`)}>
                      {o.number}
                    </Anchor>
                    <PriorityBadge priority={o.priority} />
                    <StatusBadge status={o.status} />
                    <Text size="sm" truncate maw={160}>
                      {o.title}
                    </Text>
                  </Group>
                ))}
                <Text size="sm" fw={500} mt="xs">
                  {t('intake.recentTickets')}
                </Text>
                {context.data.recentTickets.filter((r) => !context.data!.openTickets.some((o) => o.id === r.id)).slice(0, 5).map((o) => (
                  <Group key={o.id} gap={6}>
                    <Anchor size="sm" ff="monospace" onClick={() => navigate(`../${o.id}`)}>
                      {o.number}
                    </Anchor>
                    <StatusBadge status={o.status} />
                    <Text size="sm" truncate maw={200}>
                      {o.title}
                    </Text>
                  </Group>
                ))}
              </Card>
            )}
          </Stack>
        </Grid.Col>
        <Grid.Col span={{ base: 12, md: 7 }}>
          <form
            onSubmit={(e) => {
              e.preventDefault();
              if (canSubmit) create.submit();
            }}
          >
            <Stack gap="xs">
              {!customerId && <Text c="dimmed" size="sm">{t('intake.pickCustomer')}</Text>}
              <Group grow align="flex-end">
                <div>
                  <Text size="sm" fw={500} mb={2}>
                    {t('intake.kind')}
                  </Text>
                  <SegmentedControl fullWidth value={kind} onChange={(v) => { setKind(v as TicketKind); setCategoryId(null); }} data={[{ value: 'fault', label: t('kind.fault') }, { value: 'complaint', label: t('kind.complaint') }]} color={kind === 'complaint' ? 'red' : 'blue'} />
                </div>
                <Select label={t('intake.channel')} data={INTAKE_CHANNELS.map((c) => ({ value: c, label: t(`channel.${c}` as TicketsKey) }))} value={channel} onChange={(v) => v && setChannel(v)} allowDeselect={false} />
              </Group>
              <Group grow>
                <Select
                  label={t('intake.service')}
                  data={(context.data?.services ?? []).map((s) => ({ value: s.id, label: `${s.serviceNo} ${s.product}${s.openTicketNumber ? ` ⚠ ${s.openTicketNumber}` : ''}` }))}
                  value={serviceId}
                  onChange={setServiceId}
                  clearable
                  searchable
                  disabled={!customerId}
                />
                <Select
                  label={t('intake.contact')}
                  data={(context.data?.contacts ?? []).map((c) => ({ value: c.id, label: `${c.name} ${c.mobile}` }))}
                  value={contactId}
                  onChange={setContactId}
                  clearable
                  searchable
                  disabled={!customerId}
                />
              </Group>
              <TextInput ref={titleRef} label={t('intake.title2')} required maxLength={200} value={title} onChange={(e) => setTitle(e.currentTarget.value)} disabled={!customerId} />
              <LimitedTextarea label={t('intake.description')} maxLength={4000} value={description} onChange={(e) => setDescription(e.currentTarget.value)} disabled={!customerId} />
              <Group grow align="flex-end">
                <Select label={t('intake.category')} data={categories.map((c) => ({ value: c.id, label: c.name }))} value={categoryId} onChange={setCategoryId} clearable searchable />
                <div>
                  <Text size="sm" fw={500} mb={2}>
                    {t('intake.impact')}
                  </Text>
                  <SegmentedControl fullWidth size="xs" value={impact} onChange={(v) => setImpact(v as TicketImpact)} data={TICKET_IMPACTS.map((i) => ({ value: i, label: t(`impact.${i}` as TicketsKey) }))} />
                </div>
              </Group>
              <Group align="flex-end">
                <div>
                  <Text size="sm" fw={500} mb={2}>
                    {t('intake.priority')} {derived && <Text span size="xs" c="dimmed">{t('intake.priorityFromMatrix', { priority: derived })}</Text>}
                  </Text>
                  <SegmentedControl value={effective ?? 'P3'} onChange={(v) => setPriority(v as Priority)} data={[...PRIORITIES]} color={effective === 'P1' ? 'red' : 'orange'} />
                </div>
                {overridden && <TextInput style={{ flex: 1 }} label={t('intake.priorityReason')} required maxLength={500} value={reason} onChange={(e) => setReason(e.currentTarget.value)} />}
              </Group>
              <Text size="sm" fw={500}>
                {t('intake.dispatch')}
              </Text>
              <Group grow>
                <AssignFields optional dept={dept} assigneeId={assigneeId} onChange={(d, a) => { setDept(d); setAssigneeId(a); }} />
              </Group>
              <Group justify="flex-end">
                <Button type="submit" color="red" disabled={!canSubmit} loading={create.isPending} rightSection={<Kbd size="xs">Ctrl ↵</Kbd>}>
                  {t('intake.submit')}
                </Button>
              </Group>
            </Stack>
          </form>
        </Grid.Col>
      </Grid>
      <HelpOverlay opened={help} onClose={() => setHelp(false)} />
    </Stack>
  );
}
