import { describe, expect, it } from 'vitest';
import { readLicensedCdtFile } from '../../../src/shared/catalog/licensedImport';

const utf8 = (text: string) => new TextEncoder().encode(text);

describe('reading the licensed CDT file', () => {
  it('accepts a header row, a BOM, Windows line ends, quotes and lower-case codes', () => {
    const file = utf8(
      '\uFEFFCode,Nomenclature,Descriptor\r\nd0367,"Synthetic name, both jaws","Synthetic ""descriptor"" text"\r\nD0368,Synthetic TMJ,\r\n',
    );
    const result = readLicensedCdtFile(file);
    expect(result.issues).toEqual([]);
    expect(result.rows).toEqual([
      {
        line: 2,
        code: 'D0367',
        nomenclature: 'Synthetic name, both jaws',
        descriptor: 'Synthetic "descriptor" text',
      },
      { line: 3, code: 'D0368', nomenclature: 'Synthetic TMJ', descriptor: '' },
    ]);
  });

  it('accepts a file without a header', () => {
    expect(readLicensedCdtFile(utf8('D0367,A,B\n')).rows).toHaveLength(1);
  });

  it('reports every bad row with its line and column, and never quotes the cell', () => {
    const text = [
      'code,nomenclature,descriptor',
      'D0367,Good,Fine',
      'X123,Bad code,Text',
      'D0368,,Missing name',
      'D0369,Too,many,columns',
      '"D0370","multi',
      'line name",ok',
      'D0367,Duplicate,Again',
      'D0371,Name\u202Ewith override,ok',
    ].join('\n');
    const { rows, issues } = readLicensedCdtFile(utf8(text));
    expect(rows.map((r) => r.code)).toEqual(['D0367', 'D0370']);
    expect(issues.map((i) => [i.line, i.column])).toEqual([
      [3, 'code'],
      [4, 'nomenclature'],
      [5, null],
      [8, 'code'],
      [9, 'nomenclature'],
    ]);
    expect(issues[3]!.message).toBe('Line 8: D0367 already appears on line 2.');
    for (const issue of issues) expect(issue.message).not.toMatch(/X123|Too|override/);
  });

  it('refuses a file that is not UTF-8, with what to do about it', () => {
    const latin1 = new Uint8Array([...utf8('D0367,Radiograf'), 0xed, ...utf8('a,x\n')]);
    const { rows, issues } = readLicensedCdtFile(latin1);
    expect(rows).toEqual([]);
    expect(issues[0]!.message).toMatch(/not UTF-8.*CSV UTF-8/);
  });

  it('refuses an empty file, a header-only file and an unclosed quote', () => {
    expect(readLicensedCdtFile(new Uint8Array()).issues[0]!.message).toBe('The file is empty.');
    expect(readLicensedCdtFile(utf8('code,nomenclature,descriptor\n')).issues[0]!.message).toBe(
      'The file has no code rows.',
    );
    expect(readLicensedCdtFile(utf8('D0367,"open,x\nD0368,a,b\n')).issues[0]).toMatchObject({ line: 1 });
  });
});
