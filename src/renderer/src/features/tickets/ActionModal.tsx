import { useEffect, useState } from 'react';
import { Button, Checkbox, Group, SegmentedControl, Select, Stack, TextInput } from '@mantine/core';
import { useHotkeys } from '@mantine/hooks';
import { PRIORITIES, REPLY_METHODS, type TicketAction } from '../../../../shared/contract/ticket-common';
import type { TicketDetail } from '../../../../shared/contract/tickets';
import { call } from '../../api/client';
import { notifyError, notifySuccess } from '../../components/notify';
import { GuardedModal } from '../../components/forms/GuardedModal';
import { LimitedTextarea } from '../../components/forms/LimitedTextarea';
import { useSubmitOnce } from '../../components/forms/useSubmitOnce';
import { AssignFields } from './AssignFields';
import { useTicketConfig } from './hooks';
import { useTicketsT, type TicketsKey } from './i18n';

/** What the ticket page can open a form for: a flow action, a note or a priority change. */
export type TicketFormKind = TicketAction | 'note' | 'priority';

/** Actions that need nothing typed: the ticket page runs them at once. */
export const IMMEDIATE: readonly TicketFormKind[] = ['start', 'resume', 'archive'];

/**
 * The form of one action with exactly the facts it needs (派单: department and person; 解决: result and
 * 责任判定; 答复: how and what; 回访: satisfaction; 返工/取消/待客户: a reason). Ctrl+Enter submits.
 */
