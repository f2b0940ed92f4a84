using Crossing.Core.Cases;

namespace Crossing.Tests.Cases;

public sealed class CaseInputTests
{
    private static readonly DateOnly Today = new(2026, 11, 23);

    private static CaseIntakeInput Valid => new() { Compartment = "east", FullName = "김지현", BirthDate = "1994-03", Sex = "F" };

    [Theory]
    [InlineData("1994", 1994, null, null)]
    [InlineData("1994-03", 1994, 3, null)]
    [InlineData("1994-03-12", 1994, 3, 12)]
    public void Birth_date_may_be_a_year_a_month_or_a_day(string text, int year, int? month, int? day)
    {
        var date = BirthDate.Parse(text, Today, out var problem);
        Assert.Null(problem);
        Assert.Equal((year, month, day), (date!.Value.Year, date.Value.Month, date.Value.Day));
        Assert.Equal(text, date.Value.ToString());
    }

    [Theory]
    [InlineData("")]
    [InlineData("94")]
    [InlineData("1850")]
    [InlineData("2030")]
    [InlineData("1994-13")]
    [InlineData("1994-02-30")]
    [InlineData("2026-12-01")]
    [InlineData("1994/03/12")]
    public void Absurd_birth_dates_are_refused_with_a_reason(string text)
    {
        Assert.Null(BirthDate.Parse(text, Today, out var problem));
        Assert.False(string.IsNullOrEmpty(problem));
    }

    [Fact]
    public void Notes_of_ten_thousand_characters_are_refused_naming_the_field()
    {
        var e = Assert.Throws<CaseInputException>(() => (Valid with { Notes = new string('x', 10_000) }).Validate(Today));
        Assert.Contains(e.Problems, p => p.Field == "notes");
    }

    [Fact]
    public void Control_characters_are_refused_but_newlines_in_notes_are_kept()
    {
        var e = Assert.Throws<CaseInputException>(() => (Valid with { Hometown = "Hye\u0000san" }).Validate(Today));
        Assert.Contains(e.Problems, p => p.Field == "hometown");
        var ok = (Valid with { Notes = "line one\nline two" }).Validate(Today);
        Assert.Equal("line one\nline two", ok.Identity.Notes);
    }

    [Fact]
    public void Html_is_kept_as_text_to_be_shown_inert()
    {
        var ok = (Valid with { Location = "<script>alert(1)</script>" }).Validate(Today);
        Assert.Equal("<script>alert(1)</script>", ok.Identity.Location);
    }

    [Fact]
    public void Missing_name_and_bad_urgency_are_all_reported_at_once()
    {
        var e = Assert.Throws<CaseInputException>(() => (Valid with { FullName = " ", PregnancyWeeks = 60, ArrestRisk = "extreme", PregnancyWeeksOn = "2027-01-01" }).Validate(Today));
        Assert.Equal(["arrestRisk", "fullName", "pregnancyWeeks", "pregnancyWeeksOn"], e.Problems.Select(p => p.Field).Distinct().Order());
    }

    [Fact]
    public void Identity_never_prints_its_values()
    {
        var intake = Valid.Validate(Today);
        Assert.DoesNotContain("김지현", intake.Identity.ToString(), StringComparison.Ordinal);
        Assert.DoesNotContain("김지현", intake.ToString(), StringComparison.Ordinal);
        Assert.DoesNotContain("김지현", Valid.ToString(), StringComparison.Ordinal);
    }
}
