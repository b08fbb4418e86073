import { Group, Kbd, Modal, Stack, Table, Text } from '@mantine/core';

/** One block of the shortcut help: its title and [keys, what they do]; keys separated by two spaces show as separate keys. */
export interface ShortcutSection {
  title: string;
  keys: [string, string][];
}

/**
 * The keyboard-shortcut help of a module (opened with ?): sections of keys and what they do, already in
 * the reader's language, and a last line saying how to open it again.
 */
export function ShortcutHelp({
  opened,
  onClose,
  title,
  sections,
  footer,
}: {
  opened: boolean;
  onClose: () => void;
  title: string;
  sections: ShortcutSection[];
  footer: string;
}) {
  return (
    <Modal opened={opened} onClose={onClose} title={title} size="lg">
      <Stack gap="md">
        {sections.map((section) => (
          <div key={section.title}>
            <Text fw={600} mb={4}>
              {section.title}
            </Text>
            <Table withRowBorders={false} verticalSpacing={2}>
              <Table.Tbody>
                {section.keys.map(([k, label]) => (
                  <Table.Tr key={label}>
                    <Table.Td w={200}>
                      <Group gap={4}>
                        {k.split('  ').map((part) => (
                          <Kbd key={part}>{part}</Kbd>
                        ))}
                      </Group>
                    </Table.Td>
                    <Table.Td>{label}</Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </div>
        ))}
        <Text size="sm" c="dimmed">
          <Kbd>?</Kbd> {footer}
        </Text>
      </Stack>
    </Modal>
  );
}
