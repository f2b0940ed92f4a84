using Crossing.Core.Cases.Names;
using Xunit.Abstractions;

namespace Crossing.Tests.Cases.Names;

/// <summary>
/// How coarse the keys are: over generated syllable-built names (like the demo's), how many different
/// Hangul names end up under the same key. The figures are quoted in docs/name-matching.md.
/// </summary>
public sealed class NameKeyCollisionTests(ITestOutputHelper output)
{
    // Syllables common in Korean given names of the last decades, North and South.
    private const string CommonGivenSyllables =
        "민서지현준수영은우하윤연진도예유재정성희혜경미선호동상철명순자숙옥남석태훈용기주원아나다" +
        "라린빈채소시승세건혁규찬한종광인일창국환형범균웅근식봉길덕만애향란화춘금복분말실보나율온";

    private sealed record Collisions(int Names, int Keys, double SharedShare, double MeanOthers);

    private static Collisions Measure(IEnumerable<string> hangulGivenNames)
    {
        var names = hangulGivenNames.Distinct(StringComparer.Ordinal).ToList();
        var buckets = names.GroupBy(n => KoreanNames.Keys("김" + n)[0].Given, StringComparer.Ordinal).ToList();
        var shared = buckets.Where(b => b.Count() > 1).Sum(b => b.Count());
        var meanOthers = buckets.Sum(b => (double)b.Count() * (b.Count() - 1)) / names.Count;
        return new Collisions(names.Count, buckets.Count, (double)shared / names.Count, meanOthers);
    }

    private void Report(string corpus, Collisions c) =>
        output.WriteLine($"{corpus}: {c.Names} names, {c.Keys} keys, {c.SharedShare:P1} share a key with another name, " +
                         $"{c.MeanOthers:F2} other names per key on average");

    [Fact]
    public void Common_two_syllable_given_names_fall_into_small_key_buckets()
    {
        var syllables = CommonGivenSyllables.Distinct().ToArray();
        var collisions = Measure(from a in syllables from b in syllables select $"{a}{b}");
        Report($"all pairs of {syllables.Length} common syllables", collisions);
        Assert.True(collisions.SharedShare < 0.55, $"{collisions.SharedShare:P1} of names share a key");
        Assert.True(collisions.MeanOthers < 1.0, $"{collisions.MeanOthers:F2} others per key");
    }

    [Fact]
    public void Random_syllable_names_spread_over_many_keys()
    {
        var random = new Random(20261123);
        var collisions = Measure(Enumerable.Range(0, 20_000)
            .Select(_ => $"{(char)random.Next(0xAC00, 0xD7A4)}{(char)random.Next(0xAC00, 0xD7A4)}"));
        Report("20,000 random two-syllable names", collisions);
        Assert.True(collisions.SharedShare < 0.1, $"{collisions.SharedShare:P1} of names share a key");
    }

    [Fact]
    public void Full_names_from_common_surnames_and_syllables_share_a_reading_with_few_others()
    {
        var syllables = CommonGivenSyllables.Distinct().ToArray();
        var surnames = KoreanSurnames.PrincipalHangulForms.Where(s => s.Length == 1).Take(30).ToArray();
        var names = (from s in surnames from a in syllables from b in syllables select KoreanNames.Keys(s + a + b)).ToList();
        var byKey = new Dictionary<NameKey, int>();
        foreach (var keys in names)
            foreach (var key in keys)
                byKey[key] = byKey.GetValueOrDefault(key) + 1;
        var share = (double)names.Count(keys => keys.Any(k => byKey[k] > 1)) / names.Count;
        var meanOthers = names.Average(keys => byKey[keys[0]] - 1);
        output.WriteLine($"{surnames.Length} surnames x {syllables.Length}^2 given names: {names.Count} names, " +
                         $"{byKey.Count} keys, {share:P1} share a key with another name, " +
                         $"{meanOthers:F2} other names under a name's first key on average");
        Assert.True(share < 0.7, $"{share:P1} of full names share a key");
        Assert.True(meanOthers < 2.0, $"{meanOthers:F2} others per key");
    }

    private sealed record Reach(int Names, double HeardShare, double HeardOthers, int Typos, double TypoFound, double TypoReadsAsAnother, double TypoOthers, double HangulLookupKeys, double RomanisedLookupKeys, double SlipLookupKeys);