export function ActionModal({ ticket, kind, onClose, onDone }: { ticket: TicketDetail; kind: TicketFormKind | null; onClose: () => void; onDone: (t: TicketDetail) => void }) {
  const t = useTicketsT();
  const config = useTicketConfig();
  const [note, setNote] = useState('');
  const [dept, setDept] = useState<string | null>(ticket.assigneeDept);
  const [assigneeId, setAssigneeId] = useState<string | null>(ticket.assigneeId);
  const [resolution, setResolution] = useState('');
  const [responsibleDept, setResponsibleDept] = useState<string | null>(ticket.assigneeDept);
  const [cause, setCause] = useState('');
  const [ourFault, setOurFault] = useState(false);
  const [method, setMethod] = useState<string>('phone');
  const [content, setContent] = useState('');
  const [score, setScore] = useState('5');
  const [comment, setComment] = useState('');
  const [priority, setPriority] = useState<string>(ticket.priority);
  // Each time a form opens it starts from the ticket as it is now (assigned department, last finding).
  useEffect(() => {
    if (!kind) return;
    setNote('');
    setDept(ticket.assigneeDept);
    setAssigneeId(ticket.assigneeId);
    setResponsibleDept(ticket.responsibleDept ?? ticket.assigneeDept);
    setResolution(ticket.resolution);
    setCause(ticket.cause);
    setOurFault(ticket.ourFault ?? false);
    setContent('');
    setScore('5');
    setComment('');
    setPriority(ticket.priority);
    submit.renewKey();
    // Only opening a form resets it; later ticket refreshes must not wipe what is being typed.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [kind]);

  const submit = useSubmitOnce({
    mutationFn: async (_: void, idempotencyKey): Promise<TicketDetail> => {
      const id = ticket.id;
      switch (kind) {
        case 'note':
          return call('tickets.addNote', { id, note }, { idempotencyKey });
        case 'priority':
          return call('tickets.setPriority', { id, priority: priority as TicketDetail['priority'], reason: note });
        case 'assign':
          return call('tickets.transition', { id, action: 'assign', dept: dept ?? '', assigneeId, note });
        case 'resolve':
          return call('tickets.transition', { id, action: 'resolve', resolution, responsibleDept: responsibleDept ?? '', cause, ourFault, note });
        case 'reply':
          return call('tickets.transition', { id, action: 'reply', method: method as (typeof REPLY_METHODS)[number], content, note });
        case 'visit':
          return call('tickets.transition', { id, action: 'visit', satisfaction: Number(score), comment, note });
        case null:
          throw new Error('no action');
        default:
          return call('tickets.transition', { id, action: kind, note });
      }
    },
    onSuccess: (next) => {
      notifySuccess(t('action.done', { action: t(`action.${kind}` as TicketsKey), number: ticket.number }));
      onDone(next);
    },
    onError: (e) => notifyError(e),
  });
  useHotkeys([['mod+Enter', () => kind && submit.submit()]], []);
  // What the form started from; anything else is typed work that closing would lose.
  const dirty =
    !!kind &&
    (note.trim() !== '' ||
      content.trim() !== '' ||
      comment.trim() !== '' ||
      resolution !== ticket.resolution ||
      cause !== ticket.cause ||
      (kind === 'assign' && (dept !== ticket.assigneeDept || assigneeId !== ticket.assigneeId)) ||
      (kind === 'priority' && priority !== ticket.priority));

  const noteLabel: TicketsKey = kind === 'wait' ? 'form.noteWait' : kind === 'rework' ? 'form.noteRework' : kind === 'cancel' ? 'form.noteCancel' : kind === 'priority' ? 'form.reason' : 'form.note';
  const noteRequired = kind === 'wait' || kind === 'rework' || kind === 'cancel' || kind === 'note' || kind === 'priority';
  return (
    <GuardedModal opened={!!kind} dirty={dirty} onClose={onClose} title={kind ? `${t(`action.${kind}` as TicketsKey)} · ${ticket.number}` : ''} size="lg">
      <form
        onSubmit={(e) => {
          e.preventDefault();
          submit.submit();
        }}
      >
        <Stack gap="sm">
          {kind === 'assign' && <AssignFields dept={dept} assigneeId={assigneeId} onChange={(d, a) => { setDept(d); setAssigneeId(a); }} autoFocus />}
          {kind === 'resolve' && (
            <>
              <LimitedTextarea label={t('form.resolution')} required maxLength={2000} value={resolution} onChange={(e) => setResolution(e.currentTarget.value)} data-autofocus />
              <Group grow>
                <Select label={t('form.responsibleDept')} required data={config.data?.departments ?? []} value={responsibleDept} onChange={setResponsibleDept} searchable comboboxProps={{ withinPortal: true }} />
                <TextInput label={t('form.cause')} required maxLength={500} value={cause} onChange={(e) => setCause(e.currentTarget.value)} />
              </Group>
              <Checkbox label={t('form.ourFault')} checked={ourFault} onChange={(e) => setOurFault(e.currentTarget.checked)} />
            </>
          )}
          {kind === 'reply' && (
            <>
              <SegmentedControl value={method} onChange={setMethod} data={REPLY_METHODS.map((m) => ({ value: m, label: t(`replyMethod.${m}` as TicketsKey) }))} aria-label={t('form.replyMethod')} />
              <LimitedTextarea label={t('form.replyContent')} required maxLength={2000} value={content} onChange={(e) => setContent(e.currentTarget.value)} data-autofocus />
            </>
          )}
          {kind === 'visit' && (
            <>
              <SegmentedControl value={score} onChange={setScore} data={['1', '2', '3', '4', '5']} aria-label={t('form.satisfaction')} />
              <TextInput label={t('form.comment')} maxLength={1000} value={comment} onChange={(e) => setComment(e.currentTarget.value)} data-autofocus />
            </>
          )}
          {kind === 'priority' && (
            <SegmentedControl value={priority} onChange={setPriority} data={[...PRIORITIES]} aria-label={t('form.priority')} />
          )}
          {kind !== 'visit' && kind !== 'reply' && kind !== 'resolve' && (
            <LimitedTextarea label={t(noteLabel)} required={noteRequired} maxLength={kind === 'note' ? 2000 : kind === 'priority' ? 500 : 1000} value={note} onChange={(e) => setNote(e.currentTarget.value)} data-autofocus={kind !== 'assign' || undefined} />
          )}
          <Group justify="flex-end">
            <Button type="submit" color={kind === 'cancel' ? 'red' : undefined} loading={submit.isPending}>
              {t('form.submit')}
            </Button>
          </Group>
        </Stack>
      </form>
    </GuardedModal>
  );
}
