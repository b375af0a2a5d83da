/** How a kernel socket ended, as the browser reported it. */
export interface SocketClosed {
  readonly code: number;
  readonly reason: string;
  /** False when the socket closed before the handshake completed (server down, refused). */
  readonly wasOpen: boolean;
}

export interface SocketObserver {
  socketCreated(socket: ObservedSocket): void;
  socketClosed(socket: ObservedSocket, closed: SocketClosed): void;
}

type Handler<E extends Event> = ((event: E) => unknown) | null;

/**
 * The WebSocket handed to `KernelConnection` (through `ServerConnection.ISettings.WebSocket`).
 *
 * It wraps a real WebSocket so that this client, not `KernelConnection`, owns reconnection:
 * - no subprotocol is requested (the server speaks the legacy framing and selects none;
 *   Chromium fails a handshake that asked for a protocol and got none back);
 * - the real close code goes to the observer (1013 means "at capacity"), while
 *   `KernelConnection` always sees a normal close (1000) and therefore only reports
 *   "disconnected" instead of starting its own, bounded reconnect loop;
 * - `error` events are not forwarded (a `close` always follows them).
 */
export class ObservedSocket {
  binaryType: BinaryType = 'arraybuffer';
  onopen: Handler<Event> = null;
  onmessage: Handler<MessageEvent> = null;
  onclose: Handler<CloseEvent> = null;
  onerror: Handler<Event> = null;

  private readonly socket: WebSocket;
  private opened = false;

  constructor(url: string, private readonly observer: SocketObserver) {
    this.socket = new WebSocket(url);
    this.socket.binaryType = 'arraybuffer';
    this.socket.addEventListener('open', event => {
      this.opened = true;
      this.onopen?.(event);
    });
    this.socket.addEventListener('message', event => this.onmessage?.(event));
    this.socket.addEventListener('close', event => {
      const closed: SocketClosed = { code: event.code, reason: event.reason, wasOpen: this.opened };
      this.observer.socketClosed(this, closed);
      this.onclose?.(new CloseEvent('close', { code: 1000, reason: event.reason, wasClean: true }));
    });
    observer.socketCreated(this);
  }

  get protocol(): string {
    return this.socket.protocol;
  }

  get readyState(): number {
    return this.socket.readyState;
  }

  get bufferedAmount(): number {
    return this.socket.bufferedAmount;
  }

  send(data: string | ArrayBufferLike | Blob | ArrayBufferView): void {
    this.socket.send(data);
  }

  close(code?: number, reason?: string): void {
    this.socket.close(code, reason);
  }

  /** Drops the connection from the client side, as a network failure would. */
  drop(reason: string): void {
    this.socket.close(4000, reason.slice(0, 120));
  }
}

/** A constructor with the shape `KernelConnection` calls (`new settings.WebSocket(url, protocols)`). */
export function observedSocketClass(observer: SocketObserver): typeof WebSocket {
  class BoundObservedSocket extends ObservedSocket {
    constructor(url: string | URL, _protocols?: string | string[]) {
      super(String(url), observer);
    }
  }
  return BoundObservedSocket as unknown as typeof WebSocket;
}
