import { strict as assert } from 'node:assert';
import { DEFAULT_SETTINGS } from '../../server/src/config/settings';
import { DocumentCache, resolveSettings } from '../../server/src/engine';

describe('document cache', () => {
  const settings = resolveSettings(DEFAULT_SETTINGS);
  const text = 'FROM node:20.11-bookworm-slim\nADD a.txt /a\n';

  it('parses a version once and lints it once per settings object', () => {
    const cache = new DocumentCache();
    const model = cache.model('u', 1, text);
    assert.equal(cache.model('u', 1, text), model);
    const result = cache.lint('u', 1, text, settings);
    assert.equal(cache.lint('u', 1, text, settings), result);
    assert.notEqual(cache.lint('u', 1, text, resolveSettings(DEFAULT_SETTINGS)), result, 'new settings lint again');
    assert.notEqual(cache.model('u', 2, `${text}#\n`), model, 'a new version is parsed');
  });

  it('keeps the findings of every open document but the models of the 32 used last', () => {
    const cache = new DocumentCache();
    const first = cache.lint('doc0', 1, text, settings);
    const model0 = cache.model('doc0', 1, text);
    for (let i = 1; i <= 32; i++) cache.lint(`doc${i}`, 1, text, settings);
    assert.equal(cache.lint('doc0', 1, text, settings), first, 'the findings stay');
    const again = cache.model('doc0', 1, text);
    assert.notEqual(again, model0, 'the model was dropped and is parsed again');
    assert.equal(again.text, text);
    const recent = cache.model('doc32', 1, text);
    assert.equal(cache.model('doc32', 1, text), recent, 'a recent model stays');
  });
});
