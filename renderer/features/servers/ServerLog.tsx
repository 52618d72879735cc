// A server's live log: stderr and protocol lines as text, the newest at the bottom, capped in the DOM.
import { memo, useEffect, useLayoutEffect, useRef, useState } from 'react';
import type { LogLevel, LogLine, McpLogLevel } from '../../../app/api/index.ts';
import { useActions, useAppStore } from '../../store/storeContext.tsx';
import { formatClock } from '../../ui/format.ts';

const RENDER_CAP = 500;
const LEVELS: LogLevel[] = ['debug', 'info', 'notice', 'warning', 'error'];

/** A stable key per line: lines keep their object identity from batch to batch, so a new batch mounts only its own rows. */
const lineKeys = new WeakMap<LogLine, number>();
let nextLineKey = 0;
function keyOf(line: LogLine): number {
  let key = lineKeys.get(line);
  if (key === undefined) lineKeys.set(line, (key = nextLineKey++));
  return key;
}

const LogRow = memo(function LogRow({ line }: { line: LogLine }) {
  return (
    <div className={`log-line log-${line.level}`}>
      <span className="log-time">{formatClock(line.at)}</span>
      <span className="log-source">{line.source === 'host' ? 'switchboard' : line.source}</span>
      <span className="log-text">{line.text}</span>
    </div>
  );
});

const MCP_LEVELS: McpLogLevel[] = ['debug', 'info', 'notice', 'warning', 'error', 'critical', 'alert', 'emergency'];

/** What the server itself sends (`logging/setLevel`), apart from which lines are shown here. */
function ServerLevel({ name }: { name: string }) {
  const supported = useAppStore((s) => s.servers.byName[name]?.capabilities?.logging ?? false);
  const level = useAppStore((s) => s.servers.byName[name]?.logLevel);
  const { setLogLevel } = useActions();
  if (!supported) return null;
  return (
    <select
      className="input input-small"
      value={level ?? ''}
      onChange={(e) => void setLogLevel(name, e.target.value as McpLogLevel)}
      aria-label={`Level ${name} sends its log messages from`}
      title="Asks the server to send its log messages from this level up (logging/setLevel)"
    >
      <option value="" disabled>
        Server sends: its default
      </option>
      {MCP_LEVELS.map((l) => (
        <option key={l} value={l}>
          Server sends: {l} and up
        </option>
      ))}
    </select>
  );
}

export function ServerLog({ name }: { name: string }) {
  const lines = useAppStore((s) => s.servers.logs[name]);
  const box = useRef<HTMLDivElement>(null);
  const [follow, setFollow] = useState(true);
  const [minLevel, setMinLevel] = useState<LogLevel>('debug');
  const floor = LEVELS.indexOf(minLevel);
  const filtered = lines ? (floor > 0 ? lines.filter((l) => LEVELS.indexOf(l.level) >= floor) : lines) : [];
  const shown = filtered.slice(-RENDER_CAP);

  useLayoutEffect(() => {
    const el = box.current;
    if (el && follow) el.scrollTop = el.scrollHeight;
  }, [lines, follow]);

  useEffect(() => setFollow(true), [name]);

  return (
    <section className="section" aria-labelledby="log-heading">
      <h2 id="log-heading" className="section-title">
        Log <span className="muted">{filtered.length > RENDER_CAP ? `showing the newest ${RENDER_CAP} of ${filtered.length} lines` : ''}</span>
        <span className="spacer" />
        <ServerLevel name={name} />
        <select
          className="input input-small"
          value={minLevel}
          onChange={(e) => setMinLevel(e.target.value as LogLevel)}
          aria-label="Show log lines from this level up"
        >
          <option value="debug">All lines</option>
          <option value="info">Info and up</option>
          <option value="warning">Warnings and errors</option>
          <option value="error">Errors only</option>
        </select>
      </h2>
      <div
        ref={box}
        className="log mono"
        role="log"
        aria-label={`Log of ${name}`}
        tabIndex={0}
        onScroll={(e) => {
          const el = e.currentTarget;
          setFollow(el.scrollHeight - el.scrollTop - el.clientHeight < 24);
        }}
      >
        {shown.length === 0 ? (
          <p className="muted log-empty">Nothing logged yet.</p>
        ) : (
          // Keyed by the line, not its position: under a flood every position's text changes each batch, so
          // position keys rewrote all 500 rows per frame; line keys drop the oldest rows and add the new ones.
          shown.map((line) => <LogRow key={keyOf(line)} line={line} />)
        )}
      </div>
    </section>
  );
}
