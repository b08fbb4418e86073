import { Badge, Group, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import {
  CREDIT_RATINGS,
  DECISION_ROLES,
  PROJECT_STATUSES,
  RESOURCE_KINDS,
  SERVICE_STATUSES,
  type Bill,
  type Contact,
  type CreditRecord,
  type Project,
  type Resource,
  type ServiceInstance,
} from '../../../../../shared/contract/customer-sections';
import type { Customer360 } from '../../../../../shared/contract/customers';
import { BIRTHDAY_CALENDARS } from '../../../../../shared/contract/visit-common';
import { formatRatio } from '../format';
import { Money } from '../Money';
import type { SectionDef } from './SectionTable';

const SERVICE_COLOR: Record<(typeof SERVICE_STATUSES)[number], string> = {
  pending: 'yellow',
  active: 'green',
  suspended: 'orange',
  terminated: 'gray',
};
const PROJECT_COLOR: Record<(typeof PROJECT_STATUSES)[number], string> = {
  planning: 'gray',
  in_progress: 'blue',
  done: 'green',
  cancelled: 'gray',
};
const RATING_COLOR: Record<(typeof CREDIT_RATINGS)[number], string> = {
  AAA: 'green',
  AA: 'teal',
  A: 'blue',
  B: 'yellow',
  C: 'red',
};

const dash = (s: string | null | undefined) => (s ? s : '—');

/** The six editable sections of the 360 page: their fields (for the dialog) and table columns. */
export function useSectionDefs(data: Customer360) {
  const { t } = useTranslation();
  const opts = <V extends string>(values: readonly V[], label: (v: V) => string) =>
    values.map((v) => ({ value: v, label: label(v) }));

  const contacts: SectionDef<Contact> = {
    key: 'contacts',
    title: t('customers.sections.contacts.title'),
    addLabel: t('customers.sections.contacts.add'),
    empty: t('customers.sections.contacts.empty'),
    fields: [
      {
        name: 'name',
        label: t('customers.sections.contacts.name'),
        kind: 'text',
        required: true,
        maxLength: 50,
      },
      { name: 'title', label: t('customers.sections.contacts.jobTitle'), kind: 'text', maxLength: 50 },
      {
        name: 'department',
        label: t('customers.sections.contacts.department'),
        kind: 'text',
        maxLength: 100,
      },
      {
        name: 'decisionRole',
        label: t('customers.sections.contacts.decisionRole'),
        kind: 'select',
        options: opts(DECISION_ROLES, (v) => t(`customers.decisionRole.${v}`)),
      },
      { name: 'mobile', label: t('customers.sections.contacts.mobile'), kind: 'text', maxLength: 32 },
      { name: 'phone', label: t('customers.sections.contacts.phone'), kind: 'text', maxLength: 32 },
      { name: 'email', label: t('customers.sections.contacts.email'), kind: 'text', maxLength: 100 },
      { name: 'wechat', label: t('customers.sections.contacts.wechat'), kind: 'text', maxLength: 50 },
      { name: 'qq', label: t('customers.sections.contacts.qq'), kind: 'text', maxLength: 20 },
      {
        name: 'birthdayCalendar',
        label: t('customers.sections.contacts.birthdayCalendar'),
        kind: 'segmented',
        options: opts(BIRTHDAY_CALENDARS, (v) => t(`customers.sections.contacts.${v}`)),
      },
      {
        name: 'birthday',
        label: t('customers.sections.contacts.birthday'),
        kind: 'date',
        textWhen: { field: 'birthdayCalendar', value: 'lunar', hint: t('customers.sections.contacts.lunarHint') },
      },
      { name: 'isPrimary', label: t('customers.sections.contacts.isPrimary'), kind: 'bool' },
      { name: 'notes', label: t('customers.fields.notes'), kind: 'textarea', wide: true, maxLength: 500 },
    ],
    columns: [
      {
        accessor: 'name',
        title: t('customers.sections.contacts.name'),
        render: (c) => (
          <Group gap={4} wrap="nowrap">
            <Text size="sm" fw={500}>
              {c.name}
            </Text>
            {c.isPrimary && (
              <Badge size="xs" variant="light" radius="sm">
                {t('customers.sections.contacts.primary')}
              </Badge>
            )}
          </Group>
        ),
      },
      { accessor: 'title', title: t('customers.sections.contacts.jobTitle'), render: (c) => dash(c.title) },
      {
        accessor: 'department',
        title: t('customers.sections.contacts.department'),
        render: (c) => dash(c.department),
      },
      {
        accessor: 'decisionRole',
        title: t('customers.sections.contacts.decisionRole'),
        render: (c) => (c.decisionRole ? t(`customers.decisionRole.${c.decisionRole}`) : '—'),
      },
      { accessor: 'mobile', title: t('customers.sections.contacts.mobile'), render: (c) => dash(c.mobile) },
      { accessor: 'phone', title: t('customers.sections.contacts.phone'), render: (c) => dash(c.phone) },
      { accessor: 'email', title: t('customers.sections.contacts.email'), render: (c) => dash(c.email) },
      {
        accessor: 'wechat',
        title: t('customers.sections.contacts.wechatQq'),
        render: (c) => dash([c.wechat, c.qq].filter(Boolean).join(' / ')),
      },
      {
        accessor: 'birthday',
        title: t('customers.sections.contacts.birthday'),
        render: (c) =>
          c.birthday && c.birthdayCalendar === 'lunar' ? (
            <Group gap={4} wrap="nowrap">
              <Text size="sm">{c.birthday}</Text>
              <Badge size="xs" variant="outline" color="grape" radius="sm">
                {t('customers.sections.contacts.lunar')}
              </Badge>
            </Group>
          ) : (
            dash(c.birthday)
          ),
      },
    ],
  };

  const services: SectionDef<ServiceInstance> = {
    key: 'services',
    title: t('customers.sections.services.title'),
    addLabel: t('customers.sections.services.add'),
    empty: t('customers.sections.services.empty'),
    fields: [
      {
        name: 'product',
        label: t('customers.sections.services.product'),
        kind: 'text',
        required: true,
        maxLength: 100,
      },
      {
        name: 'serviceNo',
        label: t('customers.sections.services.serviceNo'),
        kind: 'text',
        required: true,
        maxLength: 64,
      },
      { name: 'bandwidth', label: t('customers.sections.services.bandwidth'), kind: 'text', maxLength: 32 },
      { name: 'monthlyFeeFen', label: t('customers.sections.services.monthlyFee'), kind: 'money' },
      { name: 'startDate', label: t('customers.sections.services.startDate'), kind: 'date' },
      {
        name: 'status',
        label: t('customers.sections.services.status'),
        kind: 'select',
        required: true,
        options: opts(SERVICE_STATUSES, (v) => t(`customers.serviceStatus.${v}`)),
      },
      { name: 'address', label: t('customers.fields.address'), kind: 'text', wide: true, maxLength: 200 },
    ],
    columns: [
      { accessor: 'product', title: t('customers.sections.services.product') },
      { accessor: 'serviceNo', title: t('customers.sections.services.serviceNo') },
      {
        accessor: 'bandwidth',
        title: t('customers.sections.services.bandwidth'),
        render: (s) => dash(s.bandwidth),
      },
      {
        accessor: 'address',
        title: t('customers.fields.address'),
        ellipsis: true,
        render: (s) => dash(s.address),
      },
      {
        accessor: 'startDate',
        title: t('customers.sections.services.startDate'),
        render: (s) => dash(s.startDate),
      },
      {
        accessor: 'monthlyFeeFen',
        title: t('customers.sections.services.monthlyFee'),
        textAlign: 'right',
        render: (s) => <Money fen={s.monthlyFeeFen} />,
      },
      {
        accessor: 'status',
        title: t('customers.sections.services.status'),
        render: (s) => (
          <Badge variant="light" radius="sm" color={SERVICE_COLOR[s.status]}>
            {t(`customers.serviceStatus.${s.status}`)}
          </Badge>
        ),
      },
    ],
  };

  const summary = data.billSummary;
  const bills: SectionDef<Bill> = {
    key: 'bills',
    title: t('customers.sections.bills.title'),
    addLabel: t('customers.sections.bills.add'),
    empty: t('customers.sections.bills.empty'),
    summary: summary && (
      <Group gap="lg">
        <Text size="sm">
          {t('customers.sections.bills.billed')}: <Money fen={summary.billedFen} fw={600} />
        </Text>
        <Text size="sm">
          {t('customers.sections.bills.paid')}: <Money fen={summary.paidFen} fw={600} />
        </Text>
        <Text size="sm">
          {t('customers.fields.arrears')}: <Money fen={summary.arrearsFen} danger fw={600} />
        </Text>
        <Text size="sm">
          {t('customers.sections.bills.onTimeRatio')}: <b>{formatRatio(summary.onTimeRatio)}</b>
        </Text>
      </Group>
    ),
    fields: [
      { name: 'period', label: t('customers.sections.bills.period'), kind: 'period', required: true },
      { name: 'billedFen', label: t('customers.sections.bills.billed'), kind: 'money', required: true },
      { name: 'paidFen', label: t('customers.sections.bills.paid'), kind: 'money' },
      { name: 'paidDate', label: t('customers.sections.bills.paidDate'), kind: 'date' },
      { name: 'dueDate', label: t('customers.sections.bills.dueDate'), kind: 'date' },
    ],
    columns: [
      { accessor: 'period', title: t('customers.sections.bills.period') },
      {
        accessor: 'billedFen',
        title: t('customers.sections.bills.billed'),
        textAlign: 'right',
        render: (b) => <Money fen={b.billedFen} />,
      },
      {
        accessor: 'paidFen',
        title: t('customers.sections.bills.paid'),
        textAlign: 'right',
        render: (b) => <Money fen={b.paidFen} />,
      },
      {
        accessor: 'arrearsFen',
        title: t('customers.fields.arrears'),
        textAlign: 'right',
        render: (b) => <Money fen={b.arrearsFen} danger />,
      },
      { accessor: 'dueDate', title: t('customers.sections.bills.dueDate') },
      {
        accessor: 'paidDate',
        title: t('customers.sections.bills.paidDate'),
        render: (b) => dash(b.paidDate),
      },
      {
        accessor: 'onTime',
        title: t('customers.sections.bills.onTime'),
        render: (b) =>
          b.onTime === null ? (
            <Badge variant="light" color="gray" radius="sm">
              {t('customers.sections.bills.open')}
            </Badge>
          ) : (
            <Badge variant="light" color={b.onTime ? 'green' : 'red'} radius="sm">
              {b.onTime ? t('customers.sections.bills.onTimeYes') : t('customers.sections.bills.onTimeNo')}
            </Badge>
          ),
      },
    ],
  };

  const credit: SectionDef<CreditRecord> = {
    key: 'credit',
    title: t('customers.sections.credit.title'),
    addLabel: t('customers.sections.credit.add'),
    empty: t('customers.sections.credit.empty'),
    fields: [
      {
        name: 'rating',
        label: t('customers.sections.credit.rating'),
        kind: 'select',
        required: true,
        options: opts(CREDIT_RATINGS, (v) => v),
      },
      { name: 'limitFen', label: t('customers.sections.credit.limit'), kind: 'money' },
      { name: 'at', label: t('customers.sections.credit.at'), kind: 'date', required: true },
      {
        name: 'note',
        label: t('customers.sections.credit.note'),
        kind: 'textarea',
        wide: true,
        maxLength: 500,
      },
    ],
    columns: [
      { accessor: 'at', title: t('customers.sections.credit.at') },
      {
        accessor: 'rating',
        title: t('customers.sections.credit.rating'),
        render: (c) => (
          <Badge variant="light" color={RATING_COLOR[c.rating]} radius="sm">
            {c.rating}
          </Badge>
        ),
      },
      {
        accessor: 'limitFen',
        title: t('customers.sections.credit.limit'),
        textAlign: 'right',
        render: (c) => <Money fen={c.limitFen} />,
      },
      { accessor: 'note', title: t('customers.sections.credit.note'), render: (c) => dash(c.note) },
    ],
  };

  const projects: SectionDef<Project> = {
    key: 'projects',
    title: t('customers.sections.projects.title'),
    addLabel: t('customers.sections.projects.add'),
    empty: t('customers.sections.projects.empty'),
    fields: [
      {
        name: 'name',
        label: t('customers.sections.projects.name'),
        kind: 'text',
        required: true,
        maxLength: 100,
      },
      {
        name: 'status',
        label: t('customers.sections.projects.status'),
        kind: 'select',
        required: true,
        options: opts(PROJECT_STATUSES, (v) => t(`customers.projectStatus.${v}`)),
      },
      { name: 'amountFen', label: t('customers.sections.projects.amount'), kind: 'money' },
      { name: 'manager', label: t('customers.sections.projects.manager'), kind: 'text', maxLength: 50 },
      { name: 'startDate', label: t('customers.sections.projects.startDate'), kind: 'date' },
      { name: 'endDate', label: t('customers.sections.projects.endDate'), kind: 'date' },
      { name: 'notes', label: t('customers.fields.notes'), kind: 'textarea', wide: true, maxLength: 1000 },
    ],
    columns: [
      { accessor: 'name', title: t('customers.sections.projects.name') },
      {
        accessor: 'status',
        title: t('customers.sections.projects.status'),
        render: (p) => (
          <Badge variant="light" color={PROJECT_COLOR[p.status]} radius="sm">
            {t(`customers.projectStatus.${p.status}`)}
          </Badge>
        ),
      },
      {
        accessor: 'amountFen',
        title: t('customers.sections.projects.amount'),
        textAlign: 'right',
        render: (p) => <Money fen={p.amountFen} />,
      },
      {
        accessor: 'manager',
        title: t('customers.sections.projects.manager'),
        render: (p) => dash(p.manager),
      },
      {
        accessor: 'startDate',
        title: t('customers.sections.projects.startDate'),
        render: (p) => dash(p.startDate),
      },
      {
        accessor: 'endDate',
        title: t('customers.sections.projects.endDate'),
        render: (p) => dash(p.endDate),
      },
    ],
  };

  const serviceLabel = new Map(data.services.map((s) => [s.id, `${s.product} · ${s.serviceNo}`]));
  const resources: SectionDef<Resource> = {
    key: 'resources',
    title: t('customers.sections.resources.title'),
    addLabel: t('customers.sections.resources.add'),
    empty: t('customers.sections.resources.empty'),
    fields: [
      {
        name: 'kind',
        label: t('customers.sections.resources.kind'),
        kind: 'select',
        required: true,
        options: opts(RESOURCE_KINDS, (v) => t(`customers.resourceKind.${v}`)),
      },
      {
        name: 'identifier',
        label: t('customers.sections.resources.identifier'),
        kind: 'text',
        required: true,
        maxLength: 100,
      },
      {
        name: 'serviceId',
        label: t('customers.sections.resources.service'),
        kind: 'select',
        options: data.services.map((s) => ({ value: s.id, label: `${s.product} · ${s.serviceNo}` })),
      },
      {
        name: 'detail',
        label: t('customers.sections.resources.detail'),
        kind: 'textarea',
        wide: true,
        maxLength: 500,
      },
    ],
    columns: [
      {
        accessor: 'kind',
        title: t('customers.sections.resources.kind'),
        render: (r) => t(`customers.resourceKind.${r.kind}`),
      },
      { accessor: 'identifier', title: t('customers.sections.resources.identifier') },
      {
        accessor: 'serviceId',
        title: t('customers.sections.resources.service'),
        render: (r) => (r.serviceId ? (serviceLabel.get(r.serviceId) ?? '—') : '—'),
      },
      { accessor: 'detail', title: t('customers.sections.resources.detail'), render: (r) => dash(r.detail) },
    ],
  };

  return { contacts, services, bills, credit, projects, resources };
}
