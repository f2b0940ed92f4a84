using Crossing.Core.Cases;
using Crossing.Core.Cases.Names;

namespace Crossing.Tests.Cases;

public sealed class CaseNameIndexValueTests
{
    [Theory]
    [InlineData("김")]
    [InlineData("Kim")]
    [InlineData("Lee")]
    public void A_lone_surname_gives_no_index_value(string fullName)
    {
        var keys = KoreanNames.Keys(fullName);

        Assert.Empty(CaseNameIndexes.SurnameGivenValues(keys));
        Assert.Empty(CaseNameIndexes.GivenBirthYearValues(keys, BirthDate.Parse("1994", new DateOnly(2026, 11, 23), out _)));
    }

    [Fact]
    public void A_full_name_is_indexed_with_both_parts()
    {
        var values = CaseNameIndexes.SurnameGivenValues(KoreanNames.Keys("김지현")).ToList();

        Assert.NotEmpty(values);
        Assert.All(values, v => Assert.All(v, part => Assert.NotEmpty(part)));
    }
}
