// The supervisor's login lives in sessionStorage: it ends with the tab, and never mixes with
// the speaker token in localStorage.
import { createSignal } from 'solid-js';
import type { LoginResult, Role } from '@emovox/server/protocol';

const KEY = 'emovox.supervisor';

export interface SupervisorSession {
  token: string;
  role: Role;
  expiresAt: string;
}

function load(): SupervisorSession | null {
  try {
    const raw = sessionStorage.getItem(KEY);
    if (!raw) return null;
    const parsed = JSON.parse(raw) as SupervisorSession;
    return Date.parse(parsed.expiresAt) > Date.now() ? parsed : null;
  } catch {
    return null;
  }
}

const [session, setSession] = createSignal<SupervisorSession | null>(load());
/** Why the last session ended, shown once on the login page. */
const [endReason, setEndReason] = createSignal<'expired' | null>(null);

export { endReason, session };

export function startSession(result: LoginResult): void {
  const value: SupervisorSession = { token: result.token, role: result.role, expiresAt: result.expiresAt };
  try {
    sessionStorage.setItem(KEY, JSON.stringify(value));
  } catch {
    // Private mode: the login lasts for this page only.
  }
  setEndReason(null);
  setSession(value);
}

/** Forgets the login; `expired` when the server refused the token rather than the user leaving. */
export function endSession(reason: 'expired' | null = null): void {
  try {
    sessionStorage.removeItem(KEY);
  } catch {
    // nothing stored
  }
  setEndReason(reason);
  setSession(null);
}
