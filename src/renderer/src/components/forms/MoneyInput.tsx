import { TextInput, type TextInputProps } from '@mantine/core';
import { fenToYuanText, parseMoney } from './money';

/**
 * The one amount input of the app: yuan with up to two decimals, typed as text (¥ and thousands
 * separators allowed, full-width digits read as digits). Nothing is clamped or dropped while typing —
 * a negative or malformed amount stays visible and the form refuses it with a message (parseMoney);
 * on leaving the field a valid amount is shown as 12,500.50. Negatives only with `allowNegative`.
 */
export function MoneyInput({
  allowNegative = false,
  value = '',
  onChange,
  onBlur,
  ...props
}: Omit<TextInputProps, 'value' | 'onChange'> & {
  allowNegative?: boolean;
  value?: string;
  onChange: (value: string) => void;
}) {
  return (
    <TextInput
      inputMode="decimal"
      autoComplete="off"
      leftSection="¥"
      maxLength={24}
      styles={{ input: { textAlign: 'right', fontVariantNumeric: 'tabular-nums' } }}
      {...props}
      value={value}
      onChange={(e) => onChange(e.currentTarget.value)}
      onBlur={(e) => {
        const parsed = parseMoney(value, { allowNegative });
        if (!parsed.problem && parsed.fen !== null) {
          const shown = fenToYuanText(parsed.fen);
          if (shown !== value) onChange(shown);
        }
        onBlur?.(e);
      }}
    />
  );
}
