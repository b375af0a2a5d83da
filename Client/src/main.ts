import './styles/index.css';
import { hideDecorativeIcons } from './accessibility';
import { createPageApi } from './api';
import type { SolaraPageApi } from './api';
import { installPageLifecycle } from './lifecycle';
import { readConfig } from './config';
import { PageSession } from './session';

declare global {
  interface Window {
    solara?: SolaraPageApi;
  }
}

const APP_CONTAINER_ID = 'solara-app';

function start(): void {
  const config = readConfig(document, location);
  let container = document.getElementById(APP_CONTAINER_ID);
  if (!container) {
    container = document.createElement('main');
    container.id = APP_CONTAINER_ID;
    document.body.append(container);
  }
  hideDecorativeIcons(container);
  const session = new PageSession(config, window, container);
  installPageLifecycle(window, config, () => session.unload());
  window.solara = createPageApi(config, session);
}

if (document.readyState === 'loading') {
  document.addEventListener('DOMContentLoaded', start, { once: true });
} else {
  start();
}
