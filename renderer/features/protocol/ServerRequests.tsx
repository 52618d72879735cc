// Requests servers make of the person, one at a time, oldest first: sampling consent and elicitation.
// They are modal: a server is waiting, and spending tokens or handing over answers needs an explicit choice.
import { useAppStore } from '../../store/storeContext.tsx';
import { ElicitationDialog } from './ElicitationDialog.tsx';
import { SamplingDialog } from './SamplingDialog.tsx';

export function ServerRequests() {
  const sampling = useAppStore((s) => s.protocol.sampling[0]);
  const elicitation = useAppStore((s) => s.protocol.elicitations[0]);
  const waiting = useAppStore((s) => s.protocol.sampling.length + s.protocol.elicitations.length);
  if (sampling && (!elicitation || sampling.requestedAt <= elicitation.requestedAt)) {
    return <SamplingDialog key={sampling.id} request={sampling} waiting={waiting} />;
  }
  if (elicitation) return <ElicitationDialog key={elicitation.id} request={elicitation} waiting={waiting} />;
  return null;
}
