// The speaker token lives in localStorage so a speaker can come back; "forget me" clears it.
const KEY = 'emovox.speakerToken';

export function loadSpeakerToken(): string | null {
  try {
    return localStorage.getItem(KEY);
  } catch {
    return null;
  }
}

export function saveSpeakerToken(token: string): void {
  localStorage.setItem(KEY, token);
}

export function forgetSpeakerToken(): void {
  localStorage.removeItem(KEY);
}
