using Crossing.Core.Persistence;
using Crossing.Core.Security.Vault;
using Crossing.Tests.Support;
using CsCheck;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Crossing.Tests.Security.Vault;

public sealed class BlindIndexerTests
{
    private static readonly IndexedField NameKey = new("nameKey", FieldEntropy.High);
    private static readonly IndexedField BirthYear = new("birthYear", FieldEntropy.Low);

    // 28 bits: an accidental collision between two inputs has probability 2^-28, so inequality asserts are meaningful.
    private static readonly BlindIndexDefinition CaseName = new("case-name", int.MaxValue, NameKey);
    private static readonly BlindIndexDefinition DonorName = new("donor-name", int.MaxValue, NameKey);
    private static readonly BlindIndexDefinition CaseNameYear = new("case-name-year", int.MaxValue, NameKey, BirthYear);

    private static byte[] Root(byte fill) => Enumerable.Repeat(fill, 32).ToArray();

    [Fact]
    public void Same_input_gives_the_same_value_from_any_indexer_with_the_same_root()
    {
        var first = new BlindIndexer(Root(7));
        var second = new BlindIndexer(Root(7));
        Gen.String.Sample(name => first.Compute(CaseName, name) == second.Compute(CaseName, name) && first.Compute(CaseName, name) == first.Compute(CaseName, name));
    }

    [Fact]
    public void Values_fit_in_the_index_bit_length()
    {
        var small = new BlindIndexDefinition("small", 1_000, NameKey);
        var indexer = new BlindIndexer(Root(1));
        Gen.String.Sample(name =>
        {
            var value = indexer.Compute(small, name);
            return value >= 0 && value < 1 << small.Bits;
        });
    }

    [Fact]
    public void Different_index_names_derive_different_keys()
    {
        var indexer = new BlindIndexer(Root(7));
        var names = Enumerable.Range(0, 200).Select(i => $"kim-jihyeon-{i}").ToList();
        var equal = names.Count(n => indexer.Compute(CaseName, n) == indexer.Compute(DonorName, n));
        Assert.Equal(0, equal);
    }

    [Fact]
    public void Different_root_keys_give_unrelated_values()
    {
        var ours = new BlindIndexer(Root(7));
        var theirs = new BlindIndexer(Root(8));
        var names = Enumerable.Range(0, 200).Select(i => $"pak-sunhui-{i}").ToList();
        Assert.Equal(0, names.Count(n => ours.Compute(CaseName, n) == theirs.Compute(CaseName, n)));
    }

    [Fact]
    public void Field_boundaries_are_part_of_the_value()
    {
        var indexer = new BlindIndexer(Root(7));
        Assert.NotEqual(indexer.Compute(CaseNameYear, "kimji", "hyeon1990"), indexer.Compute(CaseNameYear, "kimjihyeon", "1990"));
    }

    [Fact]
    public void Wrong_number_of_values_is_refused()
    {
        var indexer = new BlindIndexer(Root(7));
        Assert.Throws<ArgumentException>(() => indexer.Compute(CaseNameYear, "kimjihyeon"));
    }

    [Theory]
    [MemberData(nameof(TestStore.Providers), MemberType = typeof(TestStore))]
    public async Task Index_values_survive_master_key_rotation(DatabaseProvider provider)
    {
        await using var store = await TestStore.CreateAsync(provider);
        string[][] spellings = [["gimjihyeon", "1990"], ["kimchihyon", "1990"]];
        int[] before;
        string oldKeyId;
        await using (var scope = store.Scope())
        {
            var index = scope.ServiceProvider.GetRequiredService<BlindIndexStore>();
            var db = scope.ServiceProvider.GetRequiredService<CrossingDbContext>();
            var indexer = await index.IndexerAsync();
            before = [.. spellings.Select(s => indexer.Compute(CaseNameYear, s))];
            await index.ReplaceAsync(CaseNameYear, "case", "C-7K3Q", spellings);
            await db.SaveChangesAsync();
            oldKeyId = (await db.DataKeys.SingleAsync(k => k.EntityType == "blind-index")).MasterKeyId;

            var rotation = scope.ServiceProvider.GetRequiredService<KeyRotation>();
            var result = await rotation.RotateKeyFileAsync(store.DataDirectory);
            Assert.Equal(2, result.DataKeysRewrapped);
        }

        // A process started after the rotation knows only the new key file.
        await using var after = TestStore.BuildServices(store.Storage);
        await using var afterScope = after.CreateAsyncScope();
        var rotatedIndex = afterScope.ServiceProvider.GetRequiredService<BlindIndexStore>();
        var rotatedDb = afterScope.ServiceProvider.GetRequiredService<CrossingDbContext>();
        var newKeyId = (await rotatedDb.DataKeys.SingleAsync(k => k.EntityType == "blind-index")).MasterKeyId;
        Assert.NotEqual(oldKeyId, newKeyId);
        var rotatedIndexer = await rotatedIndex.IndexerAsync();
        Assert.Equal(before, spellings.Select(s => rotatedIndexer.Compute(CaseNameYear, s)));
        Assert.Equal(["C-7K3Q"], await rotatedIndex.CandidatesAsync(CaseNameYear, "case", [["kimchihyon", "1990"]]));
    }

    [Theory]
    [MemberData(nameof(TestStore.Providers), MemberType = typeof(TestStore))]
    public async Task Candidates_come_only_from_the_same_index_and_entity(DatabaseProvider provider)
    {
        await using var store = await TestStore.CreateAsync(provider);
        await using var scope = store.Scope();
        var index = scope.ServiceProvider.GetRequiredService<BlindIndexStore>();
        var db = scope.ServiceProvider.GetRequiredService<CrossingDbContext>();
        await index.ReplaceAsync(CaseName, "case", "C-AAAA", [["gimjihyeon"]]);
        await index.ReplaceAsync(DonorName, "donor", "D-BBBB", [["gimjihyeon"]]);
        await index.ReplaceAsync(CaseName, "case", "C-CCCC", [["parksunhui"]]);
        await db.SaveChangesAsync();

        Assert.Equal(["C-AAAA"], await index.CandidatesAsync(CaseName, "case", [["gimjihyeon"]]));
        Assert.Empty(await index.CandidatesAsync(CaseName, "case", [["leeminho"]]));

        // Replacing a record's entries removes the old ones.
        await index.ReplaceAsync(CaseName, "case", "C-AAAA", [["choeyuna"]]);
        await db.SaveChangesAsync();
        Assert.Empty(await index.CandidatesAsync(CaseName, "case", [["gimjihyeon"]]));
        Assert.Equal(["C-AAAA"], await index.CandidatesAsync(CaseName, "case", [["choeyuna"]]));
    }
}