    /// <summary>
    /// What the query-time variants cost in precision: how many other common-syllable names a heard variant
    /// makes likely; of every one-letter slip (dropped, doubled, swapped) in the Revised Romanization, the share
    /// still found as likely, the share that reads as another common name instead, how many other names a slip
    /// makes likely; and how many keys a query looks up.
    /// </summary>
    private static Reach MeasureReach(string[] givenNames, Func<int, bool> typoSample)
    {
        var byKey = givenNames.GroupBy(n => KoreanNames.Keys("김" + n)[0], n => n)
            .ToDictionary(g => g.Key, g => g.ToList());
        int withHeard = 0, heardOthers = 0, typos = 0, typoFound = 0, readsAsAnother = 0, typoOthers = 0, hangulLookups = 0, romanisedLookups = 0, sampled = 0, slipLookups = 0;
        for (var index = 0; index < givenNames.Length; index++)
        {
            var given = givenNames[index];
            var recorded = KoreanNames.Forms("김" + given);
            var others = recorded.Variants
                .SelectMany(v => byKey.GetValueOrDefault(v.Key, []))
                .Where(n => n != given).Distinct().Count();
            heardOthers += others;
            if (others > 0) withHeard++;
            hangulLookups += recorded.LookupKeys.Count;
            if (!typoSample(index)) continue;

            var romanised = Hangul.Romanise(given);
            romanisedLookups += KoreanNames.Forms("Kim " + romanised).LookupKeys.Count;
            sampled++;
            for (var i = 0; i < romanised.Length; i++)
            {
                var slips = new List<string> { romanised.Remove(i, 1), romanised.Insert(i, romanised[i].ToString()) };
                if (i + 1 < romanised.Length && romanised[i] != romanised[i + 1])
                    slips.Add(string.Concat(romanised.AsSpan(0, i), romanised[i + 1].ToString(), romanised[i].ToString(), romanised.AsSpan(i + 2)));
                foreach (var slip in slips)
                {
                    var typed = KoreanNames.Forms("Kim " + slip);
                    typos++;
                    slipLookups += typed.LookupKeys.Count;
                    if (KoreanNames.Similarity(typed, recorded) >= 0.8 && typed.LookupKeys.Any(recorded.Keys.Contains))
                        typoFound++;
                    else if (RomanisedSyllables.ReadsAsCommonNameSyllables(slip))
                        readsAsAnother++;
                    typoOthers += typed.Keys.Concat(typed.Variants.Select(v => v.Key))
                        .SelectMany(k => byKey.GetValueOrDefault(k, []))
                        .Where(n => n != given).Distinct().Count();
                }
            }
        }
        return new Reach(givenNames.Length, (double)withHeard / givenNames.Length, (double)heardOthers / givenNames.Length,
            typos, (double)typoFound / typos, (double)readsAsAnother / typos, (double)typoOthers / typos, (double)hangulLookups / givenNames.Length, (double)romanisedLookups / sampled, (double)slipLookups / typos);
    }

    [Fact]
    public void Heard_and_typo_variants_reach_few_other_names()
    {
        var syllables = CommonGivenSyllables.Distinct().ToArray();
        var reach = MeasureReach([.. from a in syllables from b in syllables select $"{a}{b}"], index => index % 40 == 0);
        output.WriteLine($"{reach.Names} common-syllable names: {reach.HeardShare:P1} have a heard variant that is another of them, " +
                         $"{reach.HeardOthers:F2} other names made likely by heard variants on average; " +
                         $"{reach.Typos} one-letter slips of the RR spelling of every 40th: {reach.TypoFound:P1} found as likely, " +
                         $"{reach.TypoReadsAsAnother:P1} read as another common name instead, {reach.TypoOthers:F2} other names made likely per slip; " +
                         $"keys looked up per query: {reach.HangulLookupKeys:F1} in Hangul, {reach.RomanisedLookupKeys:F1} in RR, {reach.SlipLookupKeys:F1} in RR with a slip");
        Assert.True(reach.HeardOthers < 1.0, $"{reach.HeardOthers:F2} other names per heard variant");
        Assert.True(reach.TypoFound > 0.7, $"{reach.TypoFound:P1} of typos found");
        Assert.True(reach.TypoFound + reach.TypoReadsAsAnother > 0.99, "a slip that reads as no common name was not found");
        Assert.True(reach.HangulLookupKeys < 4, $"{reach.HangulLookupKeys:F1} keys per Hangul query");
        Assert.True(reach.SlipLookupKeys < 30, $"{reach.SlipLookupKeys:F1} keys per query with a slip");
    }
}
