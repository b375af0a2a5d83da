import { HTMLManager } from '@jupyter-widgets/html-manager/lib/htmlmanager';
import { shims } from '@jupyter-widgets/base';
import type { IClassicComm, WidgetModel } from '@jupyter-widgets/base';
import type { Kernel, KernelMessage } from '@jupyterlab/services';
import type { JSONObject } from '@lumino/coreutils';

export const WIDGET_TARGET = 'jupyter.widget';

/**
 * The ipywidgets manager of one page: `HTMLManager` (standard controls, output widget, CSS)
 * with its comms carried by the page's `KernelConnection`.
 */
export class SolaraWidgetManager extends HTMLManager {
  private readonly modelIds = new Set<string>();

  constructor(private readonly kernel: Kernel.IKernelConnection) {
    super({ loader: (moduleName, moduleVersion) => Promise.reject(new Error(
      `Widget module ${moduleName}@${moduleVersion} is not bundled with this client; only ` +
      '@jupyter-widgets/base, @jupyter-widgets/controls and @jupyter-widgets/output are.')) });
    kernel.registerCommTarget(WIDGET_TARGET, (comm, msg) =>
      this.handle_comm_open(new shims.services.Comm(comm), msg as KernelMessage.ICommOpenMsg).then(() => undefined));
  }

  /** Creates a comm on this page's kernel; sends `comm_open` only when data or metadata is given. */
  openComm(
    targetName: string,
    commId?: string,
    data?: JSONObject,
    metadata?: JSONObject,
    buffers?: ArrayBuffer[] | ArrayBufferView[],
  ): shims.services.Comm {
    const comm = this.kernel.createComm(targetName, commId);
    if (data !== undefined || metadata !== undefined) {
      comm.open(data ?? {}, metadata, buffers);
    }
    return new shims.services.Comm(comm);
  }

  override _create_comm(
    targetName: string,
    modelId?: string,
    data?: JSONObject,
    metadata?: JSONObject,
    buffers?: ArrayBuffer[] | ArrayBufferView[],
  ): Promise<IClassicComm> {
    return Promise.resolve(this.openComm(targetName, modelId, data, metadata, buffers));
  }

  override async _get_comm_info(): Promise<{}> {
    const reply = await this.kernel.requestCommInfo({ target_name: WIDGET_TARGET });
    return reply.content.status === 'ok' ? reply.content.comms : {};
  }

  override register_model(modelId: string, modelPromise: Promise<WidgetModel>): void {
    super.register_model(modelId, modelPromise);
    this.modelIds.add(modelId);
  }

  /** Ids of every widget model this page currently holds. */
  knownModelIds(): string[] {
    return [...this.modelIds].filter(id => this.has_model(id));
  }

  /**
   * Closes one model locally, removing its views, without telling the kernel
   * (used when the kernel no longer knows the widget).
   */
  async forget(modelId: string): Promise<void> {
    this.modelIds.delete(modelId);
    if (!this.has_model(modelId)) {
      return;
    }
    let model: WidgetModel;
    try {
      model = await this.get_model(modelId);
    } catch {
      return;
    }
    const comm = model.comm;
    await model.close(true);
    if (comm instanceof shims.services.Comm) {
      comm.jsServicesComm.dispose();
    }
  }

  /** Tears down every model and view silently and forgets their comms (before a remount). */
  async purge(): Promise<void> {
    await Promise.all(this.knownModelIds().map(id => this.forget(id)));
    this.modelIds.clear();
    await this.clear_state();
  }
}
