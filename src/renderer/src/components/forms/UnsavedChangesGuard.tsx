import { useEffect } from 'react';
import { useBlocker } from 'react-router-dom';
import { DiscardChangesModal } from './DiscardChangesModal';
import { hasUnsavedChanges } from './unsaved';

/**
 * Asks before typed work is lost by leaving: moving to another page (a link, the menu, browser back)
 * while any form has unsaved changes, and — in browser mode — reloading or closing the tab. Mounted
 * once inside the router. Search-only changes (list filters) and the way to the login page (session
 * ended) never ask.
 */
export function UnsavedChangesGuard() {
  const blocker = useBlocker(
    ({ currentLocation, nextLocation }) =>
      hasUnsavedChanges() &&
      currentLocation.pathname !== nextLocation.pathname &&
      nextLocation.pathname !== '/login',
  );
  useEffect(() => {
    // The desktop window is not guarded this way: Electron would silently refuse to close without a
    // dialog. Its long forms keep drafts, so a closed window loses nothing there either.
    if (window.kam) return;
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
