/** Green channel: every forms.* method. */
export const formsHandlers = {};
