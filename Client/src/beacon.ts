import type { ClientConfig } from './config';
import { closeBeaconUrl } from './urls';

/**
 * When the page goes away, tell the server at once (`navigator.sendBeacon`) so the kernel can
 * close now instead of after the cull timeout. `onUnload` runs first so the client stops
 * treating the closing socket as a failure.
 */
export function installCloseBeacon(window: Window, config: ClientConfig, onUnload: () => void): void {
  window.addEventListener('pagehide', () => {
    onUnload();
    if (config.sendCloseBeacon) {
      window.navigator.sendBeacon(closeBeaconUrl(config.kernelId, config.pageId));
    }
  });
}
