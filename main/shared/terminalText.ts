// Text bound for a terminal, made inert: escape sequences (CSI, OSC such as clipboard writes and
// titles, DCS and other ESC forms) are removed whole, and every other C0/C1 control character
// except newline and tab is dropped, so a server's words cannot clear the screen, rewrite earlier
// lines or reach the clipboard.

const ESCAPE_SEQUENCE =
  /\u001b(?:\[[0-?]*[ -/]*[@-~]?|[\]PX^_][\s\S]*?(?:\u0007|\u001b\\|$)|[ -/]*[0-~]?)|\u009b[0-?]*[ -/]*[@-~]?|[\u009d\u0090\u0098\u009e\u009f][\s\S]*?(?:\u0007|\u009c|\u001b\\|$)/g;
const CONTROL = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/g;

export function stripTerminalControls(text: string): string {
  return text.replace(ESCAPE_SEQUENCE, '').replace(CONTROL, '');
}
