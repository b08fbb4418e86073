import { Badge } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { Role } from '../../../shared/roles';
import { appNow } from '../lib/clock';

const ROLE_COLOR: Record<Role, string> = {
  admin: 'grape',
  leader: 'indigo',
  account_manager: 'blue',
  service_desk: 'cyan',
  staff: 'gray',
};

export function RoleBadge({ role }: { role: Role }) {
  const { t } = useTranslation();
  return (
    <Badge variant="light" color={ROLE_COLOR[role]} radius="sm">
      {t(`roles.${role}`)}
    </Badge>
  );
}

/** Active / deactivated / locked, the same colours wherever a user's state is shown. */
export function UserStateBadge({ active, lockedUntil }: { active: boolean; lockedUntil: string | null }) {
  const { t } = useTranslation();
  if (!active)
    return (
      <Badge variant="light" color="gray" radius="sm">
        {t('users.state.inactive')}
      </Badge>
    );
  if (lockedUntil && Date.parse(lockedUntil) > appNow())
    return (
      <Badge variant="light" color="orange" radius="sm">
        {t('users.state.locked')}
      </Badge>
    );
  return (
    <Badge variant="light" color="green" radius="sm">
      {t('users.state.active')}
    </Badge>
  );
}
