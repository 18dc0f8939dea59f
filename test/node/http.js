// HTTP requests for the Node suites, as raw as the server sees them (no fetch normalising).
import {Buffer} from 'node:buffer';
import {request as httpRequest} from 'node:http';

/**
 * One HTTP exchange with no connection reuse. Resolves with the answer even when the server
 * closes the connection before the whole body was sent (as it does for 413).
 */
export function request(
  port,
  {method = 'GET', path = '/', headers = {}, body, chunked = false} = {},
) {
  return new Promise((resolve, reject) => {
    const data =
      body === undefined
        ? undefined
        : Buffer.from(typeof body === 'string' ? body : JSON.stringify(body));
    const allHeaders = {...headers};
    if (data && !chunked && !('content-length' in allHeaders))
      allHeaders['content-length'] = data.length;
    let answered = false;
    const req = httpRequest(
      {host: '127.0.0.1', port, method, path, headers: allHeaders, agent: false},
      (res) => {
        answered = true;
        const chunks = [];
        res.on('data', (c) => chunks.push(c));
        res.on('end', () => {
          const text = Buffer.concat(chunks).toString('utf8');
          let json;
          try {
            json = JSON.parse(text);
          } catch {
            json = undefined;
          }
          resolve({status: res.statusCode, headers: res.headers, text, json});
        });
      },
    );
    req.on('error', (error) => {
      if (!answered) reject(error);
    });
    if (data && chunked) {
      // Several chunks, so the server sees a stream without Content-Length.
      for (let i = 0; i < data.length; i += 16 * 1024) req.write(data.subarray(i, i + 16 * 1024));
      req.end();
    } else {
      req.end(data);
    }
  });
}
