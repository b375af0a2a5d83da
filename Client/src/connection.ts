import { CommsOverSubshells, KernelConnection, KernelMessage, ServerConnection } from '@jupyterlab/services';
import { Backoff } from './backoff';
import type { ClientConfig } from './config';
import { LazyKernelAPIClient } from './kernelApiClient';
import { ObservedSocket, observedSocketClass } from './socket';
import type { SocketClosed, SocketObserver } from './socket';
import { jupyterBaseUrl, jupyterWsUrl } from './urls';
import { uuid4 } from './uuid';

export const KERNEL_NAME = 'solara';

/** Close codes the server uses to say something other than "try again soon". */
export const CLOSE_AT_CAPACITY = 1013;
export const CLOSE_REFUSED = 1008;

export interface ConnectionListener {
  /** The socket is open (the first time and after every reconnect). */
  connected(): void;
  /** The socket is gone; another attempt follows after `retryInMs`. */
  disconnected(closed: SocketClosed, retryInMs: number): void;
  /** The server refused this page for good (e.g. session mismatch); no retry follows. */
  refused(closed: SocketClosed): void;
  /** The kernel reported `dead` without this page asking it to shut down. */
  died(): void;
}

/**
 * The page's one `KernelConnection`, and the policy that keeps it connected: the same kernel id
 * and page id on every attempt, exponential backoff with jitter, a slower schedule when the
 * server is at capacity, and no retry once the page gives up or unloads.
 */
export class KernelLink implements SocketObserver {
  readonly kernel: KernelConnection;
  private socket: ObservedSocket | null = null;
  private lastClose: SocketClosed | null = null;
  private readonly backoff = new Backoff(300, 10_000);
  private readonly capacityBackoff = new Backoff(2_000, 30_000);
  private retryTimer: ReturnType<typeof setTimeout> | undefined;
  private stopped = false;
  private shuttingDown = false;

  constructor(config: ClientConfig, location: Location, private readonly listener: ConnectionListener) {
    const serverSettings = ServerConnection.makeSettings({
      baseUrl: jupyterBaseUrl(location),
      wsUrl: jupyterWsUrl(location),
      WebSocket: observedSocketClass(this),
      appendToken: false,
    });
    this.kernel = new KernelConnection({
      model: { id: config.kernelId, name: KERNEL_NAME },
      clientId: config.pageId,
      handleComms: true,
      commsOverSubshells: CommsOverSubshells.Disabled,
      serverSettings,
      kernelAPIClient: new LazyKernelAPIClient(serverSettings, KERNEL_NAME),
    });
    this.kernel.connectionStatusChanged.connect((_, status) => this.onStatus(status));
    this.kernel.statusChanged.connect((_, status) => {
      if (status === 'dead' && !this.shuttingDown && !this.stopped) {
        this.stopped = true;
        this.listener.died();
      }
    });
  }

  socketCreated(socket: ObservedSocket): void {
    this.socket = socket;
    this.lastClose = null;
  }

  socketClosed(socket: ObservedSocket, closed: SocketClosed): void {
    if (socket === this.socket) {
      this.lastClose = closed;
    }
  }

  /** The connection is healthy again (the page is mounted): the next drop starts the backoff afresh. */
  markHealthy(): void {
    this.backoff.reset();
    this.capacityBackoff.reset();
  }

  /** Closes the socket from this side, as a network failure would; the normal reconnect path follows. */
  dropSocket(reason: string): void {
    this.socket?.drop(reason);
  }

  /** No more reconnects; closes the connection. */
  stop(): void {
    this.stopped = true;
    clearTimeout(this.retryTimer);
    if (!this.kernel.isDisposed) {
      this.kernel.dispose();
    }
  }

  /**
   * Asks the kernel to shut down (`shutdown_request` on the control channel), waits until it
   * reports `dead` or `timeoutMs` passes, then stops.
   */
  async shutdownKernel(timeoutMs = 3_000): Promise<void> {
    this.shuttingDown = true;
    clearTimeout(this.retryTimer);
    if (!this.kernel.isDisposed) {
      const gone = new Promise<void>(resolve => {
        const timer = setTimeout(resolve, timeoutMs);
        this.kernel.disposed.connect(() => { clearTimeout(timer); resolve(); });
      });
      // The typings of @jupyterlab/services list shutdown_request among shell messages only,
      // although the protocol sends it on the control channel.
      const msg = {
        header: {
          msg_id: uuid4(),
          msg_type: 'shutdown_request',
          session: this.kernel.clientId,
          username: this.kernel.username,
          date: new Date().toISOString(),
          version: '5.3',
        },
        parent_header: {},
        metadata: {},
        content: { restart: false },
        channel: 'control',
        buffers: [],
      } as unknown as KernelMessage.IControlMessage;
      try {
        const future = this.kernel.sendControlMessage(msg, false, true);
        future.done.catch(() => undefined);
        await gone;
      } catch (error) {
        console.warn('solara: could not send shutdown_request', error);
      }
    }
    this.stop();
  }

  private onStatus(status: string): void {
    if (this.stopped || this.kernel.isDisposed) {
      return;
    }
    if (status === 'connected') {
      this.listener.connected();
      return;
    }
    if (status !== 'disconnected') {
      return;
    }
    const closed = this.lastClose ?? { code: 1006, reason: '', wasOpen: false };
    if (closed.code === CLOSE_REFUSED) {
      this.stopped = true;
      this.listener.refused(closed);
      return;
    }
    const delay = closed.code === CLOSE_AT_CAPACITY ? this.capacityBackoff.next() : this.backoff.next();
    this.listener.disconnected(closed, delay);
    clearTimeout(this.retryTimer);
    this.retryTimer = setTimeout(() => {
      if (!this.stopped && !this.kernel.isDisposed) {
        this.kernel.reconnect().catch(() => undefined);
      }
    }, delay);
  }
}
