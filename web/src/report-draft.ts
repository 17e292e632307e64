/**
 * A report kept on the device ("bản nháp") while it is typed, and while it waits for the network: per account, unit
 * and month, in localStorage, so a dropped link or a closed tab loses nothing.
 */
export interface ReportDraft {
  /** Field text by indicator code, as typed ("1.234,5"). */
  values: Record<string, string>;
  source: string;
  /** Sent while offline: to be sent as soon as the connection returns. */
  pending: boolean;
  savedAt: string;
}

const keyOf = (user: string, unit: string, month: string) => `nhipso.report-draft.${user}.${unit}.${month}`;

export function loadDraft(user: string, unit: string, month: string): ReportDraft | undefined {
  try {
    const raw = localStorage.getItem(keyOf(user, unit, month));
    if (!raw) return undefined;
    const draft = JSON.parse(raw) as Partial<ReportDraft>;
    if (typeof draft.values !== 'object' || draft.values === null) return undefined;
    return { values: draft.values, source: typeof draft.source === 'string' ? draft.source : '', pending: draft.pending === true, savedAt: String(draft.savedAt ?? '') };
  } catch {
    // A draft that cannot be read (storage off, or edited by hand) is no draft.
    return undefined;
  }
}

export function saveDraft(user: string, unit: string, month: string, draft: Omit<ReportDraft, 'savedAt'>): ReportDraft {
  const saved = { ...draft, savedAt: new Date().toISOString() };
  try {
    localStorage.setItem(keyOf(user, unit, month), JSON.stringify(saved));
  } catch (err) {
    console.warn('could not keep the draft on this device', err);
  }
  return saved;
}

export function clearDraft(user: string, unit: string, month: string): void {
  localStorage.removeItem(keyOf(user, unit, month));
}
