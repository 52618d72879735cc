// Where a task's late result goes in the transcript Claude reads next (host/savedTasks.ts).
import type { MessageParam, ToolResultBlockParam } from '@anthropic-ai/sdk/resources/messages';
import { describe, expect, it } from 'vitest';
import type { ToolCallView } from '../../../app/api/views.ts';
import { placeLateResult } from '../../../app/host/savedTasks.ts';
import { repairTranscript } from '../../../app/llm/transcriptRepair.ts';

const call = { id: 'toolu_1', apiName: 'jobs__build', server: 'jobs', toolName: 'build', input: {}, status: 'running' } as ToolCallView;
const result: ToolResultBlockParam = { type: 'tool_result', tool_use_id: 'toolu_1', content: [{ type: 'text', text: 'built 42 widgets' }] };
const ask: MessageParam = { role: 'user', content: [{ type: 'text', text: 'build it' }] };
const use: MessageParam = { role: 'assistant', content: [{ type: 'tool_use', id: 'toolu_1', name: 'jobs__build', input: {} }] };

describe('placing a late task result', () => {
  it('answers the tool_use when the host stopped before any result was recorded', () => {
    const t = [ask, use];
    placeLateResult(t, call, result);
    expect(t.at(-1)).toEqual({ role: 'user', content: [result] });
    expect(repairTranscript(t)).toEqual(t);
  });

  it('takes the place of the stand-in result when Claude has not replied since', () => {
    const standIn: ToolResultBlockParam = {
      type: 'tool_result',
      tool_use_id: 'toolu_1',
      is_error: true,
      content: [{ type: 'text', text: 'The person stopped this tool call.' }],
    };
    const t: MessageParam[] = [ask, use, { role: 'user', content: [standIn] }];
    placeLateResult(t, call, result);
    expect(t).toHaveLength(3);
    expect(t[2]).toEqual({ role: 'user', content: [result] });
  });

  it('adds a note for the next turn when Claude already went on without it', () => {
    const standIn: ToolResultBlockParam = { type: 'tool_result', tool_use_id: 'toolu_1', is_error: true, content: [{ type: 'text', text: 'stopped' }] };
    const t: MessageParam[] = [ask, use, { role: 'user', content: [standIn] }, { role: 'assistant', content: [{ type: 'text', text: 'It was stopped.' }] }];
    placeLateResult(t, call, result);
    expect(t).toHaveLength(5);
    const note = t[4]!;
    expect(note.role).toBe('user');
    expect(JSON.stringify(note.content)).toContain('built 42 widgets');
    expect(JSON.stringify(note.content)).toContain('\\"build\\" on the MCP server \\"jobs\\"');
    // The earlier stand-in stays: history Claude answered is not rewritten.
    expect(t[2]).toEqual({ role: 'user', content: [standIn] });
    expect(repairTranscript(t)).toHaveLength(5);
  });
});
