import { Select } from '@mantine/core';
import { useTicketConfig } from './hooks';
import { useTicketsT } from './i18n';

/** Department + assignee pickers; the assignee list follows the department. */
export function AssignFields({
  dept,
  assigneeId,
  onChange,
  autoFocus,
  optional,
}: {
  dept: string | null;
  assigneeId: string | null;
  onChange: (dept: string | null, assigneeId: string | null) => void;
  autoFocus?: boolean;
  /** At intake dispatching is optional, so the department is not marked required. */
  optional?: boolean;
}) {
  const t = useTicketsT();
  const config = useTicketConfig();
  const people = (config.data?.assignees ?? []).filter((a) => !dept || a.department === dept);
  return (
    <>
      <Select
        label={t('form.dept')}
        data={config.data?.departments ?? []}
        value={dept}
        onChange={(v) => onChange(v, null)}
        searchable
        clearable={optional}
        required={!optional}
        data-autofocus={autoFocus || undefined}
        comboboxProps={{ withinPortal: true }}
      />
      <Select
        label={t('form.assignee')}
        placeholder={t('form.assigneeNone')}
        data={people.map((p) => ({ value: p.id, label: `${p.displayName}（${p.department || '—'}）` }))}
        value={assigneeId}
        onChange={(v) => onChange(dept, v)}
        searchable
        clearable
        comboboxProps={{ withinPortal: true }}
      />
    </>
  );
}
