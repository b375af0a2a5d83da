export type OverlayKind = 'disconnected' | 'capacity' | 'restoring' | 'gave-up';

const MESSAGES: Record<OverlayKind, string> = {
  'disconnected': 'Server disconnected',
  'capacity': 'The server is at capacity',
  'restoring': 'Restoring session…',
  'gave-up': 'Could not restore session. Please refresh.',
};

const DETAILS: Record<OverlayKind, string> = {
  'disconnected': 'Trying to reconnect…',
  'capacity': 'Too many sessions are open right now. Retrying automatically…',
  'restoring': 'Your session moved to another server; bringing it back.',
  'gave-up': 'The server no longer has this session.',
};

/**
 * The full-page notice shown over the app while it cannot be used. One element,
 * `#solara-overlay`, whose `data-kind` says which notice is up (tests read it).
 */
export class Overlay {
  private element: HTMLElement | null = null;
  private title: HTMLElement | null = null;
  private detail: HTMLElement | null = null;
  private refresh: HTMLButtonElement | null = null;

  constructor(private readonly doc: Document, private readonly reload: () => void) {}

  show(kind: OverlayKind, detail?: string): void {
    const element = this.ensure();
    element.dataset.kind = kind;
    element.hidden = false;
    this.title!.textContent = MESSAGES[kind];
    this.detail!.textContent = detail ?? DETAILS[kind];
    this.refresh!.hidden = kind !== 'gave-up';
    element.setAttribute('aria-busy', kind === 'gave-up' ? 'false' : 'true');
    if (kind === 'gave-up') {
      this.refresh!.focus();
    }
  }

  hide(): void {
    if (this.element) {
      this.element.hidden = true;
      delete this.element.dataset.kind;
    }
  }

  private ensure(): HTMLElement {
    if (this.element) {
      return this.element;
    }
    const element = this.doc.createElement('div');
    element.id = 'solara-overlay';
    element.className = 'solara-overlay';
    element.setAttribute('role', 'alertdialog');
    element.setAttribute('aria-live', 'assertive');
    const card = this.doc.createElement('div');
    card.className = 'solara-overlay-card';
    const spinner = this.doc.createElement('div');
    spinner.className = 'solara-overlay-spinner';
    spinner.setAttribute('aria-hidden', 'true');
    this.title = this.doc.createElement('p');
    this.title.className = 'solara-overlay-title';
    this.detail = this.doc.createElement('p');
    this.detail.className = 'solara-overlay-detail';
    this.refresh = this.doc.createElement('button');
    this.refresh.type = 'button';
    this.refresh.className = 'solara-overlay-refresh';
    this.refresh.textContent = 'Refresh';
    this.refresh.addEventListener('click', () => this.reload());
    card.append(spinner, this.title, this.detail, this.refresh);
    element.append(card);
    this.doc.body.append(element);
    this.element = element;
    return element;
  }
}
