import { useEffect, useState } from 'react';
import { Alert, Button, Group, Stack, Text } from '@mantine/core';
import { useMutation } from '@tanstack/react-query';
import type { CareRecordRow } from '../../../../shared/contract/care';
import { call, errorMessage, fieldErrors } from '../../api/client';
import { notifySuccess } from '../../components/notify';
import { CancelButton, GuardedModal } from '../../components/forms/GuardedModal';
import { LimitedTextarea } from '../../components/forms/LimitedTextarea';
import { formatFen } from '../customers/format';
import { useInvalidateCare } from './hooks';
import { useCareT } from './i18n';

/** A leader's decision on a courtesy waiting for approval: approve with an optional note, or reject with a reason. */
export function DecideModal({ decision, onClose }: { decision: { row: CareRecordRow; approve: boolean } | null; onClose: () => void }) {
  const t = useCareT();
  const invalidate = useInvalidateCare();
  const [note, setNote] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [formError, setFormError] = useState<string | null>(null);
  useEffect(() => {
    setNote('');
    setError(null);
    setFormError(null);
  }, [decision]);
  const approve = decision?.approve ?? true;
  const decide = useMutation({
    mutationFn: () => call('care.records.decide', { id: decision!.row.id, approve, note }),
    onSuccess: () => {
      notifySuccess(approve ? t('decide.approved') : t('decide.rejected'));
      void invalidate();
      onClose();
    },
    onError: (e) => {
      const fields = fieldErrors(e);
      setError(fields.note ?? null);
      setFormError(fields.note ? null : errorMessage(e));
    },
  });
  const go = () => {
    if (!approve && !note.trim()) {
      setError(t('decide.reasonRequired'));
      return;
    }
    decide.mutate();
  };
  const row = decision?.row;
  return (
    <GuardedModal opened={!!decision} dirty={!!note.trim()} onClose={onClose} title={approve ? t('decide.approveTitle') : t('decide.rejectTitle')} size={480}>
      <form
        noValidate
        onSubmit={(e) => {
          e.preventDefault();
          go();
        }}
      >
        <Stack gap="sm">
          {formError && (
            <Alert color="red" role="alert" py={6}>
              {formError}
            </Alert>
          )}
          {row && (
            <Text size="sm">
              {t('decide.summary', { customer: [row.customerName, row.contactName].filter(Boolean).join(' · '), kind: t(`kind.${row.kind}`), cost: formatFen(row.costFen) })}
              {row.description && (
                <Text span c="dimmed" size="sm">
                  {' '}
                  — {row.description}
                </Text>
              )}
            </Text>
          )}
          <LimitedTextarea
            label={approve ? t('decide.note') : t('decide.reason')}
            required={!approve}
            maxLength={500}
            data-autofocus
            value={note}
            error={error}
            onChange={(e) => setNote(e.currentTarget.value)}
          />
          <Group justify="flex-end">
            <CancelButton />
            <Button type="submit" color={approve ? 'green' : 'red'} loading={decide.isPending}>
              {approve ? t('records.approve') : t('records.reject')}
            </Button>
          </Group>
        </Stack>
      </form>
    </GuardedModal>
  );
}
