// The envelope: only a 5010 eligibility response is read, and every count and control number must add
// up. Each refusal says what the file is and what to do.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { readEnvelope } from '../../../src/shared/x12/readEnvelope';
import { tokenizeX12 } from '../../../src/shared/x12/tokenizeX12';
import { X12Error } from '../../../src/shared/x12/x12Types';
import { interchange, payerAndOffice, subscriber } from '../../helpers/x12Builder';

const domainSample = readFileSync(path.resolve(__dirname, '../../fixtures/x12/domain-sample.x12'), 'utf8');

const read = (text: string) => readEnvelope(tokenizeX12(text).segments);

function refusal(text: string): { problem: string; message: string; position: number | null } {
  try {
    read(text);
  } catch (error) {
    if (error instanceof X12Error)
      return { problem: error.problem, message: error.message, position: error.position };
    throw error;
  }
  throw new Error('the file was accepted');
}

const member = (hl: number, id: string) =>
  subscriber({
    hl,
    last: 'TESTPATIENT',
    first: 'JANE',
    memberId: id,
    dob: '1980-01-01',
    benefits: ['EB*1*IND*35'],
  });

describe('the envelope of an eligibility file', () => {
  it('the domain sample: one interchange, one transaction of 39 segments, test data', () => {
    const [ix] = read(domainSample);
    expect(ix).toMatchObject({
      sender: 'SYNTHPAYER',
      receiver: 'SYNTHOFFICE',
      controlNumber: '000000905',
      usage: 'test',
    });
    expect(ix!.transactions).toHaveLength(1);
    expect(ix!.transactions[0]!.controlNumber).toBe('0001');
    expect(ix!.transactions[0]!.segments).toHaveLength(39);
  });

  it('several transactions in one group, and several interchanges in one file', () => {
    const two = interchange(
      [
        [...payerAndOffice(), ...member(3, 'A1')],
        [...payerAndOffice(), ...member(3, 'B2')],
      ],
      {
        date: '2026-01-05',
      },
    );
    expect(read(two)[0]!.transactions.map((t) => t.controlNumber)).toEqual(['0001', '0002']);
    const second = interchange([[...payerAndOffice(), ...member(3, 'C3')]], {
      date: '2026-01-05',
      control: '906',
    });
    expect(read(two + second).map((i) => i.controlNumber)).toEqual(['000000905', '000000906']);
  });

  it('a 270 request is named as such, whether GS or ST says so', () => {
    const asRequest = domainSample.replace('GS*HB*', 'GS*HS*');
    expect(refusal(asRequest)).toMatchObject({ problem: 'request_270', position: 2 });
    expect(refusal(asRequest).message).toContain('This is an eligibility request (270)');
    expect(refusal(asRequest).message).toContain('Import the 271 response file instead.');
    expect(refusal(domainSample.replace('ST*271*', 'ST*270*')).problem).toBe('request_270');
  });

  it('4010 files (ISA 00401, or a 004010X092 guide) are named as the old format', () => {
    const isa4010 = interchange([[...payerAndOffice(), ...member(3, 'A1')]], {
      date: '2026-01-05',
      isaVersion: '00401',
    });
    expect(refusal(isa4010).problem).toBe('version_4010');
    expect(refusal(isa4010).message).toContain('old 4010 format');
    const guide4010 = interchange([[...payerAndOffice(), ...member(3, 'A1')]], {
      date: '2026-01-05',
      guide: '004010X092A1',
    });
    expect(refusal(guide4010).problem).toBe('version_4010');
  });

  it('other X12 files (a claim payment) are named', () => {
    const remit = interchange([[...payerAndOffice(), ...member(3, 'A1')]], {
      date: '2026-01-05',
      functional: 'HP',
    });
    expect(refusal(remit)).toMatchObject({ problem: 'not_271' });
    expect(refusal(remit).message).toBe(
      'This is a claim payment / remittance (835), not an eligibility response (271). Import the 271 file from the clearinghouse.',
    );
  });

  it('broken counts: SE01, GE01, IEA01', () => {
    const se = refusal(domainSample.replace('SE*39*0001', 'SE*38*0001'));
    expect(se).toMatchObject({ problem: 'counts', position: 41 });
    expect(se.message).toContain('transaction 0001 (SE01) says 38 segments, but it holds 39');
    expect(refusal(domainSample.replace('GE*1*905', 'GE*2*905')).message).toContain(
      'the group (GE01) says 2 transactions, but it holds 1',
    );
    expect(refusal(domainSample.replace('IEA*1*', 'IEA*3*')).message).toContain(
      'the interchange (IEA01) says 3 groups, but it holds 1',
    );
    // A segment removed from the middle leaves SE01 one too many.
    expect(refusal(domainSample.replace('III*ZZ*11~\n', '')).problem).toBe('counts');
  });

  it('control numbers that do not pair up: ST02/SE02, GS06/GE02, ISA13/IEA02', () => {
    expect(refusal(domainSample.replace('SE*39*0001', 'SE*39*0002')).message).toContain('ST02 and SE02');
    expect(refusal(domainSample.replace('GE*1*905', 'GE*1*906')).message).toContain('GS06 and GE02');
    expect(refusal(domainSample.replace('IEA*1*000000905', 'IEA*1*000000906')).message).toContain(
      'ISA13 and IEA02',
    );
  });

  it('a file cut at a segment boundary (no SE, GE or IEA) is refused as cut off', () => {
    const atEnd = domainSample.slice(0, domainSample.indexOf('IEA*'));
    expect(refusal(atEnd)).toMatchObject({ problem: 'truncated' });
    expect(refusal(atEnd).message).toBe(
      'The file ends before its closing IEA segment: it was cut off. Nothing was imported; get the file again from the clearinghouse.',
    );
    expect(refusal(domainSample.slice(0, domainSample.indexOf('LS*2120'))).message).toContain(
      'closing SE segment',
    );
  });

  it('envelope segments out of place', () => {
    expect(
      refusal(domainSample.replace('HL*1**20*1~', 'GS*HB*X*Y*20250115*1200*1*X*005010X279A1~')).problem,
    ).toBe('envelope');
  });
});
