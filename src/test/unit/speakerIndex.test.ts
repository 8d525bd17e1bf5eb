// Speakers merged across articles: name keys, the grouping rules, the team's decisions file, and
// the incremental index (same groups as a rebuild, fast enough for 30,000 sidecars).
import * as assert from 'node:assert/strict';
import fc from 'fast-check';
import { EntityIndex, type IndexedEntity } from '../../core/entityIndex';
import type { ArticleStatus } from '../../core/model';
import {
  emptySpeakerDecisions, parseSpeakerDecisions, recordMerge, recordSplit, renameInDecisions, serializeSpeakerDecisions, type SpeakerDecisions,
} from '../../core/speakerDecisions';
import { SpeakerIndex, type ArticleSpeakers, type IndexedQuotation, type SpeakerGroup } from '../../core/speakerIndex';
import { nameMatchesFilter, shortKeysOf, speakerNameKey } from '../../core/speakerNames';

/**
 * An article whose speakers are given as `name` or `name|alias|alias`, each quoted `quotes` times;
 * a leading `?` makes the speaker and its quotations unconfirmed suggestions.
 */
function article(names: string[], quotes = 1, status: ArticleStatus = 'in-progress'): ArticleSpeakers {
  const speakers = names.map((spec, i) => {
    const suggested = spec.startsWith('?') ? { suggested: 0.8 } : {};
    const [name, ...aliases] = spec.replace(/^\?/, '').split('|');
    return { id: `s${i + 1}`, name, aliases, ...suggested };
  });
  const quotations: IndexedQuotation[] = [];
  speakers.forEach((s) => {
    for (let k = 0; k < quotes; k++) {
      quotations.push({ id: `q${quotations.length + 1}`, text: `قال ${s.name} ${k}`, speaker: s.id, anchor: 'ok', ...(s.suggested === undefined ? {} : { suggested: 0.7 }) });
    }
  });
  return { status, speakers, quotations };
}

/** Groups as plain data: names, counts, suggestion state, and members with their quotations, in index order. */
function shape(index: SpeakerIndex): unknown[] {
  return index.groups().map((g) => ({
    id: g.id, name: g.name, keys: g.keys, spellings: g.spellings, spellingOfKey: [...g.spellingOfKey],
    members: g.members.map((m) => `${m.article}/${m.speaker.id}/${m.speaker.name}|${m.speaker.aliases.join('|')}:${m.quotations.map((q) => `${q.id}${q.suggested ?? ''}`).join(',')}`),
    suggested: g.suggested, quotations: g.quotationCount, suggestedQuotations: g.suggestedQuotationCount, articles: g.articleCount,
  }));
}

function groupWith(index: SpeakerIndex, article: string, speakerId: string): SpeakerGroup {
  const g = index.groupOf(article, speakerId);
  assert.ok(g, `${article}/${speakerId} has a group`);
  return g;
}

