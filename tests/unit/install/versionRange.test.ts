// The runtime range comparator: the forms bundle manifests use, in npm semver (Node.js) and PEP 440 (Python).
import { describe, expect, it } from 'vitest';
import { satisfies, versionIn } from '../../../app/install/versionRange.ts';

describe('satisfies', () => {
  const semver: [string, string, boolean][] = [
    ['>=18.0.0', '20.19.2', true],
    ['>=18.0.0', '16.20.0', false],
    ['>=22', '20.19.2', false],
    ['>=22', '22.0.0', true],
    ['>18', '18.20.1', false],
    ['>18', '19.0.0', true],
    ['>18.0.0', '18.0.1', true],
    ['<=20', '20.19.2', true],
    ['<=20.0.0', '20.19.2', false],
    ['<21', '20.19.2', true],
    ['<20', '20.0.0', false],
    ['^20.1.0', '20.19.2', true],
    ['^20.1.0', '20.0.5', false],
    ['^20.1.0', '21.0.0', false],
    ['^0.2.3', '0.2.9', true],
    ['^0.2.3', '0.3.0', false],
    ['^0.0.3', '0.0.4', false],
    ['~20.1', '20.1.9', true],
    ['~20.1', '20.2.0', false],
    ['~20', '20.99.0', true],
    ['20.x', '20.19.2', true],
    ['20.x', '21.0.0', false],
    ['20', '20.1.0', true],
    ['=20.1.0', '20.1.0', true],
    ['v20.1.0', '20.1.1', false],
    ['*', '12.0.0', true],
    ['', '12.0.0', true],
    ['>=18 <21', '20.19.2', true],
    ['>=18 <20', '20.19.2', false],
    ['>=18, <21', '20.19.2', true],
    ['16.x || >=22', '20.19.2', false],
    ['16.x || >=20', '20.19.2', true],
    ['18 - 20', '20.19.2', true],
    ['18.0.0 - 20.1.0', '20.19.2', false],
    ['>=18.0.0-beta.1', '20.0.0', true],
  ];
  for (const [range, version, expected] of semver) {
    it(`semver: ${version} ${expected ? 'is' : 'is not'} in "${range}"`, () => {
      expect(satisfies(range, version, 'semver')).toBe(expected);
    });
  }

  const pep440: [string, string, boolean][] = [
    ['>=3.10', '3.11.7', true],
    ['>=3.10', '3.9.18', false],
    ['>=3.8,<4.0', '3.11.7', true],
    ['>=3.8,<4.0', '4.0.0', false],
    ['>=3.8, <3.11', '3.11.7', false],
    ['~=3.10', '3.12.1', true],
    ['~=3.10', '4.0', false],
    ['~=3.10.2', '3.10.9', true],
    ['~=3.10.2', '3.11.0', false],
    ['==3.11.*', '3.11.7', true],
    ['==3.11.*', '3.12.0', false],
    ['==3.11', '3.11.7', false],
    ['==3.11', '3.11.0', true],
    ['!=3.11.7', '3.11.7', false],
    ['!=3.11.*', '3.12.0', true],
    ['>3.11', '3.11.7', true],
    ['<=3.11', '3.11.7', false],
    ['>=3.13.0rc1', '3.13.0', true],
  ];
  for (const [range, version, expected] of pep440) {
    it(`pep440: ${version} ${expected ? 'is' : 'is not'} in "${range}"`, () => {
      expect(satisfies(range, version, 'pep440')).toBe(expected);
    });
  }

  it('says undefined for a range it cannot read, rather than guessing', () => {
    expect(satisfies('latest', '20.19.2', 'semver')).toBeUndefined();
    expect(satisfies('>=eighteen', '20.19.2', 'semver')).toBeUndefined();
    expect(satisfies('~=3', '3.11.7', 'pep440')).toBeUndefined();
    expect(satisfies('>=3.8 and <4', '3.11.7', 'pep440')).toBeUndefined();
  });
});

describe('versionIn', () => {
  it('reads the version a runtime prints', () => {
    expect(versionIn('v20.19.2\n')).toBe('20.19.2');
    expect(versionIn('Python 3.11.7\n')).toBe('3.11.7');
    expect(versionIn('no version here')).toBeUndefined();
  });
});
