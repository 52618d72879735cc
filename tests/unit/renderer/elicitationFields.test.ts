import { describe, expect, it } from 'vitest';
import { checkValues, contentOf, fieldsOf, initialValues, issuesByField } from '../../../renderer/features/protocol/elicitationFields.ts';
import { attachmentLabel } from '../../../renderer/features/chat/AttachmentChips.tsx';
import { filterPrompts } from '../../../renderer/features/chat/SlashMenu.tsx';
import { looksAbsolute } from '../../../renderer/features/settings/RootsSettings.tsx';

const schema = {
  type: 'object',
  properties: {
    name: { type: 'string', title: 'Name' },
    email: { type: 'string', format: 'email' },
    age: { type: 'integer', minimum: 1, maximum: 120, default: 42 },
    agree: { type: 'boolean' },
    color: { type: 'string', enum: ['r', 'g'], enumNames: ['Red', 'Green'], default: 'g' },
    hero: { type: 'string', oneOf: [{ const: 'h1', title: 'Superman' }] },
    fish: {
      type: 'array',
      maxItems: 2,
      items: {
        anyOf: [
          { const: 'f1', title: 'Tuna' },
          { const: 'f2', title: 'Salmon' },
          { const: 'f3', title: 'Trout' },
        ],
      },
      default: ['f1'],
    },
    blob: { type: 'object' },
  },
  required: ['name'],
};

describe('elicitation forms', () => {
  it("turns the spec's primitive schemas into fields with titled choices", () => {
    const fields = fieldsOf(schema);
    expect(fields.map((f) => `${f.name}:${f.kind}`)).toEqual([
      'name:text',
      'email:text',
      'age:number',
      'agree:boolean',
      'color:select',
      'hero:select',
      'fish:multi',
      'blob:unsupported',
    ]);
    expect(fields[0]).toMatchObject({ label: 'Name', required: true });
    expect(fields[4]).toMatchObject({
      options: [
        { value: 'r', label: 'Red' },
        { value: 'g', label: 'Green' },
      ],
    });
    expect(fields[6]).toMatchObject({
      maxItems: 2,
      options: [
        { value: 'f1', label: 'Tuna' },
        { value: 'f2', label: 'Salmon' },
        { value: 'f3', label: 'Trout' },
      ],
    });
  });

  it('starts from the defaults, checks answers, and sends numbers as numbers with empty optional fields left out', () => {
    const fields = fieldsOf(schema);
    const values = initialValues(fields, { age: 42, color: 'g', fish: ['f1'] });
    expect(values).toMatchObject({ name: '', age: '42', agree: false, color: 'g', fish: ['f1'] });
    expect(checkValues(fields, values)).toEqual({ name: 'Name is required.' });
    const bad = { ...values, name: 'Ada', email: 'ada', age: '4.5', fish: ['f1', 'f2', 'f3'] };
    expect(Object.keys(checkValues(fields, bad)).sort()).toEqual(['age', 'email', 'fish']);
    const good = { ...values, name: 'Ada', email: 'ada@example.com' };
    expect(checkValues(fields, good)).toEqual({});
    expect(contentOf(fields, good)).toEqual({ name: 'Ada', email: 'ada@example.com', age: 42, agree: false, color: 'g', fish: ['f1'] });
  });

  it("maps the core's issues to their fields", () => {
    expect(
      issuesByField([
        { path: 'content.email', message: 'bad' },
        { path: 'content', message: 'other' },
      ]),
    ).toEqual({ fields: { email: 'bad' }, other: ['other'] });
  });
});

describe('small helpers of the protocol UI', () => {
  it('filters slash prompts by name first, then by anything else', () => {
    const p = (name: string, description?: string) => ({ server: 's', name, arguments: [], ...(description ? { description } : {}) });
    expect(filterPrompts([p('review', 'team notes'), p('team-lead')], 'team').map((x) => x.name)).toEqual(['team-lead', 'review']);
  });

  it('labels attachments by name, or by the telling end of the URI', () => {
    expect(attachmentLabel({ server: 's', uri: 'demo://resource/dynamic/text/7' })).toBe('text/7');
    expect(attachmentLabel({ server: 's', uri: 'demo://resource/static/document/instructions.md' })).toBe('instructions.md');
    expect(attachmentLabel({ server: 's', uri: 'x://a', name: 'Notes' })).toBe('Notes');
  });

  it('knows a full path from a relative one', () => {
    expect(['/home/a', 'C:\\work', '\\\\share\\x'].every(looksAbsolute)).toBe(true);
    expect(['work', './x', '~/x'].some(looksAbsolute)).toBe(false);
  });
});
