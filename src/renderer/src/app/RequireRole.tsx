import type { ReactNode } from 'react';
import { Alert } from '@mantine/core';
import { IconLock } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import type { Role } from '../../../shared/roles';
import { useHasRole } from './auth/useSession';

/** Shows a page only to the given roles; others get a plain explanation (the server enforces it too). */
export function RequireRole({ roles, children }: { roles: readonly Role[]; children: ReactNode }) {
  const { t } = useTranslation();
  if (!useHasRole(roles)) {
    return (
      <Alert color="gray" icon={<IconLock size={18} />} title={t('errors.noAccessTitle')} maw={640}>
        {t('errors.noAccessBody')}
      </Alert>
    );
  }
  return <>{children}</>;
}
