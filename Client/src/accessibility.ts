/**
 * Icon glyphs that @jupyter-widgets/controls puts inside buttons (`<i class="fa ...">`) are
 * decoration: hide them from assistive technology so a button's accessible name is its label.
 */
export function hideDecorativeIcons(root: HTMLElement): void {
  const hide = (scope: ParentNode) => {
    scope.querySelectorAll('i.fa:not([aria-hidden])').forEach(icon => icon.setAttribute('aria-hidden', 'true'));
  };
  hide(root);
  new MutationObserver(() => hide(root)).observe(root, { childList: true, subtree: true });
}