describe('speaker name keys (speakerNames)', () => {
  it('fold the spellings of one name: yeh forms, foreign g, hamza on alef, diacritics, tatweel', () => {
    assert.equal(speakerNameKey('جون كيري'), speakerNameKey('جون كيرى'));
    assert.equal(speakerNameKey('شويغو'), speakerNameKey('شويجو'));
    assert.equal(speakerNameKey('أوباما'), speakerNameKey('اوباما'));
    assert.equal(speakerNameKey('كِيـــرِي'), speakerNameKey('كيري'));
    assert.equal(speakerNameKey('البنتاغون'), speakerNameKey('البنتاجون'));
    assert.notEqual(speakerNameKey('كيري'), speakerNameKey('كارتر'));
  });

  it('drop punctuation and leading titles, join compound given names, lower-case Latin', () => {
    assert.equal(speakerNameKey('  الرئيس   أوباما، '), speakerNameKey('أوباما'));
    assert.equal(speakerNameKey('الرئيس'), speakerNameKey('الرئيس'), 'a title alone stays the name');
    assert.notEqual(speakerNameKey('الرئيس'), '');
    assert.equal(speakerNameKey('عبد الله'), speakerNameKey('عبدالله'));
    assert.equal(speakerNameKey('أبو مازن'), speakerNameKey('ابومازن'));
    assert.equal(speakerNameKey('John KERRY'), 'john kerry');
    assert.equal(speakerNameKey('«»،.'), '');
  });

  it('short keys are the tails of a name at word boundaries, never starting after بن or آل', () => {
    const k = (s: string) => speakerNameKey(s);
    assert.deepEqual(shortKeysOf(k('جون فوربس كيري')), [k('فوربس كيري'), k('كيري')]);
    assert.deepEqual(shortKeysOf(k('محمد بن سلمان')), [k('بن سلمان')]);
    assert.deepEqual(shortKeysOf(k('كيري')), []);
    assert.deepEqual(shortKeysOf(k('عبد الله')), [], 'a joined compound is one word');
  });

  it('the filter matches spelling variants', () => {
    assert.ok(nameMatchesFilter('جون كيرى', 'كيري'));
    assert.ok(nameMatchesFilter('سيرغي شويغو', 'شويجو'));
    assert.ok(!nameMatchesFilter('أوباما', 'كيري'));
    assert.ok(nameMatchesFilter('أي اسم', '  '));
  });
});

