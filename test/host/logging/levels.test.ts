import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { LevelRegistry, passes } from '@plughost/host/internal/logging/levels';

describe('LevelRegistry', () => {
  test('unconfigured name inherits the root level', () => {
    const registry = new LevelRegistry('WARN');
    assert.equal(registry.effectiveLevel('de.resolution.apitokenauth.Service'), 'WARN');
  });

  test('name inherits the nearest configured parent', () => {
    const registry = new LevelRegistry('WARN');
    registry.set('de', 'ERROR');
    registry.set('de.resolution.apitokenauth', 'DEBUG');
    assert.equal(registry.effectiveLevel('de.resolution.apitokenauth.tokens.TokenStore'), 'DEBUG');
    assert.equal(registry.effectiveLevel('de.resolution.other'), 'ERROR');
    assert.equal(registry.effectiveLevel('com.example'), 'WARN');
  });

  test('parent match needs a whole part', () => {
    const registry = new LevelRegistry('WARN');
    registry.set('de.res', 'TRACE');
    assert.equal(registry.effectiveLevel('de.resolution'), 'WARN');
  });

  test('change applies after an earlier lookup', () => {
    const registry = new LevelRegistry('WARN');
    assert.equal(registry.effectiveLevel('a.b.c'), 'WARN');
    registry.set('a', 'INFO');
    assert.equal(registry.effectiveLevel('a.b.c'), 'INFO');
    registry.remove('a');
    assert.equal(registry.effectiveLevel('a.b.c'), 'WARN');
  });

  test('root level set through the empty name', () => {
    const registry = new LevelRegistry('WARN');
    registry.set('', 'TRACE');
    assert.equal(registry.effectiveLevel('x.y'), 'TRACE');
    assert.deepEqual(registry.entries()[0], { name: '', level: 'TRACE' });
  });

  test('OFF lets no level pass', () => {
    for (const level of ['TRACE', 'DEBUG', 'INFO', 'WARN', 'ERROR', 'FATAL'] as const) {
      assert.equal(passes(level, 'OFF'), false, level);
    }
    assert.equal(passes('WARN', 'WARN'), true);
    assert.equal(passes('INFO', 'WARN'), false);
    assert.equal(passes('FATAL', 'TRACE'), true);
  });
});
