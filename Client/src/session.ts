import type { ClientConfig } from './config';
import { CLOSE_AT_CAPACITY, KernelLink } from './connection';
import type { ConnectionListener } from './connection';
import { ChannelAbandoned, ControlChannel, ControlError } from './control';
import type { ControlReply } from './control';
import { Navigation } from './navigation';
import { Overlay } from './overlay';
import { resyncWidgets } from './resync';
import type { SocketClosed } from './socket';
import { SolaraWidgetManager } from './widgetManager';

export type ClientState = 'connecting' | 'mounted' | 'disconnected' | 'capacity' | 'gave-up' | 'restoring';

/** The `app-status` reply of `solara.control`. */
export interface AppStatus extends ControlReply {
  started: boolean;
  containerId: string | null;
  /** REMOUNT is allowed; the server already folds SOLARA_STATE_AUTO_REMOUNT and the bail-out storm valve into it. */
  canRecover: boolean;
  /** The resolved SOLARA_STATE_AUTO_REMOUNT (informational: canRecover is the verdict). */
  autoRemount: boolean;
  clientVersion: string;
}

const APP_STATUS_TIMEOUT_MS = 10_000;
const EVICT_TIMEOUT_MS = 10_000;

/** Thrown when work started for one connection is overtaken by a disconnect. */
class Superseded extends Error {}

/**
 * One page's life: mount the app on the first connection, and after every reconnect ask the
 * kernel what it still has (`app-status`) and do exactly one of RESUME (kernel alive: resync
 * widgets), REMOUNT (kernel restored from the state backend: tear down and `run` again) or
 * GIVE UP (tell the user to refresh, shut down the fresh kernel).
 */
export class PageSession implements ConnectionListener {
  private currentState: ClientState = 'connecting';
  private reconnectCount = 0;
  private readonly link: KernelLink;
  private readonly manager: SolaraWidgetManager;
  private readonly overlay: Overlay;
  private readonly navigation: Navigation;
  private control: ControlChannel | null = null;
  private mountedContainerId: string | null = null;
  /** Increments on every connect and disconnect; async work checks it is still current. */
  private epoch = 0;
  private unloading = false;
  private lastStatus: AppStatus | null = null;

  constructor(
    private readonly config: ClientConfig,
    private readonly window: Window,
    private readonly container: HTMLElement,
  ) {
    this.overlay = new Overlay(window.document, () => window.location.reload());
    this.link = new KernelLink(config, window.location, this);
    this.manager = new SolaraWidgetManager(this.link.kernel);
    this.navigation = new Navigation(window, container, config.appName, path => this.control?.notify({ method: 'location', path }));
    this.navigation.install();
    window.document.documentElement.dataset.solaraState = this.currentState;
  }

  get state(): ClientState {
    return this.currentState;
  }

  /** Reconnects that reached a decision (resumed, remounted or gave up). */
  get reconnects(): number {
    return this.reconnectCount;
  }

  get appStatus(): AppStatus | null {
    return this.lastStatus;
  }

  connected(): void {
    const epoch = ++this.epoch;
    const work = this.mountedContainerId === null ? this.mount(epoch) : this.recover(epoch);
    work.catch(error => this.failed(epoch, error));
  }

  disconnected(closed: SocketClosed, retryInMs: number): void {
    this.epoch++;
    this.control?.abandon('the connection closed');
    this.control = null;
    if (this.unloading || this.currentState === 'gave-up') {
      return;
    }
    const atCapacity = closed.code === CLOSE_AT_CAPACITY;
    const retry = `Retrying in ${Math.max(1, Math.round(retryInMs / 1000))} s…`;
    if (atCapacity) {
      const reason = closed.reason || 'Too many sessions are open right now.';
      this.overlay.show('capacity', `${reason}${/[.!?…]$/.test(reason) ? '' : '.'} ${retry}`);
      this.setState('capacity');
    } else {
      this.overlay.show('disconnected', `Trying to reconnect… ${retry}`);
      this.setState('disconnected');
    }
  }

  refused(closed: SocketClosed): void {
    this.epoch++;
    this.giveUpVisibly(closed.reason || 'The server refused this session.');
  }

  died(): void {
    this.epoch++;
    this.giveUpVisibly('The server ended this session.');
  }

  /** The page is going away: stop reconnecting and showing notices. */
  unload(): void {
    this.unloading = true;
    this.link.stop();
  }

  /** Dev/test: evict the kernel (`evict` over `solara.control`), then drop the socket. */
  async simulateFailover(): Promise<string> {
    if (!this.control) {
      throw new Error('solara: not connected; nothing to fail over');
    }
    const reply = await this.control.request({ method: 'evict' }, 'evict', EVICT_TIMEOUT_MS);
    this.link.dropSocket('simulated failover');
    return typeof reply.status === 'string' ? reply.status : 'unknown';
  }

  /** Dev/test: drop the socket from the client side. */
  dropSocket(): void {
    this.link.dropSocket('dropped by the page');
  }