describe('speaker index (speakerIndex)', () => {
  it('merges the Kerry, Shoigu and Obama spellings of the seed articles across articles', () => {
    const index = new SpeakerIndex();
    index.batch(() => {
      index.setArticle('000', article(['جون كيري', 'شويغو', 'أوباما']));
      index.setArticle('001', article(['كيري', 'سيرغي شويغو', 'أوباما']));
      index.setArticle('002', article(['جون كيرى', 'شويجو']));
      index.setArticle('003', article(['جون كيري', 'اوباما']));
    });
    const kerry = groupWith(index, '001', 's1');
    assert.equal(kerry.name, 'جون كيري', 'the full name is shown, in the more used spelling');
    assert.deepEqual(kerry.members.map((m) => `${m.article}/${m.speaker.name}`), ['000/جون كيري', '001/كيري', '002/جون كيرى', '003/جون كيري']);
    assert.equal(kerry.quotationCount, 4);
    assert.equal(kerry.articleCount, 4);
    assert.deepEqual([...kerry.keys].sort(), [speakerNameKey('جون كيري'), speakerNameKey('كيري')].sort());
    const shoigu = groupWith(index, '002', 's2');
    assert.equal(shoigu.name, 'سيرغي شويغو');
    assert.deepEqual(shoigu.members.map((m) => m.article), ['000', '001', '002']);
    assert.equal(groupWith(index, '003', 's2'), groupWith(index, '000', 's3'), 'أوباما = اوباما');
    assert.equal(index.groups().length, 3);
  });

  it('joins aliases, and a short name only when exactly one group has it as a tail', () => {
    const index = new SpeakerIndex();
    index.setArticle('a', article(['وزير الخارجية الأمريكي|جون كيري']));
    index.setArticle('b', article(['جون كيري']));
    assert.equal(groupWith(index, 'a', 's1'), groupWith(index, 'b', 's1'), 'joined through the alias');

    index.setArticle('c', article(['جورج بوش']));
    index.setArticle('d', article(['جيب بوش']));
    index.setArticle('e', article(['بوش']));
    assert.equal(groupWith(index, 'e', 's1').members.length, 1, 'two Bushes: the short name stays on its own');
    index.setArticle('d', undefined);
    assert.equal(groupWith(index, 'e', 's1'), groupWith(index, 'c', 's1'), 'one Bush left: the short name joins him');
    index.setArticle('d', article(['جيب بوش']));
    assert.equal(groupWith(index, 'e', 's1').members.length, 1, 'ambiguous again after the update');
  });

  it('a short name that is an alias of one full name and the tail of another stays on its own', () => {
    const index = new SpeakerIndex();
    index.setArticle('a', article(['جون كيري|كيري']));
    index.setArticle('c', article(['كيري']));
    assert.equal(groupWith(index, 'c', 's1'), groupWith(index, 'a', 's1'), 'one candidate: the alias joins its full name');
    index.setArticle('b', article(['جورج كيري']));
    assert.deepEqual(groupWith(index, 'c', 's1').members.map((m) => m.article), ['c'], 'two Kerrys: which one is unknown');
    assert.deepEqual(groupWith(index, 'a', 's1').members.map((m) => m.article), ['a'], 'the record named جون كيري keeps its name');
    assert.notEqual(groupWith(index, 'b', 's1'), groupWith(index, 'a', 's1'));
  });

  // The suggester's records over SaudiNewsNet (2015-07-21_02081, 2015-07-26_01006, 2015-07-25_01170,
  // 2015-07-21_00464): through الشيخ, عبد الله and السيسي they once made one speaker of 717 names.
  it('a title, a given name or a family name shared as an alias never joins two full names', () => {
    const index = new SpeakerIndex();
    index.batch(() => {
      index.setArticle('kalbani', article(['عادل الكلباني|الكلباني|الشيخ|الشيخ عادل الكلباني إمام']));
      index.setArticle('shaarawi', article(['محمد|الشيخ الشعراوي|الشيخ|الشيخ محمد أمين']));
      index.setArticle('abdullah', article(['عبد الله|الملك|الشيخ|الملك عبد الله|الشيخ عبد الله']));
      index.setArticle('mahlab', article(['إبراهيم محلب|الرئيس السيسي']));
      index.setArticle('sisi', article(['عبد الفتاح السيسي|السيسي']));
      index.setArticle('sheikh', article(['الشيخ']));
      index.setArticle('short', article(['الكلباني', 'السيسي']));
    });
    const of = (a: string, id = 's1'): string[] => groupWith(index, a, id).members.map((m) => `${m.article}/${m.speaker.name}`);
    assert.deepEqual(of('kalbani'), ['kalbani/عادل الكلباني', 'short/الكلباني'], 'الكلباني has one candidate');
    assert.deepEqual(of('shaarawi'), ['shaarawi/محمد']);
    assert.deepEqual(of('abdullah'), ['abdullah/عبد الله']);
    assert.deepEqual(of('sheikh'), ['sheikh/الشيخ'], 'الشيخ is an alias of three people: on its own');
    assert.deepEqual(of('mahlab'), ['mahlab/إبراهيم محلب']);
    assert.deepEqual(of('short', 's2'), ['short/السيسي'], 'السيسي is an alias of محلب (a wrong suggestion) and of عبد الفتاح السيسي');
    index.setArticle('mahlab', article(['إبراهيم محلب']));
    assert.deepEqual(of('short', 's2'), ['short/السيسي', 'sisi/عبد الفتاح السيسي'], 'one candidate left');
  });

  it('brothers sharing بن and a father never meet through it, nor through a name cut after بن', () => {
    const index = new SpeakerIndex();
    index.setArticle('a', article(['محمد بن سلمان|بن سلمان|محمد بن']));
    index.setArticle('b', article(['خالد بن سلمان|بن سلمان']));
    index.setArticle('c', article(['محمد بن نايف|محمد بن']));
    const names = index.groups().map((g) => g.name).sort();
    assert.deepEqual(names, ['خالد بن سلمان', 'محمد بن سلمان', 'محمد بن نايف']);
    index.setArticle('b', undefined);
    index.setArticle('d', article(['بن سلمان']));
    assert.equal(groupWith(index, 'd', 's1'), groupWith(index, 'a', 's1'), 'one son left: بن سلمان is his');
  });

  it('never merges names without letters, and drops empty articles', () => {
    const index = new SpeakerIndex();
    index.setArticle('a', article(['؟', 'كيري']));
    index.setArticle('b', article(['؟']));
    assert.notEqual(groupWith(index, 'a', 's1'), groupWith(index, 'b', 's1'));
    index.setArticle('a', undefined);
    index.setArticle('b', undefined);
    assert.deepEqual(index.groups(), []);
    assert.deepEqual(index.size, { articles: 0, keys: 0, groups: 0 });
  });

  it('lists quotations without a speaker, or with a speaker id that names nobody, per article', () => {
    const index = new SpeakerIndex();
    index.setArticle('a', {
      status: 'done',
      speakers: [{ id: 's1', name: 'كيري', aliases: [] }],
      quotations: [
        { id: 'q1', speaker: 's1', anchor: 'ok' },
        { id: 'q2', speaker: null, anchor: 'ok' },
        { id: 'q3', speaker: 's9', anchor: 'edited' },
      ],
    });
    assert.deepEqual(index.unattributed().map((u) => [u.article, u.quotations.map((q) => q.id)]), [['a', ['q2', 'q3']]]);
    assert.equal(index.status('a'), 'done');
  });

  it('a group is a suggestion while every record of it is; one confirmed record makes it confirmed', () => {
    const index = new SpeakerIndex();
    index.setArticle('a', article(['?كيري', 'لافروف'], 2));
    const kerry = groupWith(index, 'a', 's1');
    assert.equal(kerry.suggested, true);
    assert.equal(kerry.quotationCount, 2);
    assert.equal(kerry.suggestedQuotationCount, 2);
    assert.equal(groupWith(index, 'a', 's2').suggested, false, 'a confirmed speaker');
    assert.equal(groupWith(index, 'a', 's2').suggestedQuotationCount, 0);

    index.setArticle('b', article(['جون كيرى']));
    const merged = groupWith(index, 'a', 's1');
    assert.equal(merged, groupWith(index, 'b', 's1'), 'suggested records group like any other');
    assert.equal(merged.suggested, false, 'one confirmed record makes the group confirmed');
    assert.deepEqual([merged.quotationCount, merged.suggestedQuotationCount], [3, 2]);
    assert.equal(merged.name, 'جون كيرى');

    index.setArticle('b', undefined);
    assert.equal(groupWith(index, 'a', 's1').suggested, true, 'a suggestion again once the confirmed record is gone');
    // Accepting the speaker and one quotation: same names, so only the flags change.
    const accepted = article(['كيري', 'لافروف'], 2);
    accepted.quotations = accepted.quotations.map((q) => (q.id === 'q2' ? { ...q, suggested: 0.7 } : q));
    index.setArticle('a', accepted);
    const after = groupWith(index, 'a', 's1');
    assert.deepEqual([after.suggested, after.quotationCount, after.suggestedQuotationCount], [false, 2, 1]);
    assert.deepEqual(index.unattributed(), []);
  });

  describe('decisions', () => {
    it('a merge joins unrelated names and shows its first name; a split undoes it', () => {
      const index = new SpeakerIndex();
      index.setArticle('a', article(['وزير الخارجية الأمريكي']));
      index.setArticle('b', article(['جون كيري']));
      let d = recordMerge(emptySpeakerDecisions(), [['جون كيري'], ['وزير الخارجية الأمريكي']]);
      index.setDecisions(d);
      const g = groupWith(index, 'a', 's1');
      assert.equal(g, groupWith(index, 'b', 's1'));
      assert.equal(g.name, 'جون كيري');
      d = recordSplit(d, ['وزير الخارجية الأمريكي'], ['جون كيري']);
      assert.deepEqual(d.merge, []);
      index.setDecisions(d);
      assert.notEqual(groupWith(index, 'a', 's1'), groupWith(index, 'b', 's1'));
    });

    it('a split separates what the rules joined: a short name, an alias', () => {
      const index = new SpeakerIndex();
      index.setArticle('a', article(['جون كيري']));
      index.setArticle('b', article(['كيرى']));
      index.setArticle('c', article(['جمال|كمال']));
      index.setArticle('d', article(['كمال']));
      assert.equal(groupWith(index, 'a', 's1'), groupWith(index, 'b', 's1'));
      // جمال and كمال share a key under the foreign-g fold: one group until split.
      assert.equal(groupWith(index, 'c', 's1'), groupWith(index, 'd', 's1'));
      index.setDecisions(recordSplit(emptySpeakerDecisions(), ['كيري'], ['جون كيري']));
      assert.notEqual(groupWith(index, 'a', 's1'), groupWith(index, 'b', 's1'));
      assert.equal(groupWith(index, 'b', 's1').name, 'كيرى');
    });

    it('a merge wins over a split of the same names', () => {
      const index = new SpeakerIndex();
      index.setArticle('a', article(['شويغو']));
      index.setArticle('b', article(['وزير الدفاع الروسي']));
      index.setDecisions({ merge: [['شويغو', 'وزير الدفاع الروسي']], split: [['شويغو', 'وزير الدفاع الروسي']], extra: {} });
      assert.equal(groupWith(index, 'a', 's1'), groupWith(index, 'b', 's1'));
    });

    it('merging groups drops splits between their names and combines overlapping merges', () => {
      let d: SpeakerDecisions = { merge: [['أ ب', 'ج د']], split: [['كيري', 'جون كيري'], ['س', 'ص']], extra: {} };
      d = recordMerge(d, [['جون كيري', 'كيري'], ['ج د']]);
      assert.deepEqual(d.merge, [['جون كيري', 'أ ب', 'ج د']]);
      assert.deepEqual(d.split, [['س', 'ص']]);
    });

    it('rename carries the decisions over to the new name', () => {
      const d = renameInDecisions({ merge: [['كيري', 'وزير الخارجية']], split: [['كيري', 'جورج كيري']], extra: {} }, new Set([speakerNameKey('كيري')]), 'جون كيري');
      assert.deepEqual(d.merge, [['جون كيري', 'وزير الخارجية']]);
      assert.deepEqual(d.split, [['جورج كيري', 'جون كيري']]);
    });

    it('the file is canonical: same decisions, same bytes, read back unchanged', () => {
      const a: SpeakerDecisions = { merge: [['جون كيري', 'وزير الخارجية', 'كيرى', 'كيري']], split: [['ص', 'س', 'ع']], extra: { note: 'kept' } };
      const b: SpeakerDecisions = { merge: [['جون كيري', 'كيرى', 'وزير الخارجية']], split: [['س', 'ع'], ['ع', 'ص'], ['ص', 'س']], extra: { note: 'kept' } };
      const text = serializeSpeakerDecisions(a);
      assert.equal(serializeSpeakerDecisions(b), text);
      assert.match(text, /^# Speaker decisions/);
      const back = parseSpeakerDecisions(text);
      assert.ok(back.ok);
      assert.equal(serializeSpeakerDecisions(back.decisions), text);
      assert.equal(back.decisions.merge[0][0], 'جون كيري', 'the shown name stays first');
      assert.equal(back.decisions.merge[0].length, 3, 'كيري and كيرى are one key');
      assert.equal(back.decisions.split.length, 3);
      assert.deepEqual(back.decisions.extra, { note: 'kept' });
    });

    it('a broken file is refused with its line, never half-read', () => {
      const cases: Array<[string, RegExp, number]> = [
        ['merge: [[a, b]\n', /Not valid YAML/, 2],
        ['schema: arabic-news-annotator/speakers\nmerge:\n  - ["a"]\n', /at least two names/, 3],
        ['split: 3\n', /must be a list/, 1],
        ['schema: other\n', /another tool/, 1],
        ['schema_version: 9\n', /version 9/, 1],
        ['- a\n', /top level must be a mapping/, 1],
      ];
      for (const [text, message, line] of cases) {
        const r = parseSpeakerDecisions(text);
        assert.ok(!r.ok, text);
        assert.match(r.problems[0].message, message);
        assert.equal(r.problems[0].line, line, text);
      }
      assert.deepEqual(parseSpeakerDecisions(''), { ok: true, decisions: emptySpeakerDecisions() });
    });
  });

  describe('incremental updates', () => {
    const pool = [
      'جون كيري', 'جون كيرى', 'كيري', 'جورج كيري', 'شويغو', 'سيرغي شويجو', 'بوش', 'جورج بوش', 'جيب بوش', 'أوباما', 'باراك اوباما', 'الرئيس أوباما',
      'محمد بن سلمان', 'خالد بن سلمان', 'بن سلمان', 'سلمان', 'محمد', 'الشيخ', 'وزير الخارجية', '؟',
    ];
    const speakerSpec = fc.tuple(fc.constantFrom(...pool), fc.array(fc.constantFrom(...pool), { maxLength: 2 }), fc.boolean())
      .map(([name, aliases, suggested]) => `${suggested ? '?' : ''}${[name, ...aliases].join('|')}`);
    // `quotes` varies the quotations under the same names (an update that regroups nothing);
    // `look` reads the sorted list in between, so that later updates patch it rather than build it.
    const op = fc.record({
      article: fc.constantFrom('a', 'b', 'c', 'd', 'e', 'f'),
      speakers: fc.option(fc.array(speakerSpec, { maxLength: 3 }), { nil: undefined }),
      quotes: fc.integer({ min: 0, max: 2 }),
      look: fc.boolean(),
    });
    const decisions = fc.record({
      merge: fc.array(fc.array(fc.constantFrom(...pool), { minLength: 2, maxLength: 3 }), { maxLength: 2 }),
      split: fc.array(fc.array(fc.constantFrom(...pool), { minLength: 2, maxLength: 2 }), { maxLength: 2 }),
    });

    it('after any sequence of article and decision updates, the groups equal those of a rebuild (in any article order)', () => {
      const step = fc.oneof(op, decisions.map((d) => ({ decisions: d })));
      fc.assert(fc.property(fc.array(step, { maxLength: 25 }), decisions, (steps, first) => {
        const live = new SpeakerIndex();
        let current: SpeakerDecisions = { ...first, extra: {} };
        live.setDecisions(current);
        const state = new Map<string, ArticleSpeakers>();
        for (const s of steps) {
          if ('decisions' in s) {
            current = { ...s.decisions, extra: {} };
            live.setDecisions(current);
            continue;
          }
          const data = s.speakers ? article(s.speakers, s.quotes) : undefined;
          live.setArticle(s.article, data);
          if (data) state.set(s.article, data); else state.delete(s.article);
          if (s.look) live.groups();
        }
        for (const order of [[...state.keys()].sort(), [...state.keys()].sort().reverse()]) {
          const fresh = new SpeakerIndex();
          fresh.setDecisions(current);
          fresh.batch(() => { for (const a of order) fresh.setArticle(a, state.get(a)); });
          assert.deepEqual(shape(live), shape(fresh));
        }
      }), { numRuns: 300 });
    });

    it('an update regroups only the components of the names it changed; other groups stay the same objects', () => {
      const index = new SpeakerIndex();
      index.batch(() => {
        index.setArticle('a', article(['جون كيري', 'سيرغي لافروف']));
        index.setArticle('b', article(['كيري', 'جورج بوش', 'جيب بوش']));
        index.setArticle('c', article(['أوباما']));
      });
      const before = new Map(index.groups().map((g) => [g.name, g]));
      // Same names, one more quotation each: nothing regrouped, the article's groups recounted.
      index.setArticle('a', article(['جون كيري', 'سيرغي لافروف'], 2));
      let after = new Map(index.groups().map((g) => [g.name, g]));
      assert.notEqual(after.get('جون كيري'), before.get('جون كيري'));
      assert.equal(after.get('جون كيري')!.quotationCount, 3);
      for (const name of ['جورج بوش', 'جيب بوش', 'أوباما']) assert.equal(after.get(name), before.get(name), name);
      // A new name: its own group appears, the others are untouched.
      index.setArticle('c', article(['أوباما', 'شويغو']));
      after = new Map(index.groups().map((g) => [g.name, g]));
      assert.ok(after.has('شويغو'));
      for (const name of ['جون كيري', 'سيرغي لافروف', 'جورج بوش', 'جيب بوش']) assert.equal(after.get(name), index.groups().find((g) => g.name === name), name);
      assert.deepEqual(index.groups().map((g) => g.name), [...index.groups()].sort((x, y) => new Intl.Collator('ar').compare(x.name, y.name)).map((g) => g.name), 'still sorted by name');
    });
  });

  describe('entity index: incremental updates', () => {
    const texts = ['كيري', 'كيرى', 'الرياض', 'البنتاغون', 'البنتاجون', 'موسكو', '؟'];
    const mention = fc.tuple(fc.constantFrom('PER', 'LOC', 'ORG'), fc.constantFrom(...texts), fc.option(fc.constantFrom(0.5, 0.873, 1, 1e-7), { nil: undefined }), fc.constantFrom('ok', 'edited', 'unanchored'), fc.constantFrom('', 'x-'));
    const step = fc.record({
      article: fc.constantFrom('a', 'b', 'c', 'd'),
      mentions: fc.option(fc.array(mention, { maxLength: 5 }), { nil: undefined }),
      look: fc.boolean(),
    });
    const entitiesOf = (mentions: ReadonlyArray<readonly [string, string, number | undefined, string, string]>): IndexedEntity[] =>
      mentions.map(([label, text, suggested, anchor, idPrefix], i) => ({ id: `${idPrefix}e${i + 1}`, label, text, anchor: anchor as IndexedEntity['anchor'], ...(suggested === undefined ? {} : { suggested }) }));
    const shapeOf = (index: EntityIndex): unknown => index.labelCounts().sort((x, y) => (x.label < y.label ? -1 : 1)).map((l) => ({
      ...l, names: index.names(l.label).map((n) => ({ id: n.id, name: n.name, count: n.count, suggested: n.suggestedCount, articles: n.articleCount, mentions: n.mentions() })),
    }));

    it('after any sequence of article updates, labels, names, counts and mentions equal those of a fresh index', () => {
      fc.assert(fc.property(fc.array(step, { maxLength: 30 }), (steps) => {
        const live = new EntityIndex();
        const state = new Map<string, IndexedEntity[]>();
        for (const s of steps) {
          const entities = s.mentions && entitiesOf(s.mentions);
          live.setArticle(s.article, entities);
          if (entities?.length) state.set(s.article, entities); else state.delete(s.article);
          if (s.look) shapeOf(live);
        }
        const fresh = new EntityIndex();
        for (const a of [...state.keys()].reverse()) fresh.setArticle(a, state.get(a));
        assert.deepEqual(shapeOf(live), shapeOf(fresh));
        // Mentions come back as they were given, confidence and id included.
        for (const [a, list] of state) {
          for (const e of list) assert.ok(live.names(e.label).some((n) => n.mentions().some((m) => m.article === a && JSON.stringify(m.entity) === JSON.stringify(e))), `${a} ${e.id}`);
        }
      }), { numRuns: 300 });
    });
  });

  describe('entity index: confirmed and suggested mentions', () => {
    const entity = (id: string, label: string, text: string, suggested?: number): IndexedEntity => ({ id, label, text, anchor: 'ok', ...(suggested === undefined ? {} : { suggested }) });

    it('counts suggested mentions apart, per name and per label, and orders names by confirmed mentions', () => {
      const index = new EntityIndex();
      index.setArticle('a', [entity('e1', 'PER', 'كيري'), entity('e2', 'PER', 'كيرى', 0.9), entity('e3', 'PER', 'لافروف', 0.8), entity('e4', 'PER', 'لافروف', 0.8), entity('e5', 'LOC', 'موسكو', 0.6)]);
      index.setArticle('b', [entity('e1', 'PER', 'كيري', 0.7)]);
      const names = index.names('PER');
      assert.deepEqual(names.map((n) => [n.name, n.count, n.suggestedCount, n.articleCount]), [['كيري', 3, 2, 2], ['لافروف', 2, 2, 1]], 'a confirmed mention ranks before two suggested ones');
      assert.deepEqual(index.labelCounts().sort((x, y) => x.label.localeCompare(y.label)), [
        { label: 'LOC', count: 1, suggested: 1, names: 1 },
        { label: 'PER', count: 5, suggested: 4, names: 2 },
      ]);
      assert.deepEqual(names[0].mentions().map((m) => [m.article, m.entity.id, m.entity.suggested]), [['a', 'e1', undefined], ['a', 'e2', 0.9], ['b', 'e1', 0.7]]);

      // Accepting in b (the key goes), rejecting in a (the mention goes): counts follow.
      index.setArticle('b', [entity('e1', 'PER', 'كيري')]);
      index.setArticle('a', [entity('e1', 'PER', 'كيري'), entity('e2', 'PER', 'كيرى', 0.9), entity('e5', 'LOC', 'موسكو', 0.6)]);
      assert.deepEqual(index.names('PER').map((n) => [n.name, n.count, n.suggestedCount]), [['كيري', 3, 1]]);
      assert.deepEqual(index.labelCounts().find((l) => l.label === 'PER'), { label: 'PER', count: 3, suggested: 1, names: 1 });
      index.setArticle('a', undefined);
      index.setArticle('b', undefined);
      assert.deepEqual(index.labelCounts(), []);
    });
  });

  describe('a workspace of 30,000 sidecars', () => {
    // Synthetic but shaped like news: 3,000 people, each written in a few ways, 1-4 speakers per article.
    const FIRST = ['جون', 'سيرغي', 'باراك', 'محمد', 'أحمد', 'علي', 'حسن', 'فلاديمير', 'جورج', 'عبد الله'];
    const LAST = Array.from({ length: 300 }, (_, i) => `كير${'يى'[i % 2]}${String.fromCharCode(0x0628 + (i % 20))}${String.fromCharCode(0x0628 + Math.floor(i / 20))}`);
    function person(p: number, variant: number): string {
      const first = FIRST[p % FIRST.length], last = LAST[Math.floor(p / FIRST.length) % LAST.length];
      return [`${first} ${last}`, last, `${first} ${last.replace('ي', 'ى')}`, `الرئيس ${first} ${last}`][variant % 4];
    }
    function articleNo(i: number): ArticleSpeakers {
      const n = 1 + (i % 4);
      return article(Array.from({ length: n }, (_, k) => person((i * 7 + k * 131) % 3000, i + k)), 2, (['not-started', 'in-progress', 'done'] as const)[i % 3]);
    }

    // Timings belong to `npm run bench`; this checks the incremental paths at scale against a rebuild.
    it('50 updates and a merge decision leave the same groups as a cold build of the result', function () {
      this.timeout(120_000);
      const articles = new Map(Array.from({ length: 30_000 }, (_, i) => [`articles/${i}.txt`, articleNo(i)]));
      const index = new SpeakerIndex();
      index.batch(() => { for (const [a, data] of articles) index.setArticle(a, data); });
      assert.ok(index.size.groups > 1000, `grouped into ${index.size.groups} groups`);
      index.groups();
      for (let k = 0; k < 50; k++) {
        const i = (k * 613) % 30_000;
        const data = k % 5 === 4 ? undefined : articleNo(i + 1 + k);
        index.setArticle(`articles/${i}.txt`, data);
        if (data) articles.set(`articles/${i}.txt`, data); else articles.delete(`articles/${i}.txt`);
      }
      const decisions = recordMerge(emptySpeakerDecisions(), [[person(1, 0)], [person(2, 0)]]);
      index.setDecisions(decisions);
      const fresh = new SpeakerIndex();
      fresh.setDecisions(decisions);
      fresh.batch(() => { for (const [a, data] of articles) fresh.setArticle(a, data); });
      assert.deepEqual(shape(index), shape(fresh));
    });
  });
});
