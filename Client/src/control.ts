import type { Kernel } from '@jupyterlab/services';
import type { JSONObject } from '@lumino/coreutils';

export const CONTROL_TARGET = 'solara.control';

/** A reply on `solara.control`; `method` names which request it answers. */
export interface ControlReply extends JSONObject {
  method: string;
}

interface Waiter {
  resolve(reply: ControlReply): void;
  reject(error: Error): void;
}

/** Raised to every pending request when its connection is gone or the channel is dropped. */
export class ChannelAbandoned extends Error {}

/** The kernel answered a request with `{method: "error", error}`. */
export class ControlError extends Error {}

/**
 * One `solara.control` comm: requests are `{method, ...}` messages and replies are matched
 * by their `method` field (the kernel answers `run` with `finished`, `app-status` with
 * `app-status`, `evict` with `evict`).
 */
export class ControlChannel {
  private readonly waiters = new Map<string, Waiter[]>();
  private abandoned = false;
  /** The kernel moved the page to another path (a `navigate` message). */
  onNavigate: ((path: string) => void) | null = null;

  private constructor(private readonly comm: Kernel.IComm) {
    comm.onMsg = msg => this.receive(msg.content.data as JSONObject);
    comm.onClose = () => this.abandon('the kernel closed the solara.control comm');
  }

  static open(kernel: Kernel.IKernelConnection): ControlChannel {
    const comm = kernel.createComm(CONTROL_TARGET);
    const channel = new ControlChannel(comm);
    comm.open({});
    return channel;
  }

  request(data: JSONObject, replyMethod: string, timeoutMs?: number): Promise<ControlReply> {
    if (this.abandoned) {
      return Promise.reject(new ChannelAbandoned('solara.control channel is no longer in use'));
    }
    return new Promise<ControlReply>((resolve, reject) => {
      let timer: ReturnType<typeof setTimeout> | undefined;
      const waiter: Waiter = {
        resolve: reply => { clearTimeout(timer); resolve(reply); },
        reject: error => { clearTimeout(timer); reject(error); },
      };
      const queue = this.waiters.get(replyMethod) ?? [];
      queue.push(waiter);
      this.waiters.set(replyMethod, queue);
      if (timeoutMs !== undefined) {
        timer = setTimeout(() => {
          this.remove(replyMethod, waiter);
          reject(new Error(`solara.control: no '${replyMethod}' reply within ${timeoutMs} ms`));
        }, timeoutMs);
      }
      this.comm.send(data);
    });
  }

  /** Sends a message that has no reply (e.g. `location`). */
  notify(data: JSONObject): void {
    if (!this.abandoned) {
      this.comm.send(data);
    }
  }

  /** Sends `comm_close` to the kernel and stops using this channel. */
  close(): void {
    if (this.stop('the solara.control channel was closed')) {
      this.comm.close();
    }
  }

  /** Stops using this channel without telling the kernel (it may not know the comm any more). */
  abandon(reason: string): void {
    if (this.stop(reason) && !this.comm.isDisposed) {
      this.comm.dispose();
    }
  }

  /** Marks the channel unusable and fails pending requests; false if it already was. */
  private stop(reason: string): boolean {
    if (this.abandoned) {
      return false;
    }
    this.abandoned = true;
    const error = new ChannelAbandoned(reason);
    for (const queue of this.waiters.values()) {
      queue.forEach(waiter => waiter.reject(error));
    }
    this.waiters.clear();
    return true;
  }

  private receive(data: JSONObject): void {
    const method = typeof data.method === 'string' ? data.method : '';
    if (method === 'navigate') {
      this.onNavigate?.(typeof data.path === 'string' ? data.path : '/');
      return;
    }
    if (method === 'error') {
      this.failOldest(new ControlError(typeof data.error === 'string' ? data.error : 'the kernel reported an error'));
      return;
    }
    const waiter = this.waiters.get(method)?.shift();
    if (waiter) {
      waiter.resolve(data as ControlReply);
    } else {
      console.debug('solara.control: unsolicited message', data);
    }
  }

  /** An error reply does not say which request it answers; requests are answered in order. */
  private failOldest(error: ControlError): void {
    for (const queue of this.waiters.values()) {
      const waiter = queue.shift();
      if (waiter) {
        waiter.reject(error);
        return;
      }
    }
    console.error('solara.control:', error.message);
  }

  private remove(method: string, waiter: Waiter): void {
    const queue = this.waiters.get(method);
    const index = queue?.indexOf(waiter) ?? -1;
    if (queue && index >= 0) {
      queue.splice(index, 1);
    }
  }
}
