import { Badge, Tooltip } from '@mantine/core';
import { IconStarFilled } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import type { CustomerStage, CustomerType, Grade } from '../../../../shared/contract/customer-common';

/**
 * The customer module's badges. One colour per meaning everywhere a grade, stage or flag is shown:
 * grades run from the strongest accent (strategic) to grey (normal); the pipeline goes from grey
 * (new) through amber relationship work (intent, the yellow channel's colour) to green (signed),
 * churn is red.
 */
export const GRADE_COLOR: Record<Grade, string> = {
  strategic: 'grape',
  key: 'indigo',
  vip: 'blue',
  quality: 'teal',
  normal: 'gray',
};

export const STAGE_COLOR: Record<CustomerStage, string> = {
  new: 'gray',
  target: 'cyan',
  potential: 'blue',
  intent: 'yellow',
  signed: 'green',
  churned: 'red',
};

const TYPE_COLOR: Record<CustomerType, string> = {
  gov: 'red',
  group: 'violet',
  enterprise: 'gray',
  strategic: 'grape',
};

export function GradeBadge({ grade }: { grade: Grade | null }) {
  const { t } = useTranslation();
  if (!grade)
    return (
      <Badge variant="outline" color="gray" radius="sm" fw={500}>
        {t('customers.grade.none')}
      </Badge>
    );
  return (
    <Badge variant="light" color={GRADE_COLOR[grade]} radius="sm">
      {t(`customers.grade.${grade}`)}
    </Badge>
  );
}

export function StageBadge({ stage }: { stage: CustomerStage }) {
  const { t } = useTranslation();
  return (
    <Badge variant="dot" color={STAGE_COLOR[stage]} radius="sm" fw={500}>
      {t(`customers.stage.${stage}`)}
    </Badge>
  );
}

export function TypeBadge({ type }: { type: CustomerType }) {
  const { t } = useTranslation();
  return (
    <Badge variant="outline" color={TYPE_COLOR[type]} radius="sm" fw={500}>
      {t(`customers.type.${type}`)}
    </Badge>
  );
}

/** The key-customer flag: a filled amber star badge; nothing for ordinary customers. */
export function KeyBadge({ isKey, reasons }: { isKey: boolean; reasons?: string[] }) {
  const { t } = useTranslation();
  if (!isKey) return null;
  const badge = (
    <Badge variant="filled" color="orange" radius="sm" leftSection={<IconStarFilled size={10} />}>
      {t('customers.keyFlag')}
    </Badge>
  );
  if (!reasons?.length) return badge;
  return (
    <Tooltip
      label={reasons.map((r) => t(`customers.keyReason.${r as 'spend' | 'type' | 'designated'}`)).join(' · ')}
    >
      {badge}
    </Tooltip>
  );
}

/** "公海" for customers without a 第一责任人. */
export function PoolBadge() {
  const { t } = useTranslation();
  return (
    <Badge variant="light" color="yellow" radius="sm">
      {t('customers.pool')}
    </Badge>
  );
}

/** The key flag as a compact star for dense tables (its meaning in the tooltip and for screen readers). */
export function KeyStar({ isKey }: { isKey: boolean }) {
  const { t } = useTranslation();
  if (!isKey) return null;
  return (
    <Tooltip label={t('customers.keyFlag')}>
      <IconStarFilled
        size={15}
        color="var(--mantine-color-orange-6)"
        aria-label={t('customers.keyFlag')}
        role="img"
      />
    </Tooltip>
  );
}
