import type { KamBridge } from '../../../shared/bridge';
import type { KamShell } from '../../../shared/shell-bridge';

// The desktop preload exposes the typed API as `window.kam` and desktop helpers as `window.kamShell`;
// in browser mode both are absent.
declare global {
  interface Window {
    kam?: KamBridge;
    kamShell?: KamShell;
  }
}

export {};
