// A server asks the person for something: a form built from its schema (accept, decline, cancel), or a
// URL to visit, shown in full with its host and opened only when the person chooses to.
import { useMemo, useState, type FormEvent } from 'react';
import type { ElicitationView } from '../../../app/api/index.ts';
import { useActions, useAppStore } from '../../store/storeContext.tsx';
import { openCheckedLink } from '../../ui/linkOpener.ts';
import { Modal, ModalFooter } from '../../ui/Modal.tsx';
import { checkValues, contentOf, fieldsOf, initialValues, issuesByField, type FieldValue } from './elicitationFields.ts';
import { ElicitationField } from './ElicitationField.tsx';

type Form = Extract<ElicitationView, { mode: 'form' }>;
type Url = Extract<ElicitationView, { mode: 'url' }>;

function FormRequest({ request }: { request: Form }) {
  const { respondElicitation } = useActions();
  const busy = useAppStore((s) => s.protocol.answering[request.id] ?? false);
  const fields = useMemo(() => fieldsOf(request.requestedSchema), [request.requestedSchema]);
  const [values, setValues] = useState(() => initialValues(fields, request.defaults));
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [failure, setFailure] = useState<string | null>(null);

  const respond = async (action: 'accept' | 'decline' | 'cancel') => {
    setFailure(null);
    const error = await respondElicitation(request.id, action, action === 'accept' ? contentOf(fields, values) : undefined);
    if (!error) return;
    const { fields: byField, other } = issuesByField(error.issues ?? []);
    setErrors(byField);
    const firstBad = fields.findIndex((f) => byField[f.name]);
    if (firstBad >= 0) document.getElementById(`elicit-${firstBad}`)?.focus();
    setFailure(
      Object.keys(byField).length && other.length === 0 ? 'Some answers do not fit what the server asked for. See the fields marked below.' : error.message,
    );
  };
  const submit = (e: FormEvent) => {
    e.preventDefault();
    const found = checkValues(fields, values);
    setErrors(found);
    const first = fields.findIndex((f) => found[f.name]);
    if (first >= 0) {
      document.getElementById(`elicit-${first}`)?.focus();
      return setFailure('Some answers need a look before they can be sent.');
    }
    void respond('accept');
  };

  return (
    <form onSubmit={submit} noValidate className="request-form" aria-label={`Answer ${request.server}`}>
      <div className="request-fields">
        {fields.map((f, i) => (
          <ElicitationField
            key={f.name}
            field={f}
            index={i}
            value={values[f.name]}
            error={errors[f.name] || undefined}
            onChange={(v: FieldValue) => {
              setValues((s) => ({ ...s, [f.name]: v }));
              if (errors[f.name]) setErrors((s) => ({ ...s, [f.name]: '' }));
            }}
          />
        ))}
      </div>
      <ModalFooter failure={failure}>
        <button type="button" className="btn btn-ghost" disabled={busy} onClick={() => void respond('cancel')} aria-label="Cancel: answer later or not at all">
          Cancel
        </button>
        <button type="button" className="btn" disabled={busy} onClick={() => void respond('decline')} aria-label={`Decline to answer ${request.server}`}>
          Decline
        </button>
        <button type="submit" className="btn btn-primary" disabled={busy} aria-label={`Send answers to ${request.server}`}>
          Send answers
        </button>
      </ModalFooter>
    </form>
  );
}

function UrlRequest({ request }: { request: Url }) {
  const { respondElicitation } = useActions();
  const busy = useAppStore((s) => s.protocol.answering[request.id] ?? false);
  const done = useAppStore((s) => s.protocol.elicitationsDone.includes(request.elicitationId));
  const [failure, setFailure] = useState<string | null>(null);
  const [opened, setOpened] = useState(false);
  const respond = async (action: 'accept' | 'decline' | 'cancel') => {
    const error = await respondElicitation(request.id, action);
    setFailure(error?.message ?? null);
  };
  const open = async () => {
    const check = openCheckedLink(request.url);
    if (!check.ok) return setFailure(check.reason);
    setOpened(true);
    await respond('accept');
  };
  return (
    <>
      <p className="small muted">The page is on</p>
      <p className="url-host">{request.host}</p>
      <p className="modal-url mono" aria-label="Full address">
        {request.url}
      </p>
      <p className="small muted">Nothing has been loaded. Only open it if you expected {request.server} to send you there.</p>
      {done && <p className="ok-note small">The server says this step is finished.</p>}
      <ModalFooter failure={failure}>
        <button type="button" className="btn btn-ghost" disabled={busy} onClick={() => void respond('cancel')} aria-label="Cancel: do not open it now">
          Cancel
        </button>
        <button
          type="button"
          className="btn"
          disabled={busy}
          onClick={() => void respond('decline')}
          aria-label={`Decline to open the page from ${request.server}`}
        >
          Decline
        </button>
        <button
          type="button"
          className="btn btn-primary"
          disabled={busy || opened}
          onClick={() => void open()}
          aria-label={`Open ${request.host} in your browser`}
        >
          Open in browser
        </button>
      </ModalFooter>
    </>
  );
}

export function ElicitationDialog({ request, waiting }: { request: ElicitationView; waiting: number }) {
  const { respondElicitation } = useActions();
  return (
    <Modal labelledBy="elicit-title" className="modal-wide" onEscape={() => void respondElicitation(request.id, 'cancel')}>
      <div className="request-head">
        <span className="chip chip-warn">{request.mode === 'url' ? 'asks you to visit a page' : 'asks you for information'}</span>
        {waiting > 1 && <span className="muted small">1 of {waiting} waiting</span>}
      </div>
      <h2 id="elicit-title">
        <span className="mono">{request.server}</span> {request.mode === 'url' ? 'wants you to open a page' : 'needs some answers'}
      </h2>
      <p className="prewrap request-message">{request.message}</p>
      {request.mode === 'form' ? <FormRequest key={request.id} request={request} /> : <UrlRequest key={request.id} request={request} />}
    </Modal>
  );
}
