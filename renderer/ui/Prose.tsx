// A message written for people that may mark code with backticks (`npx`, `config.json`): the marked
// parts render as code, and no literal backtick is shown.
import { Fragment } from 'react';

export function Prose({ text }: { text: string }) {
  if (!text.includes('`')) return <>{text}</>;
  const parts = text.split(/`([^`\n]+)`/g);
  return <>{parts.map((part, i) => (i % 2 === 1 ? <code key={i}>{part}</code> : <Fragment key={i}>{part.replace(/`/g, '')}</Fragment>))}</>;
}
