// The row under a settings form: its Save button and, once saved, a quiet "Saved." for screen readers too.
export function SaveActions({ label, saved }: { label: string; saved: boolean }) {
  return (
    <div className="form-actions">
      <button type="submit" className="btn btn-primary" aria-label={label}>
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
