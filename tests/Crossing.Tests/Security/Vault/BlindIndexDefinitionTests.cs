using System.Reflection;
using Crossing.Core.Security.Vault;
using CsCheck;

namespace Crossing.Tests.Security.Vault;

public sealed class BlindIndexDefinitionTests
{
    private static readonly IndexedField Surname = new("surname", FieldEntropy.Low);
    private static readonly IndexedField BirthYear = new("birthYear", FieldEntropy.Low);
    private static readonly IndexedField NameKey = new("nameKey", FieldEntropy.High);

    [Fact]
    public void Index_on_low_entropy_fields_alone_is_refused()
    {
        Assert.Throws<LowEntropyBlindIndexException>(() => new BlindIndexDefinition("case-surname", 10_000, Surname));
        var both = Assert.Throws<LowEntropyBlindIndexException>(() => new BlindIndexDefinition("case-surname-year", 10_000, Surname, BirthYear));
        Assert.Contains("surname", both.Message, StringComparison.Ordinal);
        Assert.Contains("birthYear", both.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Low_entropy_field_is_accepted_next_to_a_high_entropy_one()
    {
        var index = new BlindIndexDefinition("case-name-year", 10_000, NameKey, BirthYear);
        Assert.Equal(2, index.Fields.Count);
    }

    [Fact]
    public void Every_blind_index_defined_in_core_has_a_high_entropy_field_and_its_own_name()
    {
        var found = StaticDefinitions(typeof(BlindIndexDefinition).Assembly.GetTypes());

        Assert.All(found, d => Assert.Null(d.Problem));
        Assert.All(found, d => Assert.Contains(d.Definition!.Fields, f => f.Entropy == FieldEntropy.High));
        // Two definitions with one name would share a derived key and mix their entries.
        var names = found.Select(d => d.Definition!.Name).ToList();
        Assert.Equal(names.Count, names.Distinct(StringComparer.Ordinal).Count());
    }

    [Fact]
    public void Definition_scan_reports_a_low_entropy_only_definition()
    {
        var found = StaticDefinitions([typeof(FixtureWithLowEntropyIndex)]);

        var bad = Assert.Single(found, d => d.Member == nameof(FixtureWithLowEntropyIndex.SexOnly));
        Assert.IsType<LowEntropyBlindIndexException>(bad.Problem);
        var good = Assert.Single(found, d => d.Member == "NameAndYear");
        Assert.NotNull(good.Definition);
    }

    [Fact]
    public void Bit_length_keeps_at_least_four_records_per_value_at_the_expected_size()
    {
        Gen.Int[1, int.MaxValue].Sample(expected =>
        {
            var bits = BlindIndexDefinition.BitsFor(expected);
            Assert.InRange(bits, BlindIndexDefinition.MinimumBits, BlindIndexDefinition.MaximumBits);
            var buckets = 1L << bits;
            // Above the floor, every bucket holds at least 4 records at the expected size.
            if (bits > BlindIndexDefinition.MinimumBits)
                Assert.True(buckets * BlindIndexDefinition.MinimumBucketSize <= expected, $"N={expected}: {bits} bits leaves buckets under 4");
            // Below the ceiling, one more bit would make buckets smaller than 4: no precision is given away.
            if (bits < BlindIndexDefinition.MaximumBits)
                Assert.True(buckets * 2 * BlindIndexDefinition.MinimumBucketSize > expected, $"N={expected}: {bits} bits is fewer than needed");
        });
    }

    [Fact]
    public void Bit_length_never_shrinks_as_the_expected_count_grows()
    {
        Gen.Select(Gen.Int[1, int.MaxValue], Gen.Int[1, int.MaxValue]).Sample((a, b) =>
            BlindIndexDefinition.BitsFor(Math.Min(a, b)) <= BlindIndexDefinition.BitsFor(Math.Max(a, b)));
    }

    [Theory]
    [InlineData(1, 8)]
    [InlineData(1_000, 8)]
    [InlineData(4_096, 10)]
    [InlineData(10_000, 11)]
    [InlineData(1_000_000, 17)]
    [InlineData(int.MaxValue, 28)]
    public void Bit_length_matches_the_documented_table(int expectedRecords, int bits) =>
        Assert.Equal(bits, new BlindIndexDefinition("case-name", expectedRecords, NameKey).Bits);

    internal sealed record FoundDefinition(string Member, BlindIndexDefinition? Definition, Exception? Problem);

    /// <summary>Every static field and property of type BlindIndexDefinition, public or not, with the exception its initialiser raised.</summary>
    internal static List<FoundDefinition> StaticDefinitions(IEnumerable<Type> types)
    {
        const BindingFlags statics = BindingFlags.Static | BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.DeclaredOnly;
        var found = new List<FoundDefinition>();
        foreach (var type in types.Where(t => !t.ContainsGenericParameters))
        {
            var members = type.GetFields(statics).Where(f => f.FieldType == typeof(BlindIndexDefinition)).Select(f => (f.Name, Read: (Func<object?>)(() => f.GetValue(null))))
                .Concat(type.GetProperties(statics).Where(p => p.PropertyType == typeof(BlindIndexDefinition) && p.GetIndexParameters().Length == 0).Select(p => (p.Name, Read: (Func<object?>)(() => p.GetValue(null)))));
            foreach (var (name, read) in members)
            {
                try
                {
                    found.Add(new FoundDefinition(name, (BlindIndexDefinition?)read(), null));
                }
                catch (Exception e) when (e is TargetInvocationException or TypeInitializationException)
                {
                    found.Add(new FoundDefinition(name, null, Unwrap(e)));
                }
            }
        }
        return found;
    }

    private static Exception Unwrap(Exception e)
    {
        while (e is TargetInvocationException or TypeInitializationException && e.InnerException is not null)
            e = e.InnerException!;
        return e;
    }

    private static class FixtureWithLowEntropyIndex
    {
        public static BlindIndexDefinition SexOnly => new("case-sex", 10_000, new IndexedField("sex", FieldEntropy.Low));

        private static BlindIndexDefinition NameAndYear { get; } = new("case-name-year", 10_000, NameKey, BirthYear);
    }
}
