// A conversation's title comes from the person's first message, readable in a list.
import { describe, expect, it } from 'vitest';
import { titleFrom } from '../../app/host/chatSessions.ts';

describe('titleFrom', () => {
  it('takes the first line without markdown marks, keeping words like snake_case whole', () => {
    expect(titleFrom('Hello **bold** and a table: | a | b |\n|---|---|')).toBe('Hello bold and a table: a b');
    expect(titleFrom('## Call `get_weather` for [Oslo](https://example.com)')).toBe('Call get_weather for Oslo');
    expect(titleFrom('\n\n> quoted question\nsecond line')).toBe('quoted question');
  });

  it('shortens a long first line with an ellipsis', () => {
    const title = titleFrom('word '.repeat(40));
    expect(title.length).toBe(60);
    expect(title.endsWith('…')).toBe(true);
  });
});
