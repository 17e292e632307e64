import { useState } from 'preact/hooks';

/**
 * A file input that speaks the page's language: the browser's own button says "Choose File" whatever the page's
 * language, so the input is hidden under a label that names the action and, once chosen, the file.
 */
export function FilePick({ label, button = label, accept, name, testId, invalid, describedBy, onPick }: {
  /** What the input is for (its accessible name); `button` is the visible action, the label by default. */
  label: string; button?: string; accept: string; name?: string; testId?: string; invalid?: boolean; describedBy?: string;
  onPick: (input: HTMLInputElement) => void;
}) {
  const [chosen, setChosen] = useState<string | undefined>(undefined);
  return (
    <label class="file-pick">
      <input type="file" class="file-pick-input" name={name} accept={accept} data-testid={testId} aria-invalid={invalid ? 'true' : undefined} aria-describedby={describedBy}
        onChange={(e) => { setChosen(e.currentTarget.files?.[0]?.name); onPick(e.currentTarget); }} />
      <span class="btn file-pick-button" aria-hidden="true">{button}</span>
      <span class="file-pick-name">{chosen ?? ''}</span>
      <span class="sr-only">{label}</span>
    </label>
  );
}
