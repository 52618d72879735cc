// Light, dark, or the system's: applied at once, kept in settings.json.
import type { ThemeChoice } from '../../../app/api/index.ts';
import { useActions, useAppStore } from '../../store/storeContext.tsx';

const CHOICES: { value: ThemeChoice; label: string }[] = [
  { value: 'system', label: 'System' },
  { value: 'light', label: 'Light' },
  { value: 'dark', label: 'Dark' },
];

export function AppearanceSettings() {
  const theme = useAppStore((s) => s.settings.view?.theme);
  const { updateSettings, showShortcuts } = useActions();
  if (!theme) return null;
  return (
    <section className="card" aria-labelledby="appearance-heading">
      <div className="card-head">
        <h2 id="appearance-heading">Appearance</h2>
      </div>
      <div className="segmented" role="radiogroup" aria-label="Theme">
        {CHOICES.map((c) => (
          <label key={c.value} className={`segment${theme === c.value ? ' selected' : ''}`}>
            <input type="radio" name="theme" value={c.value} checked={theme === c.value} onChange={() => void updateSettings({ theme: c.value })} />
            {c.label}
          </label>
        ))}
      </div>
      <p className="small muted">
        System follows your computer&rsquo;s light or dark mode.{' '}
        <button type="button" className="link-btn" onClick={() => showShortcuts(true)}>
          Show keyboard shortcuts
        </button>
      </p>
    </section>
  );
}
