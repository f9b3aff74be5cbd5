import { describe, it } from 'vitest';
import { assertFails, assertParses, ExpectedError, loadFixtures } from './helpers';

// Each fixture under fixtures/parse is `condition --- expected AST (no locations)`,
// each under fixtures/errors is `condition --- code, line, column, message`.
describe('condition parser fixtures', () => {
  describe.each(loadFixtures('parse'))('parses $name', ({ input, expected }) => {
    it('to the expected AST', () => {
      assertParses(input, expected);
    });
  });

  describe.each(loadFixtures('errors'))('fails on $name', ({ input, expected }) => {
    it('with the expected code, position and message', () => {
      assertFails(input, expected as ExpectedError);
    });
  });
});