  private async mount(epoch: number): Promise<void> {
    const control = this.openControl();
    const existing = this.config.attach ? await this.existingContainer(control, epoch) : null;
    if (existing !== null) {
      // A popout (`?kernelid=`): show what the kernel already has instead of running the app again.
      await resyncWidgets(this.manager);
      this.assertCurrent(epoch);
      await this.display(this.config.popoutModelId ?? existing, epoch);
    } else {
      const finished = await control.request(this.runRequest(), 'finished');
      this.assertCurrent(epoch);
      await this.display(String(finished.widget_id), epoch);
    }
    this.mounted();
  }

  /** The container of an app the kernel already runs, or null if it runs none. */
  private async existingContainer(control: ControlChannel, epoch: number): Promise<string | null> {
    const status = await control.request({ method: 'app-status' }, 'app-status', APP_STATUS_TIMEOUT_MS) as AppStatus;
    this.assertCurrent(epoch);
    return status.started && status.containerId ? String(status.containerId) : null;
  }

  private async recover(epoch: number): Promise<void> {
    const probe = ControlChannel.open(this.link.kernel);
    this.control = probe; // so that a disconnect abandons it like any other
    probe.onNavigate = path => this.navigation.navigated(path);
    const status = await probe.request({ method: 'app-status' }, 'app-status', APP_STATUS_TIMEOUT_MS) as AppStatus;
    this.assertCurrent(epoch);
    this.lastStatus = status;
    if (status.clientVersion && this.config.clientVersion && status.clientVersion !== this.config.clientVersion) {
      console.info(`solara: the server now serves client ${status.clientVersion} (this page runs ${this.config.clientVersion})`);
    }
    if (status.started && String(status.containerId) === this.mountedContainerId) {
      // RESUME: the kernel kept everything; catch up with what changed while away.
      await resyncWidgets(this.manager);
      this.assertCurrent(epoch);
      this.decided();
      this.mounted();
    } else if (status.canRecover) {
      // REMOUNT: a new kernel restored the state; rebuild the page from scratch.
      this.overlay.show('restoring');
      this.setState('restoring');
      await this.teardown();
      this.assertCurrent(epoch);
      const finished = await probe.request(this.runRequest(), 'finished');
      this.assertCurrent(epoch);
      await this.display(String(finished.widget_id), epoch);
      this.decided();
      this.mounted();
    } else {
      // GIVE UP: the kernel is gone. Only a fresh kernel (not started) is ours to shut down.
      this.decided();
      this.giveUpVisibly();
      if (!status.started) {
        await this.link.shutdownKernel();
      } else {
        this.link.stop();
      }
    }
  }

  private openControl(): ControlChannel {
    this.control?.abandon('replaced by a new solara.control channel');
    this.control = ControlChannel.open(this.link.kernel);
    this.control.onNavigate = path => this.navigation.navigated(path);
    return this.control;
  }

  private runRequest() {
    return {
      method: 'run',
      args: { path: this.window.location.pathname, appName: this.config.appName, clientVersion: this.config.clientVersion },
    };
  }

  private async display(widgetId: string, epoch: number): Promise<void> {
    const model = await this.manager.get_model(widgetId);
    const view = await this.manager.create_view(model);
    this.assertCurrent(epoch);
    this.container.replaceChildren();
    await this.manager.display_view(view, this.container);
    this.mountedContainerId = widgetId;
  }

  private async teardown(): Promise<void> {
    await this.manager.purge();
    this.container.replaceChildren();
    this.mountedContainerId = null;
  }

  private mounted(): void {
    this.link.markHealthy();
    this.overlay.hide();
    this.setState('mounted');
  }

  private decided(): void {
    this.reconnectCount++;
  }

  private giveUpVisibly(detail?: string): void {
    this.control?.abandon('giving up');
    this.control = null;
    this.overlay.show('gave-up', detail);
    this.setState('gave-up');
  }

  private failed(epoch: number, error: unknown): void {
    if (error instanceof Superseded || error instanceof ChannelAbandoned || epoch !== this.epoch) {
      return; // the connection went away meanwhile; the next connect starts over
    }
    if (error instanceof ControlError) {
      // The kernel refused to run the app; retrying would only repeat the refusal.
      console.error('solara: the kernel could not run the app:', error.message);
      this.showError(error.message);
      return;
    }
    console.error('solara: could not bring the page up on this connection; reconnecting', error);
    this.link.dropSocket('client error');
  }

  private showError(message: string): void {
    const box = this.window.document.createElement('div');
    box.className = 'solara-error';
    box.setAttribute('role', 'alert');
    box.textContent = message;
    this.container.replaceChildren(box);
    this.overlay.hide();
  }

  private assertCurrent(epoch: number): void {
    if (epoch !== this.epoch) {
      throw new Superseded();
    }
  }

  /** Records the state and announces it (`solara:state` on window); the overlay is already up to date. */
  private setState(state: ClientState): void {
    if (this.currentState === state) {
      return;
    }
    this.currentState = state;
    this.window.document.documentElement.dataset.solaraState = state;
    this.window.dispatchEvent(new CustomEvent('solara:state', { detail: state }));
  }
}
