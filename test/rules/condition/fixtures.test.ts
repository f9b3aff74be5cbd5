import { describe, expect, it } from 'vitest';
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

  // The productions libs 0.25.4 added (string operator modifiers, an argument after a
  // transformer's result) each have fixtures that cite the upstream lines they follow.
  it('cites the libs 0.25.4 line of every modifier and transformer-result-argument fixture', () => {
    const fixtures = [...loadFixtures('parse'), ...loadFixtures('errors')].filter((f) =>
      /^(modifier|transformer-result-arg)-/.test(f.name),
    );
    expect(fixtures.length).toBeGreaterThanOrEqual(30);
    const uncited = fixtures.filter((f) => !/^falcosecurity\/libs@0\.25\.4:userspace\/libsinsp\/\S+:\d+/.test(f.citation ?? ''));
    expect(uncited.map((f) => f.name)).toEqual([]);
  });
});
