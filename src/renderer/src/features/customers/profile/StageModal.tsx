import { useEffect, useState } from 'react';
import { Button, Group, Modal, Select, Stack, Textarea } from '@mantine/core';
import { useMutation } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { CUSTOMER_STAGES, type CustomerStage } from '../../../../../shared/contract/customer-common';
import type { Customer } from '../../../../../shared/contract/customers';
import { call, errorMessage } from '../../../api/client';
import { notifySuccess } from '../../../components/notify';
import { useInvalidateCustomers } from '../hooks';

/** Moves the customer along the pipeline; the note goes into the stage history. */
export function StageModal({
  customer,
  opened,
  onClose,
}: {
  customer: Customer;
  opened: boolean;
  onClose: () => void;
}) {
  const { t } = useTranslation();
  const invalidate = useInvalidateCustomers();
  const [stage, setStage] = useState<CustomerStage>(customer.stage);
  const [note, setNote] = useState('');
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    if (!opened) return;
    setStage(customer.stage);
    setNote('');
    setError(null);
  }, [opened, customer.stage]);
  const run = useMutation({
    mutationFn: () => call('customers.setStage', { id: customer.id, stage, note: note.trim() }),
    onSuccess: (c) => {
      notifySuccess(t('customers.stageChange.done', { stage: t(`customers.stage.${c.stage}`) }));
      void invalidate();
      onClose();
    },
    onError: (e) => setError(errorMessage(e)),
  });
  return (
    <Modal opened={opened} onClose={onClose} title={t('customers.stageChange.title')} size="sm">
      <form
        onSubmit={(e) => {
          e.preventDefault();
          run.mutate();
        }}
      >
        <Stack gap="sm">
          <Select
            label={t('customers.fields.stage')}
            data-autofocus
            allowDeselect={false}
            data={CUSTOMER_STAGES.map((s) => ({ value: s, label: t(`customers.stage.${s}`) }))}
            value={stage}
            onChange={(v) => v && setStage(v as CustomerStage)}
            error={error}
          />
          <Textarea
            label={t('customers.stageChange.note')}
            autosize
            minRows={2}
            value={note}
            onChange={(e) => setNote(e.currentTarget.value)}
          />
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose}>
              {t('common.cancel')}
            </Button>
            <Button type="submit" loading={run.isPending} disabled={stage === customer.stage}>
              {t('common.save')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
