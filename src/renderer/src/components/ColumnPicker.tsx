import { ActionIcon, Button, Checkbox, Popover, Stack, Tooltip } from '@mantine/core';
import { IconColumns } from '@tabler/icons-react';
import { useDataTableColumns, type DataTableColumn, type DataTableProps } from 'mantine-datatable';
import { useTranslation } from 'react-i18next';

/** A list column with the two choices that decide whether the list fits the screen. */
export type ListColumn<T> = DataTableColumn<T> & {
  /** Shown by default only when the window is at least this wide (px); the user can still pick it. */
  showFrom?: number;
  /** The column that names the row: always shown, not offered in the picker. */
  always?: boolean;
  /** Truncate the cell with an ellipsis and show the whole text as its tooltip. */
  tooltip?: (record: T) => string | null | undefined;
};

/**
 * Fixed table layout: the widths given are the widths used and untitled-width columns share the rest, so a
 * long name is cut with an ellipsis instead of pushing the table past the screen (1366 px office PCs).
 */
export const FIT_TABLE_STYLES: DataTableProps<unknown>['styles'] = { table: { tableLayout: 'fixed' } };

/**
 * A list's columns as the user picked them, remembered per table in localStorage by mantine-datatable's own
 * column store; returns the columns to render and the picker button for the page header.
 */
export function useListColumns<T>(table: string, columns: ListColumn<T>[]) {
  const { t } = useTranslation();
  const width = window.innerWidth;
  const { effectiveColumns, columnsToggle, setColumnsToggle, resetColumnsToggle } = useDataTableColumns<T>({
    key: `kam.columns.${table}`,
    // A desktop app has no server render: read the saved choice at once, so the table never jumps.
    getInitialValueInEffect: false,
    columns: columns.map(
      ({ showFrom, always: _always, tooltip, ...column }) =>
        ({
          ...column,
          defaultToggle: showFrom === undefined || width >= showFrom,
          ...(tooltip && {
            ellipsis: true,
            noWrap: undefined,
            customCellAttributes: (record: T) => ({ title: tooltip(record) ?? undefined }),
          }),
        }) as DataTableColumn<T>,
    ),
  });
  const choices = columns
    .filter((c) => !c.always && !c.hidden)
    .map((c) => ({
      accessor: String(c.accessor),
      title: typeof c.title === 'string' ? c.title : String(c.accessor),
      shown: columnsToggle.find((s) => s.accessor === c.accessor)?.toggled ?? true,
    }));
  const toggle = (accessor: string, shown: boolean) =>
    setColumnsToggle(columnsToggle.map((s) => (s.accessor === accessor ? { ...s, toggled: shown } : s)));

  const picker = (
    <Popover position="bottom-end" shadow="md" withinPortal>
      <Popover.Target>
        {/* An icon with a tooltip: page headers are already full of actions at 1366 px. */}
        <Tooltip label={t('common.columns')} withinPortal>
          <ActionIcon variant="default" size={30} aria-label={t('common.columns')}>
            <IconColumns size={16} />
          </ActionIcon>
        </Tooltip>
      </Popover.Target>
      <Popover.Dropdown>
        <Stack gap={6}>
          {choices.map((c) => (
            <Checkbox
              key={c.accessor}
              size="xs"
              label={c.title}
              checked={c.shown}
              onChange={(e) => toggle(c.accessor, e.currentTarget.checked)}
            />
          ))}
          <Button size="compact-xs" variant="subtle" onClick={resetColumnsToggle}>
            {t('common.columnsReset')}
          </Button>
        </Stack>
      </Popover.Dropdown>
    </Popover>
  );
  // The hook also remembers widths (for resizing, which the lists do not offer); the widths given here win.
  // The table keeps the widths it was mounted with, so `tableKey` changes with them (e.g. with the language)
  // and the page remounts the table. The table must not see defaultToggle: it would hide a picked column again.
  const widthOf = new Map(columns.map((c) => [String(c.accessor), c.width]));
  return {
    columns: effectiveColumns.map((c) => ({ ...c, width: widthOf.get(String(c.accessor)), defaultToggle: undefined })),
    tableKey: columns.map((c) => c.width ?? '').join('|'),
    picker,
  };
}
