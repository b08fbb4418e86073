import { createContext, useContext, useState } from 'react';
import { Button, Modal, type ButtonProps, type ModalProps } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { DiscardChangesModal } from './DiscardChangesModal';
import { useDirtyGuard } from './unsaved';

const RequestClose = createContext<(() => void) | null>(null);

/**
 * A form dialog that never loses typed work: with changes (`dirty`), Esc, a click outside, the close
 * button and Cancel ask "Discard unsaved changes?" first; without changes they close at once. While
 * open and dirty, leaving the page asks too (useDirtyGuard).
 */
export function GuardedModal({ dirty, onClose, children, ...props }: ModalProps & { dirty: boolean }) {
  const { t } = useTranslation();
  const [asking, setAsking] = useState(false);
  useDirtyGuard(props.opened && dirty);
  const requestClose = () => {
    if (!dirty) onClose();
    // Asked after the Esc that triggered it has finished: the question's own Esc handler must not see it.
    else window.setTimeout(() => setAsking(true), 0);
  };
  return (
    <>
      <Modal closeButtonProps={{ 'aria-label': t('common.close') }} {...props} onClose={requestClose}>
        <RequestClose.Provider value={requestClose}>{children}</RequestClose.Provider>
      </Modal>
      <DiscardChangesModal
        opened={props.opened && asking}
        onKeep={() => setAsking(false)}
        onDiscard={() => {
          setAsking(false);
          onClose();
        }}
      />
    </>
  );
}

/** The Cancel button of a GuardedModal's form: asks like Esc does when there are changes. */
export function CancelButton(props: ButtonProps) {
  const { t } = useTranslation();
  const requestClose = useContext(RequestClose);
  return (
    <Button variant="default" {...props} onClick={() => requestClose?.()}>
      {t('common.cancel')}
    </Button>
  );
}
