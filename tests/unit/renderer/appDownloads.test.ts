// What an app's ui/download-file may save, decided before the person is asked (renderer/features/apps/appDownloads.ts).
import { describe, expect, it } from 'vitest';
import { fileNameOf, MAX_DOWNLOAD_BYTES, MAX_DOWNLOAD_FILES, planDownload } from '../../../renderer/features/apps/appDownloads.ts';

const noRead = async (): Promise<never> => {
  throw new Error('nothing should be read');
};
const text = (s: Uint8Array) => new TextDecoder().decode(s);

describe('planDownload', () => {
  it('reads an embedded text resource and an embedded blob into named files', async () => {
    const plan = await planDownload(
      [
        { type: 'resource', resource: { uri: 'ui://app/exports/report.csv', mimeType: 'text/csv', text: 'a,b\n' } },
        { type: 'resource', resource: { uri: 'ui://app/logo.png', mimeType: 'image/png', blob: btoa('\x89PNG') } },
      ],
      noRead,
    );
    expect(plan.kind).toBe('files');
    if (plan.kind !== 'files') return;
    expect(plan.files.map((f) => [f.name, f.mimeType, f.bytes.byteLength])).toEqual([
      ['report.csv', 'text/csv', 4],
      ['logo.png', 'image/png', 4],
    ]);
    expect(text(plan.files[0]!.bytes)).toBe('a,b\n');
    expect(plan.files[1]!.bytes[0]).toBe(0x89);
  });

  it("reads a link to one of the server's resources through the host, named as the link says", async () => {
    const read: string[] = [];
    const plan = await planDownload([{ type: 'resource_link', uri: 'file:///srv/data/x.json', name: 'Quarterly data.json' }], async (uri) => {
      read.push(uri);
      return [{ uri, mimeType: 'application/json', text: '{}' }];
    });
    expect(read).toEqual(['file:///srv/data/x.json']);
    expect(plan).toMatchObject({ kind: 'files', files: [{ name: 'Quarterly data.json', mimeType: 'application/json' }] });
  });

  it('sends a link to a web page to the link opener instead of saving it', async () => {
    expect(await planDownload([{ type: 'resource_link', uri: 'https://example.com/report.pdf', name: 'r' }], noRead)).toEqual({
      kind: 'link',
      url: 'https://example.com/report.pdf',
    });
  });

  it('refuses nothing, too many files, too many bytes, something that is not a resource, and a resource with no contents', async () => {
    const one = { type: 'resource', resource: { uri: 'ui://a/b.txt', text: 'x' } };
    expect(await planDownload([], noRead)).toMatchObject({ kind: 'refused' });
    expect(
      await planDownload(
        Array.from({ length: MAX_DOWNLOAD_FILES + 1 }, () => one),
        noRead,
      ),
    ).toMatchObject({ kind: 'refused', reason: expect.stringContaining(`at most ${MAX_DOWNLOAD_FILES}`) });
    const huge = { type: 'resource', resource: { uri: 'ui://a/big.bin', text: 'x'.repeat(MAX_DOWNLOAD_BYTES / 2 + 1) } };
    expect(await planDownload([huge, huge], noRead)).toMatchObject({ kind: 'refused', reason: expect.stringContaining('larger than 50 MB') });
    expect(await planDownload([{ type: 'text', text: 'hi' }], noRead)).toMatchObject({ kind: 'refused' });
    expect(await planDownload([{ type: 'resource', resource: { uri: 'ui://a/empty' } }], noRead)).toMatchObject({
      kind: 'refused',
      reason: 'ui://a/empty has no contents to save.',
    });
    expect(await planDownload([{ type: 'resource', resource: { uri: 'ui://a/bad', blob: '%%%not base64' } }], noRead)).toMatchObject({ kind: 'refused' });
  });
});

describe('fileNameOf', () => {
  it('keeps the last segment, decoded, and nothing a file system or a person could be fooled by', () => {
    expect(fileNameOf('ui://app/exports/report.csv?v=2#top')).toBe('report.csv');
    expect(fileNameOf('ui://app/My%20Report.pdf')).toBe('My Report.pdf');
    expect(fileNameOf('ui://app/..%2F..%2F.bashrc')).toBe('_.._.bashrc');
    expect(fileNameOf('C:\\Windows\\evil.exe')).toBe('evil.exe');
    expect(fileNameOf('ui://app/invoice\u202Efdp.exe')).toBe('invoice_fdp.exe');
    expect(fileNameOf('ui://app/a:b*c?.txt')).toBe('a_b_c');
    expect(fileNameOf('ui://app/...')).toBe('download');
    expect(fileNameOf('')).toBe('download');
    expect(fileNameOf(`ui://app/${'x'.repeat(300)}.txt`)).toHaveLength(120);
  });
});
