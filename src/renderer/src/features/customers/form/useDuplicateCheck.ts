import { useDebouncedValue } from '@mantine/hooks';
import { useQuery } from '@tanstack/react-query';
import { isValidCreditCode } from '../../../../../shared/credit-code';
import { call } from '../../../api/client';

/** Normalises what people type into a credit code: spaces out, upper case (as the server does). */
export function normaliseCreditCode(value: string): string {
  return value.replace(/\s+/g, '').toUpperCase();
}

/** The client-side check of a 统一社会信用代码: null when fine (or empty), else an i18n key. */
export function creditCodeProblem(
  value: string,
): 'customers.form.creditCodeLength' | 'customers.form.creditCodeCheck' | null {
  const code = normaliseCreditCode(value);
  if (!code) return null;
  if (code.length !== 18) return 'customers.form.creditCodeLength';
  return isValidCreditCode(code) ? null : 'customers.form.creditCodeCheck';
}

/**
 * Asks the server, while the user types, whether this name or credit code is already a customer.
 * Only a well-formed credit code is sent (a half-typed one would fail validation); the name is
 * checked as soon as it has two characters.
 */
export function useDuplicateCheck(
  name: string,
  creditCode: string,
  excludeId: string | undefined,
  enabled: boolean,
) {
  const [debouncedName] = useDebouncedValue(name.trim(), 350);
  const [debouncedCode] = useDebouncedValue(normaliseCreditCode(creditCode), 350);
  const code = debouncedCode && !creditCodeProblem(debouncedCode) ? debouncedCode : '';
  const checkName = debouncedName.length >= 2 ? debouncedName : '';
  return useQuery({
    queryKey: ['customers.checkDuplicate', checkName, code, excludeId],
    queryFn: () => call('customers.checkDuplicate', { name: checkName, creditCode: code, excludeId }),
    enabled: enabled && (!!checkName || !!code),
    staleTime: 0,
  });
}
