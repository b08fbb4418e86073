import { Link, useParams, useSearchParams } from 'react-router-dom';
import { Alert, Anchor, Badge, Button, Center, Loader, Stack, Tabs } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { IconAlertTriangle, IconArrowLeft, IconLock } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { ApiError, call, errorMessage } from '../../../api/client';
import { useHasRole } from '../../../app/auth/useSession';
import { useCustomer360 } from '../hooks';
import { CustomerHeader } from './CustomerHeader';
import { CustomerTimeline } from './CustomerTimeline';
import { EvaluationHistory, OwnershipHistory } from './HistoryTabs';
import { OverviewTab } from './OverviewTab';
import { SectionTable } from './SectionTable';
import { useSectionDefs } from './useSectionDefs';

/** Open warnings of this customer, in the caller's scope. */
function useCustomerWarnings(customerId: string, enabled: boolean) {
  return useQuery({
    queryKey: ['customers.warnings.list', 'customer', customerId],
    queryFn: () => call('customers.warnings.list', { customerId, pageSize: 50 }),
    select: (page) => page.rows,
    enabled,
  });
}

function CountLabel({ label, count }: { label: string; count: number }) {
  return (
    <>
      {label}
      {count > 0 && (
        <Badge size="xs" variant="light" color="gray" ml={6} radius="sm">
          {count}
        </Badge>
      )}
    </>
  );
}

/**
 * The customer 360 page: header, then one tab per section the caller may see. Sections outside the
 * caller's scope (bills and credit for the service desk) come back null and are simply absent.
 */
export function Customer360Page() {
  const { t } = useTranslation();
  const { id = '' } = useParams();
  const [params, setParams] = useSearchParams();
  const tab = params.get('tab') ?? 'overview';
  const setTab = (v: string | null) => setParams(v && v !== 'overview' ? { tab: v } : {}, { replace: true });
  const query = useCustomer360(id);
  const seesWarnings = useHasRole(['admin', 'leader', 'account_manager', 'staff']);
  const warnings = useCustomerWarnings(id, seesWarnings && query.isSuccess);

  if (query.isPending)
    return (
      <Center h={300}>
        <Loader />
      </Center>
    );
  if (query.isError) {
    const notFound =
      query.error instanceof ApiError &&
      (query.error.code === 'NOT_FOUND' || query.error.code === 'FORBIDDEN');
    return (
      <Stack maw={640}>
        <Alert
          color={notFound ? 'gray' : 'red'}
          icon={<IconLock size={18} />}
          title={notFound ? t('customers.profile.notFoundTitle') : undefined}
        >
          {notFound ? t('customers.profile.notFoundBody') : errorMessage(query.error)}
        </Alert>
        <Button
          component={Link}
          to="/customers"
          variant="default"
          leftSection={<IconArrowLeft size={16} />}
          w="fit-content"
        >
          {t('customers.profile.backToList')}
        </Button>
      </Stack>
    );
  }
  return <Customer360View data={query.data} tab={tab} setTab={setTab} warnings={warnings.data ?? []} />;
}

function Customer360View({
  data,
  tab,
  setTab,
  warnings,
}: {
  data: NonNullable<ReturnType<typeof useCustomer360>['data']>;
  tab: string;
  setTab: (v: string | null) => void;
  warnings: { id: string; message: string; kind: string }[];
}) {
  const { t } = useTranslation();
  const defs = useSectionDefs(data);
  const id = data.customer.id;
  const canEdit = data.can.edit;
  return (
    <Stack gap={0}>
      <Anchor component={Link} to="/customers" size="xs" mb={4}>
        ‹ {t('customers.profile.backToList')}
      </Anchor>
      <CustomerHeader data={data} />
      {warnings.map((w) => (
        <Alert
          key={w.id}
          color={w.kind === 'arrears' ? 'red' : 'orange'}
          icon={<IconAlertTriangle size={16} />}
          py={6}
          mb="xs"
        >
          {w.message}
        </Alert>
      ))}
      <Tabs value={tab} onChange={setTab} keepMounted={false}>
        <Tabs.List mb="sm">
          <Tabs.Tab value="overview">{t('customers.profile.overview')}</Tabs.Tab>
          <Tabs.Tab value="contacts">
            <CountLabel label={defs.contacts.title} count={data.contacts.length} />
          </Tabs.Tab>
          <Tabs.Tab value="services">
            <CountLabel label={defs.services.title} count={data.services.length} />
          </Tabs.Tab>
          {data.bills && (
            <Tabs.Tab value="bills">
              <CountLabel label={defs.bills.title} count={data.bills.length} />
            </Tabs.Tab>
          )}
          {data.credit && <Tabs.Tab value="credit">{defs.credit.title}</Tabs.Tab>}
          <Tabs.Tab value="projects">
            <CountLabel label={defs.projects.title} count={data.projects.length} />
          </Tabs.Tab>
          <Tabs.Tab value="resources">
            <CountLabel label={defs.resources.title} count={data.resources.length} />
          </Tabs.Tab>
          {data.evaluations && <Tabs.Tab value="evaluations">{t('customers.profile.evaluations')}</Tabs.Tab>}
          <Tabs.Tab value="timeline">{t('customers.profile.timeline')}</Tabs.Tab>
          <Tabs.Tab value="ownership">{t('customers.profile.ownership')}</Tabs.Tab>
        </Tabs.List>
        <Tabs.Panel value="overview">
          <OverviewTab data={data} onShowTimeline={() => setTab('timeline')} />
        </Tabs.Panel>
        <Tabs.Panel value="contacts">
          <SectionTable def={defs.contacts} rows={data.contacts} customerId={id} canEdit={canEdit} />
        </Tabs.Panel>
        <Tabs.Panel value="services">
          <SectionTable def={defs.services} rows={data.services} customerId={id} canEdit={canEdit} />
        </Tabs.Panel>
        {data.bills && (
          <Tabs.Panel value="bills">
            <SectionTable def={defs.bills} rows={data.bills} customerId={id} canEdit={canEdit} />
          </Tabs.Panel>
        )}
        {data.credit && (
          <Tabs.Panel value="credit">
            <SectionTable def={defs.credit} rows={data.credit} customerId={id} canEdit={canEdit} />
          </Tabs.Panel>
        )}
        <Tabs.Panel value="projects">
          <SectionTable def={defs.projects} rows={data.projects} customerId={id} canEdit={canEdit} />
        </Tabs.Panel>
        <Tabs.Panel value="resources">
          <SectionTable def={defs.resources} rows={data.resources} customerId={id} canEdit={canEdit} />
        </Tabs.Panel>
        {data.evaluations && (
          <Tabs.Panel value="evaluations">
            <EvaluationHistory rows={data.evaluations} />
          </Tabs.Panel>
        )}
        <Tabs.Panel value="timeline">
          <CustomerTimeline events={data.timeline} />
        </Tabs.Panel>
        <Tabs.Panel value="ownership">
          <OwnershipHistory data={data} />
        </Tabs.Panel>
      </Tabs>
    </Stack>
  );
}
