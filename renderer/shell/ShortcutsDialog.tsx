// The short list of keyboard shortcuts, opened with Ctrl+/ (⌘/ on macOS), `?`, or from the sidebar.
import { useActions, useAppStore } from '../store/storeContext.tsx';
import { Modal, ModalFooter } from '../ui/Modal.tsx';
import { keyLabel, platformIsMac, SHORTCUTS } from './shortcuts.ts';

export function ShortcutsDialog() {
  const open = useAppStore((s) => s.ui.shortcutsOpen);
  const { showShortcuts } = useActions();
  if (!open) return null;
  const mac = platformIsMac();
  const close = () => showShortcuts(false);
  return (
    <Modal labelledBy="shortcuts-title" className="shortcuts-dialog" onEscape={close}>
      <h2 id="shortcuts-title">Keyboard shortcuts</h2>
      <table className="shortcuts" aria-label="Keyboard shortcuts">
        <tbody>
          {SHORTCUTS.map((s) => (
            <tr key={s.id}>
              <td>{s.label}</td>
              <td className="shortcut-keys">
                {s.keys.map((k, i) => (
                  <span key={i} className="shortcut-combo">
                    {i > 0 && <span className="muted small"> or </span>}
                    {keyLabel(k, mac).map((part) => (
                      <kbd key={part}>{part}</kbd>
                    ))}
                  </span>
                ))}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      <ModalFooter>
        <button type="button" className="btn btn-primary" onClick={close} aria-label="Close keyboard shortcuts" data-autofocus>
          Close
        </button>
      </ModalFooter>
    </Modal>
  );
}
