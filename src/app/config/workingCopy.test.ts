import {
  addEntry,
  applyMerge,
  deleteEntry,
  entryId,
  planMerge,
  problemsOfDraft,
  problemsPerEntry,
  replaceEntry,
} from './workingCopy';

const events = {
  events: {
    errorQuery: 'sum(rate(http_requests_total{code=~"5.."}[{{.window}}]))',
    totalQuery: 'sum(rate(http_requests_total[{{.window}}]))',
  },
};

function slo(id: string, overrides: Record<string, unknown> = {}) {
  return { id, name: id, service: 'checkout', objective: 99.9, sli: events, ...overrides };
}

describe('working copy edits', () => {
  it('adds, replaces and deletes by position without touching the other entries', () => {
    const list = [slo('a'), 'not an slo', slo('c')];
    expect(addEntry(list, slo('d'))).toEqual([slo('a'), 'not an slo', slo('c'), slo('d')]);
    expect(replaceEntry(list, 1, slo('b'))).toEqual([slo('a'), slo('b'), slo('c')]);
    expect(deleteEntry(list, 0)).toEqual(['not an slo', slo('c')]);
    expect(list).toEqual([slo('a'), 'not an slo', slo('c')]);
  });

  it('reads ids only from objects with a text id', () => {
    expect(entryId(slo(' a '))).toBe('a');
    expect(entryId({ id: 7 })).toBeUndefined();
    expect(entryId(['a'])).toBeUndefined();
    expect(entryId(null)).toBeUndefined();
  });
});

describe('merging imported SLOs', () => {
  const existing = [slo('a'), slo('b')];
  const imported = [slo('b', { objective: 99 }), slo('c')];

  it('tells new entries from ones that would replace an existing id', () => {
    const plan = planMerge(existing, imported);
    expect(plan.additions).toEqual([slo('c')]);
    expect(plan.replacements).toEqual([{ id: 'b', index: 1, entry: slo('b', { objective: 99 }) }]);
  });

  it('replaces in place when asked, and otherwise keeps the existing entry', () => {
    const plan = planMerge(existing, imported);
    expect(applyMerge(existing, plan, true)).toEqual([slo('a'), slo('b', { objective: 99 }), slo('c')]);
    expect(applyMerge(existing, plan, false)).toEqual([slo('a'), slo('b'), slo('c')]);
  });
});

describe('problems', () => {
  it('groups the validator problems by entry, keeping list paths', () => {
    const problems = problemsPerEntry([slo('a'), slo('b', { objective: 100 }), slo('c')]);
    expect(problems[0]).toEqual([]);
    expect(problems[1].map((problem) => problem.path)).toEqual(['slos[1].objective']);
    expect(problems[2]).toEqual([]);
  });

  it('reports a draft reusing another entry id', () => {
    expect(problemsOfDraft(slo('a'), ['a', 'b']).map((problem) => `${problem.path}: ${problem.message}`)).toEqual([
      'slos[0].id: "a" is already the id of another SLO in the list: ids must be unique',
    ]);
    expect(problemsOfDraft(slo('a'), ['b'])).toEqual([]);
  });
});
