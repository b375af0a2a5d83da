/**
 * Keeps the address bar and the kernel's route in step: links inside the app and back/forward
 * tell the kernel the new path (`location`); the kernel's own navigation (`navigate`) is pushed
 * onto the browser history. Only paths of this app are handled; everything else is a normal link.
 */
export class Navigation {
  constructor(
    private readonly window: Window,
    private readonly container: HTMLElement,
    private readonly appName: string,
    private readonly tellKernel: (path: string) => void,
  ) {}

  install(): void {
    this.window.addEventListener('popstate', () => this.tellKernel(this.window.location.pathname));
    this.container.addEventListener('click', event => this.followLink(event));
  }

  /** The kernel navigated: show the path in the address bar. */
  navigated(path: string): void {
    if (path !== this.window.location.pathname) {
      this.window.history.pushState({}, '', path);
    }
  }

  private followLink(event: MouseEvent): void {
    if (event.defaultPrevented || event.button !== 0 || event.metaKey || event.ctrlKey || event.shiftKey || event.altKey) {
      return;
    }
    const anchor = (event.target as Element | null)?.closest?.('a[href]');
    if (!(anchor instanceof HTMLAnchorElement) || (anchor.target && anchor.target !== '_self') || anchor.hasAttribute('download')) {
      return;
    }
    const url = new URL(anchor.href, this.window.location.href);
    const prefix = `/${this.appName}`;
    if (url.origin !== this.window.location.origin || !(url.pathname === prefix || url.pathname.startsWith(prefix + '/'))) {
      return;
    }
    event.preventDefault();
    if (url.pathname !== this.window.location.pathname) {
      this.window.history.pushState({}, '', url.pathname + url.search);
      this.tellKernel(url.pathname);
    }
  }
}
