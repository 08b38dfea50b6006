// Where the keys go on the call screen: whatever is being asked now (the question's answer box or
// field, the on-file list, a read-back or drop prompt, or the finish form) marks itself with
// data-question-focus. After the rep's name, the reference number or a cancelled prompt, focus returns here.
export function focusQuestion(): void {
  document.querySelector<HTMLElement>('[data-question-focus]')?.focus();
}
