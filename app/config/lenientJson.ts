// JSON as people and other apps write it: comments and trailing commas allowed (VS Code's mcp.json is JSONC).
import { parse, printParseErrorCode, type ParseError } from 'jsonc-parser';

function lineColumn(text: string, offset: number): string {
  const before = text.slice(0, offset).split('\n');
  return `line ${before.length}, column ${(before.at(-1)?.length ?? 0) + 1}`;
}

/** Parses JSON with comments and trailing commas; `{ error }` names the line and column of the first problem. */
export function parseLenientJson(text: string): { value: unknown } | { error: string } {
  const body = text.replace(/^\uFEFF/, '');
  if (body.trim() === '') return { value: {} };
  const errors: ParseError[] = [];
  const value: unknown = parse(body, errors, { allowTrailingComma: true, disallowComments: false, allowEmptyContent: true });
  const first = errors[0];
  if (first) return { error: `${lineColumn(body, first.offset)}: ${describeCode(printParseErrorCode(first.error))}` };
  return { value };
}

function describeCode(code: string): string {
  switch (code) {
    case 'PropertyNameExpected':
      return 'a property name in double quotes was expected';
    case 'ValueExpected':
      return 'a value was expected';
    case 'ColonExpected':
      return 'a colon (:) was expected';
    case 'CommaExpected':
      return 'a comma was expected';
    case 'CloseBraceExpected':
      return 'a closing } was expected';
    case 'CloseBracketExpected':
      return 'a closing ] was expected';
    case 'EndOfFileExpected':
      return 'the text goes on after the JSON ends';
    case 'UnexpectedEndOfString':
      return 'a string is not closed with a double quote';
    case 'UnexpectedEndOfComment':
      return 'a /* comment is not closed';
    default:
      return code.replace(/([a-z])([A-Z])/g, '$1 $2').toLowerCase();
  }
}
