import { useEffect, useRef, useState } from 'preact/hooks';
import { getJson, type Unit } from '../api.ts';
import { t, unitName } from '../i18n.ts';

const KINDS = ['province', 'ministry'] as const;
const LIST_ID = 'unit-picker-list';
const optionId = (code: string) => `unit-picker-${code}`;

/**
 * A combobox over provinces and ministries: the API folds diacritics, so "ha noi", "Hà Nội" and "Hanoi" all find
 * Hà Nội. Arrow keys move through the list, Enter picks, Escape closes; the chosen unit shows in the reader's language.
 */
export function UnitPicker({ value, onPick }: { value: string | undefined; onPick: (code: string | null) => void }) {
  const [chosen, setChosen] = useState<Unit | undefined>(undefined);
  /** What the reader typed; null shows the chosen unit's name. */
  const [text, setText] = useState<string | null>(null);
  const [open, setOpen] = useState(false);
  const [options, setOptions] = useState<Unit[] | undefined>(undefined);
  const [active, setActive] = useState(-1);
  const input = useRef<HTMLInputElement>(null);

  useEffect(() => {
    if (!value) {
      setChosen(undefined);
      return;
    }
    if (chosen?.code === value) return;
    const abort = new AbortController();
    getJson<Unit>(`/api/units/${encodeURIComponent(value)}`, {}, abort.signal).then(setChosen, () => setChosen(undefined));
    return () => abort.abort();
  }, [value]);

  useEffect(() => {
    if (!open) return;
    const q = (text ?? '').trim();
    const abort = new AbortController();
    // A short pause, so typing "ha noi" asks once rather than six times.
    const timer = setTimeout(() => {
      Promise.all(KINDS.map((kind) => getJson<{ items: Unit[] }>('/api/units', { kind, q, limit: 60 }, abort.signal))).then(
        (pages) => {
          setOptions(pages.flatMap((p) => p.items));
          setActive(q ? 0 : -1);
        },
        () => {},
      );
    }, 120);
    return () => {
      clearTimeout(timer);
      abort.abort();
    };
  }, [open, text]);

  useEffect(() => {
    const unit = options?.[active];
    if (open && unit) document.getElementById(optionId(unit.code))?.scrollIntoView({ block: 'nearest' });
  }, [active, open, options]);

  const list = open ? options ?? [] : [];
  const close = () => {
    setOpen(false);
    setText(null);
    setOptions(undefined);
    setActive(-1);
  };
  const pick = (unit: Unit) => {
    setChosen(unit);
    close();
    onPick(unit.code);
  };
  const onKeyDown = (e: KeyboardEvent) => {
    if (e.key === 'ArrowDown' || e.key === 'ArrowUp') {
      e.preventDefault();
      const step = e.key === 'ArrowDown' ? 1 : -1;
      if (open) setActive((i) => Math.max(0, Math.min(list.length - 1, i + step)));
      else setOpen(true);
    } else if (e.key === 'Enter' && open) {
      e.preventDefault();
      const unit = list[active];
      if (unit) pick(unit);
    } else if (e.key === 'Escape' && open) {
      e.preventDefault();
      close();
    }
  };

  const shown = text ?? (chosen ? unitName(chosen) : '');
  const activeUnit = list[active];
  return (
    <div class="field picker">
      <label for="unit-picker">{t('pickUnit')}</label>
      <div class="picker-row">
        <input
          id="unit-picker"
          ref={input}
          type="text"
          role="combobox"
          autocomplete="off"
          spellcheck={false}
          aria-autocomplete="list"
          aria-expanded={open && list.length > 0}
          aria-controls={LIST_ID}
          aria-activedescendant={activeUnit ? optionId(activeUnit.code) : undefined}
          placeholder={t('pickUnitHint')}
          value={shown}
          onFocus={(e) => (e.currentTarget as HTMLInputElement).select()}
          onInput={(e) => {
            setText((e.currentTarget as HTMLInputElement).value);
            setOpen(true);
          }}
          onKeyDown={onKeyDown}
          onBlur={close}
        />
        {value && (
          <button
            type="button"
            class="btn"
            aria-label={t('clearUnit', { name: chosen ? unitName(chosen) : value })}
            onClick={() => {
              setChosen(undefined);
              onPick(null);
              input.current?.focus();
            }}
          >
            <span aria-hidden="true">✕</span>
          </button>
        )}
      </div>
      {/* Pressing anywhere in the list (an option, its scrollbar) must not take the focus from the input. */}
      <ul id={LIST_ID} role="listbox" class="picker-list" aria-label={t('pickUnit')} hidden={list.length === 0} onMouseDown={(e) => e.preventDefault()}>
        {list.map((unit, i) => (
          <li
            key={unit.code}
            id={optionId(unit.code)}
            role="option"
            aria-selected={i === active}
            data-unit={unit.code}
            onClick={() => pick(unit)}
          >
            <span>{unitName(unit)}</span>
            <span class="picker-kind">{t(unit.kind === 'ministry' ? 'kindMinistry' : 'kindProvince')}</span>
          </li>
        ))}
      </ul>
      {open && options?.length === 0 && <p class="picker-empty">{t('noUnitMatch')}</p>}
      <span class="sr-only" role="status">{open && options ? (options.length > 0 ? t('unitMatches', { n: options.length }) : t('noUnitMatch')) : ''}</span>
    </div>
  );
}
