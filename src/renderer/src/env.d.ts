import type { KamBridge } from '../../../shared/bridge';

// The desktop preload exposes the typed API as `window.kam`; in browser mode it is absent.
declare global {
  interface Window {
    kam?: KamBridge;
  }
}

export {};
