import { put_buffers } from '@jupyter-widgets/base';
import type { WidgetModel } from '@jupyter-widgets/base';
import type { JSONObject } from '@lumino/coreutils';
import { uuid4 } from './uuid';
import type { SolaraWidgetManager } from './widgetManager';
import { WIDGET_TARGET } from './widgetManager';

export const WIDGET_CONTROL_TARGET = 'jupyter.widget.control';
const WIDGET_CONTROL_VERSION = '1.0.0';

interface WidgetState {
  model_name: string;
  model_module: string;
  model_module_version: string;
  state: JSONObject;
}

interface UpdateStates {
  states: Record<string, WidgetState>;
  buffers: DataView[];
  bufferPaths: (string | number)[][];
}

/** Asks the kernel for the state of every widget (`request_states` on `jupyter.widget.control`). */
function requestStates(manager: SolaraWidgetManager, timeoutMs: number): Promise<UpdateStates> {
  const comm = manager.openComm(WIDGET_CONTROL_TARGET, uuid4(), {}, { version: WIDGET_CONTROL_VERSION });
  return new Promise<UpdateStates>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(
      `${WIDGET_CONTROL_TARGET}: no update_states reply within ${timeoutMs} ms`)), timeoutMs);
    comm.on_close(() => { clearTimeout(timer); reject(new Error(`${WIDGET_CONTROL_TARGET} closed before replying`)); });
    comm.on_msg((msg: { content: { data: JSONObject }; buffers?: (ArrayBuffer | ArrayBufferView)[] }) => {
      const data = msg.content.data;
      if (data.method !== 'update_states') {
        return;
      }
      clearTimeout(timer);
      const buffers = (msg.buffers ?? []).map(b =>
        b instanceof ArrayBuffer ? new DataView(b) : new DataView(b.buffer, b.byteOffset, b.byteLength));
      resolve({
        states: (data.states ?? {}) as unknown as Record<string, WidgetState>,
        bufferPaths: (data.buffer_paths ?? []) as (string | number)[][],
        buffers,
      });
    });
    comm.send({ method: 'request_states' }, {});
  }).finally(() => {
    try {
      comm.close();
    } catch {
      // the connection went away meanwhile; nothing to close
    }
  });
}

/**
 * Brings every widget model of this page up to the kernel's current state after a reconnect:
 * existing models get the new state, widgets created meanwhile get models, and models the
 * kernel no longer has are removed.
 */
export async function resyncWidgets(manager: SolaraWidgetManager, timeoutMs = 10_000): Promise<void> {
  const update = await requestStates(manager, timeoutMs);
  // Buffer paths start at the `states` map: [widget id, 'state', trait, ...].
  put_buffers(update.states as unknown as Parameters<typeof put_buffers>[0], update.bufferPaths, update.buffers);
  const stale = manager.knownModelIds().filter(id => !(id in update.states));
  const fresh = Object.keys(update.states).filter(id => !manager.has_model(id));
  // Register every new model before awaiting anything, so references between them resolve.
  const created = fresh.map(id => {
    const widget = update.states[id];
    return manager.new_model({
      model_name: widget.model_name,
      model_module: widget.model_module,
      model_module_version: widget.model_module_version,
      model_id: id,
      comm: manager.openComm(WIDGET_TARGET, id),
    }, widget.state);
  });
  const updated = Object.keys(update.states)
    .filter(id => !fresh.includes(id))
    .map(async id => {
      const model = await manager.get_model(id);
      const modelClass = model.constructor as typeof WidgetModel;
      model.set_state(await modelClass._deserialize_state(update.states[id].state, manager));
    });
  const results = await Promise.allSettled([...created, ...updated]);
  results.filter(r => r.status === 'rejected').forEach(r => console.error('solara: resync failed for a widget', r));
  await Promise.all(stale.map(id => manager.forget(id)));
}
