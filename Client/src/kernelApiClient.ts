import { KernelAPI } from '@jupyterlab/services';
import type { Kernel, ServerConnection } from '@jupyterlab/services';

/**
 * `KernelConnection` probes `GET /api/kernels/{id}` when a socket closes before opening, and
 * waits 10-30 s between probes while the server is unreachable. Kernels here are created lazily
 * by the next connect, so the probe carries no information: answer it locally and let the
 * client's own backoff decide when to try again.
 */
export class LazyKernelAPIClient extends KernelAPI.KernelAPIClient {
  constructor(serverSettings: ServerConnection.ISettings, private readonly kernelName: string) {
    super({ serverSettings });
  }

  override async getModel(id: string): Promise<Kernel.IModel | undefined> {
    return { id, name: this.kernelName };
  }
}
