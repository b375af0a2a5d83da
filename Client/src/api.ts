import type { ClientConfig } from './config';
import type { AppStatus, ClientState, PageSession } from './session';

/** What the page exposes as `window.solara` (for people debugging and for browser tests). */
export interface SolaraPageApi {
  readonly kernelId: string;
  readonly pageId: string;
  readonly clientVersion: string;
  readonly state: ClientState;
  /** Reconnects that reached a decision (resumed, remounted or gave up). */
  readonly reconnects: number;
  /** The last `app-status` reply, if a reconnect asked for one. */
  readonly appStatus: AppStatus | null;
  readonly debug: {
    /** Evict the kernel on the server, drop the socket, and let the normal reconnect path run. */
    simulateFailover(): Promise<string>;
    /** Drop the socket from the page's side. */
    dropSocket(): void;
  };
}

export function createPageApi(config: ClientConfig, session: PageSession): SolaraPageApi {
  return {
    kernelId: config.kernelId,
    pageId: config.pageId,
    clientVersion: config.clientVersion,
    get state() { return session.state; },
    get reconnects() { return session.reconnects; },
    get appStatus() { return session.appStatus; },
    debug: {
      simulateFailover: () => session.simulateFailover(),
      dropSocket: () => session.dropSocket(),
    },
  };
}
