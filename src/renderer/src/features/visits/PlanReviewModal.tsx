import { useEffect, useState } from 'react';
import { Button, Group, Stack, Text } from '@mantine/core';
import type { VisitPlan } from '../../../../shared/contract/visits';
import { call } from '../../api/client';
import { CancelButton, GuardedModal } from '../../components/forms/GuardedModal';
import { LimitedTextarea } from '../../components/forms/LimitedTextarea';
import { useSubmitOnce } from '../../components/forms/useSubmitOnce';
import { notifyError, notifySuccess } from '../../components/notify';
import { useVisitsT } from './i18n';

/** A leader marks a submitted plan as reviewed, with a note its owner reads on the plan. */
export function PlanReviewModal({ plan, onClose, onDone }: { plan: VisitPlan | null; onClose: () => void; onDone: (p: VisitPlan) => void }) {
  const t = useVisitsT();
  const [note, setNote] = useState('');
  useEffect(() => setNote(''), [plan]);
  const review = useSubmitOnce({
    mutationFn: () => call('visits.plan.review', { planId: plan!.id!, note }),
    onSuccess: (p) => {
      notifySuccess(t('review.done', { name: p.ownerName ?? '' }));
      onDone(p);
      onClose();
    },
    onError: (e) => notifyError(e),
  });
  return (
    <GuardedModal opened={!!plan} onClose={onClose} dirty={note.trim().length > 0} title={t('review.title', { name: plan?.ownerName ?? '', month: plan?.month ?? '' })}>
      <form
        onSubmit={(e) => {
          e.preventDefault();
          review.submit();
        }}
      >
        <Stack gap="xs">
          <Text size="sm" c="dimmed">
            {t('plan.counts', { planned: plan?.counts.planned ?? 0, done: plan?.counts.done ?? 0, dropped: plan?.counts.dropped ?? 0 })}
          </Text>
          <LimitedTextarea label={t('review.note')} data-autofocus maxLength={1000} value={note} onChange={(e) => setNote(e.currentTarget.value)} />
          <Group justify="flex-end">
            <CancelButton />
            <Button type="submit" color="green" loading={review.isPending}>
              {t('review.submit')}
            </Button>
          </Group>
        </Stack>
      </form>
    </GuardedModal>
  );
}
