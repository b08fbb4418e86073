import { useEffect } from 'react';
import { useBlocker } from 'react-router-dom';
import { DiscardChangesModal } from './DiscardChangesModal';
import { hasUnsavedChanges } from './unsaved';

/**
 * Asks before typed work is lost by leaving: moving to another page (a link, the menu, browser back)
 * while any form has unsaved changes, and reloading or closing the tab or window. Mounted
 * once inside the router. Search-only changes (list filters) and the way to the login page (session
 * ended) never ask. In the desktop window the main process turns the refused unload into a native
 * question (src/main/shell/unload.ts).
 */
export function UnsavedChangesGuard() {
  const blocker = useBlocker(
    ({ currentLocation, nextLocation }) =>
      hasUnsavedChanges() &&
      currentLocation.pathname !== nextLocation.pathname &&
      nextLocation.pathname !== '/login',
  );
  useEffect(() => {
    const onBeforeUnload = (event: BeforeUnloadEvent) => {
      if (!hasUnsavedChanges()) return;
      event.preventDefault();
      event.returnValue = '';
    };
    window.addEventListener('beforeunload', onBeforeUnload);
    return () => window.removeEventListener('beforeunload', onBeforeUnload);
  }, []);
  return (
    <DiscardChangesModal
      opened={blocker.state === 'blocked'}
      onKeep={() => blocker.reset?.()}
      onDiscard={() => blocker.proceed?.()}
    />
  );
}
