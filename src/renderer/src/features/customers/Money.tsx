import { Text } from '@mantine/core';
import { formatFen } from './format';

/** An amount in fen as ¥12,500.00 with tabular digits so columns line up; red when it is a debt. */
export function Money({
  fen,
  danger = false,
  fw,
}: {
  fen: number | null | undefined;
  danger?: boolean;
  fw?: number;
}) {
  return (
    <Text
      span
      size="sm"
      fw={fw}
      c={danger && fen ? 'red.7' : fen === null ? 'dimmed' : undefined}
      style={{ fontVariantNumeric: 'tabular-nums', whiteSpace: 'nowrap' }}
    >
      {formatFen(fen)}
    </Text>
  );
}
