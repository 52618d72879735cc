// The row under a settings form: its Save button (off while nothing differs from what is saved) and, once
// saved, a quiet "Saved." for screen readers too.
export function SaveActions({ label, saved, unchanged }: { label: string; saved: boolean; unchanged: boolean }) {
  return (
    <div className="form-actions">
      <button type="submit" className="btn btn-primary" aria-label={label} disabled={unchanged}>
        Save
      </button>
      {saved && (
        <span className="ok-note small" role="status">
          Saved.
        </span>
      )}
    </div>
  );
}
