import {expect} from '@open-wc/testing';
import {atOrBelow, checkEndpoint} from '../../src/transport/endpoint.js';

describe('checkEndpoint', () => {
  const intranet = 'http://intranet.trust.nhs.uk/training/survey.html';
  const secure = 'https://lms.example.org/course/1';

  const allowed: [string, string, string][] = [
    [
      'https://research.example.org/api/responses',
      intranet,
      'https://research.example.org/api/responses',
    ],
    ['/api/responses', intranet, 'http://intranet.trust.nhs.uk/api/responses'],
    ['http://intranet.trust.nhs.uk/api', intranet, 'http://intranet.trust.nhs.uk/api'],
    ['http://localhost:3000/r', secure, 'http://localhost:3000/r'],
    ['http://127.0.0.1:8080/r', secure, 'http://127.0.0.1:8080/r'],
    ['http://[::1]:8080/r', secure, 'http://[::1]:8080/r'],
    ['responses', secure, 'https://lms.example.org/course/responses'],
  ];
  for (const [url, page, resolved] of allowed) {
    it(`allows ${url} from ${page}`, () => {
      const result = checkEndpoint(url, page);
      expect(result.ok).to.equal(true);
      if (result.ok) expect(result.url.href).to.equal(resolved);
    });
  }

  const refused: [string, string][] = [
    ['http://research.example.org/api', secure],
    ['http://research.example.org/api', intranet],
    ['http://intranet.trust.nhs.uk:8080/api', intranet],
    ['ftp://example.org/x', secure],
    ['javascript:alert(1)', secure],
    ['data:text/plain,hi', secure],
    ['https://user:secret@research.example.org/api', secure],
    ['http://', secure],
    ['http://localhost.evil.example/r', secure],
  ];
  for (const [url, page] of refused) {
    it(`refuses ${url} from ${page}`, () => {
      const result = checkEndpoint(url, page);
      expect(result.ok).to.equal(false);
      if (!result.ok) expect(result.message).to.be.a('string').and.not.equal('');
    });
  }

  it('does not repeat a password it refuses in its message (it reaches rs-error)', () => {
    const result = checkEndpoint('https://user:secret@research.example.org/api', secure);
    expect(result.ok).to.equal(false);
    if (!result.ok) expect(result.message).to.not.contain('secret');
  });
});

describe('atOrBelow', () => {
  it('is the address itself or a path below it, with or without the trailing slash', () => {
    expect(atOrBelow('https://lrs.example/xapi', 'https://lrs.example/xapi')).to.equal(true);
    expect(atOrBelow('https://lrs.example/xapi/statements', 'https://lrs.example/xapi')).to.equal(
      true,
    );
    expect(atOrBelow('https://lrs.example/xapi/statements', 'https://lrs.example/xapi/')).to.equal(
      true,
    );
  });

  it('is not an address that merely starts the same', () => {
    expect(atOrBelow('https://lrs.example.evil/xapi', 'https://lrs.example')).to.equal(false);
    expect(atOrBelow('https://lrs.example/xapi-other', 'https://lrs.example/xapi')).to.equal(false);
  });
});
