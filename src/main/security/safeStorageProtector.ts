// The production KeyProtector: Electron's safeStorage (DPAPI on Windows, the Keychain on macOS, the
// Secret Service or KWallet on Linux), async API only. On Linux without a keyring Electron falls back to
// "basic_text", a fixed key anyone can reproduce: VerifyDesk refuses that rather than pretend.
import type { SafeStorage } from 'electron';
import type { KeyProtector } from './dbKey';

type Backend = ReturnType<SafeStorage['getSelectedStorageBackend']>;

/** Why the key cannot be protected on this computer, or null when it can. Pure, for its table test. */
export function keyProtectionProblem(
  platform: NodeJS.Platform,
  backend: Backend | null,
  available: boolean,
): string | null {
  if (!available)
    return 'This computer offers no protected storage for the database key, so VerifyDesk will not store patient data on it. Sign in to the computer with a normal user account (not a guest or service account) and start VerifyDesk again.';
  if (platform === 'linux' && (backend === 'basic_text' || backend === 'unknown' || backend === null))
    return 'This Linux desktop has no keyring (GNOME Keyring or KWallet), so the database key could only be stored with a well-known fixed key. Install and unlock a keyring, then start VerifyDesk again.';
  return null;
}

export function safeStorageProtector(safeStorage: SafeStorage, platform: NodeJS.Platform): KeyProtector {
  return {
    async unavailableReason() {
      const available = await safeStorage.isAsyncEncryptionAvailable();
      const backend = platform === 'linux' ? safeStorage.getSelectedStorageBackend() : null;
      return keyProtectionProblem(platform, backend, available);
    },
    wrap: (secret) => safeStorage.encryptStringAsync(secret),
    async unwrap(wrapped) {
      const { result, shouldReEncrypt } = await safeStorage.decryptStringAsync(wrapped);
      return { secret: result, shouldRewrap: shouldReEncrypt };
    },
  };
}
