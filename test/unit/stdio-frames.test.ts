import { strict as assert } from 'node:assert';
import { FrameResync } from '../../server/src/stdio-frames';

function frame(body: string): string {
  return `Content-Length: ${Buffer.byteLength(body)}\r\n\r\n${body}`;
}

/** Feeds the input in chunks of the given sizes (cycled) and collects what passes and what is dropped. */
function run(input: string, sizes: number[]): { out: string; dropped: string[] } {
  const dropped: string[] = [];
  const r = new FrameResync((bytes, reason) => dropped.push(`${bytes} ${reason}`));
  const parts: Buffer[] = [];
  r.on('data', (d: Buffer) => parts.push(d));
  const bytes = Buffer.from(input);
  let i = 0;
  let k = 0;
  while (i < bytes.length) {
    const n = sizes[k++ % sizes.length] ?? 1;
    r.write(bytes.subarray(i, i + n));
    i += n;
  }
  return { out: Buffer.concat(parts).toString(), dropped };
}

describe('stdio frame resync', () => {
  const good = [frame('{"jsonrpc":"2.0","id":1,"method":"a","params":{"s":"Content-Length: 5\\r\\n\\r\\n"}}'), `Content-Type: application/vscode-jsonrpc; charset=utf-8\r\n${frame('{"x":"é ü 😀"}')}`, frame('')].join('');

  it('passes valid frames through unchanged however the input is split', () => {
    for (const sizes of [[1], [2, 3], [7], [64], [100_000]]) assert.deepEqual(run(good, sizes), { out: good, dropped: [] }, `chunks of ${sizes.join(',')}`);
  });

  it('drops a header block without a valid Content-Length, up to the next frame', () => {
    for (const bad of ['Garbage: 1\r\n\r\n{}', 'Content-Length: x\r\n\r\n', 'Content-Length: -1\r\n\r\n', '}}}\r\n\r\n', 'no colon\r\n\r\n']) {
      for (const sizes of [[1], [5], [100_000]]) {
        const { out, dropped } = run(bad + good, sizes);
        assert.equal(out, good, JSON.stringify(bad));
        assert.ok(dropped.length > 0 && dropped.every((d) => d.endsWith('a header block without a valid Content-Length')), dropped.join());
      }
    }
  });

  it('drops a run of bytes with no header end, and never waits on it forever', () => {
    const { out, dropped } = run('x'.repeat(10_000) + good, [4096]);
    assert.equal(out, good);
    assert.ok(dropped.some((d) => d.endsWith('a header block with no end')));
  });
});
