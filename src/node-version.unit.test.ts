import assert from 'node:assert/strict';
import { test } from 'node:test';
import { minimumNode, nodeVersionProblem } from './node-version.js';

test('Hearth starts on the Node.js it needs or later, and says plainly when it is older', () => {
  for (const ok of [`v${minimumNode}`, 'v20.20.2', 'v22.0.0', 'v24.11.1'])
    assert.equal(nodeVersionProblem(ok), null, ok);
  for (const old of ['v18.20.4', 'v20.18.3', 'v20.0.0']) {
    const message = nodeVersionProblem(old);
    assert.match(
      message ?? '',
      new RegExp(`needs Node\\.js ${minimumNode.replace(/\./g, '\\.')} or later; this is ${old.replace(/\./g, '\\.')}`),
    );
  }
  // The running Node.js is one Hearth supports (the tests would not have got this far otherwise).
  assert.equal(nodeVersionProblem(process.version), null);
});
