// First run, no servers yet: offer the servers found in other apps' files.
import { useActions, useAppStore } from '../../store/storeContext.tsx';
import { Modal } from '../../ui/Modal.tsx';
import { FoundServers } from './FoundServers.tsx';

export function FirstRunImport() {
  const offer = useAppStore((s) => s.install.firstRunOffer);
  const { dismissImportOffer, selectServer } = useActions();
  if (!offer) return null;
  const sources = offer.sources.filter((s) => s.servers.length > 0);
  const total = sources.reduce((n, s) => n + s.servers.length, 0);
  return (
    <Modal labelledBy="first-run-import-title" className="modal-wide" onEscape={() => void dismissImportOffer()}>
      <h2 id="first-run-import-title">Bring your servers along?</h2>
      <p className="small">
        Switchboard found {total} MCP server{total === 1 ? '' : 's'} set up in {sources.map((s) => s.label).join(', ')}. Pick the ones to add. Each waits for
        you to approve its exact command before it runs.
      </p>
      <FoundServers
        sources={sources}
        onImported={(added) => {
          if (added[0]) selectServer(added[0]);
        }}
      />
      <div className="modal-footer">
        <div className="modal-actions">
          <button type="button" className="btn" onClick={() => void dismissImportOffer()} aria-label="Not now">
            Not now
          </button>
        </div>
      </div>
    </Modal>
  );
}
