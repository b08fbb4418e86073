import { useEffect, useId } from 'react';

/**
 * Which forms on screen hold unsaved changes. One registry for the whole app, so one navigation
 * blocker and one beforeunload handler (UnsavedChangesGuard) serve every form: React Router allows a
 * single active blocker, and a form need not know how leaving works.
 */
const dirtyForms = new Set<string>();
let justSaved = false;

/** Whether any mounted form has changes that leaving would lose. */
export function hasUnsavedChanges(): boolean {
  return !justSaved && dirtyForms.size > 0;
}

/**
 * The form sends the user on by itself — to the record just saved (useSubmitOnce calls this on
 * success), or to the existing record a duplicate warning links to: a navigation in this same task,
 * before the form re-renders clean or closed, is not leaving unsaved work.
 */
export function allowLeaving(): void {
  justSaved = true;
  window.setTimeout(() => {
    justSaved = false;
  }, 0);
}

/** Marks this form as holding unsaved changes while `dirty` is true: leaving the page then asks first. */
export function useDirtyGuard(dirty: boolean): void {
  const id = useId();
  useEffect(() => {
    if (dirty) dirtyForms.add(id);
    else dirtyForms.delete(id);
  }, [id, dirty]);
  useEffect(() => () => void dirtyForms.delete(id), [id]);
}
