using System.Globalization;
using System.Text.RegularExpressions;

namespace Crossing.Core.Cases;

/// <summary>
/// A date of birth as far as it is known: a year, a year and month, or a full date. People who fled often know
/// only the year. Written as ISO 8601 prefixes: 1994, 1994-03, 1994-03-12.
/// </summary>
public readonly partial record struct BirthDate
{
    public const int EarliestYear = 1900;

    private BirthDate(int year, int? month, int? day)
    {
        Year = year;
        Month = month;
        Day = day;
    }

    public int Year { get; }
    public int? Month { get; }
    public int? Day { get; }

    /// <summary>Parses and checks the date against today; returns null with a reason a person can act on.</summary>
    public static BirthDate? Parse(string? text, DateOnly today, out string? problem)
    {
        problem = null;
        var normalised = TypedText.Normalised(text);
        var match = normalised is null ? null : Pattern().Match(normalised);
        if (match is not { Success: true })
        {
            problem = CaseProblem.Text(CaseProblem.BirthFormat);
            return null;
        }
        var year = int.Parse(match.Groups["y"].Value, CultureInfo.InvariantCulture);
        int? month = match.Groups["m"].Success ? int.Parse(match.Groups["m"].Value, CultureInfo.InvariantCulture) : null;
        int? day = match.Groups["d"].Success ? int.Parse(match.Groups["d"].Value, CultureInfo.InvariantCulture) : null;
        if (year < EarliestYear || year > today.Year)
        {
            problem = CaseProblem.Text(CaseProblem.BirthYearRange, EarliestYear.ToString(CultureInfo.InvariantCulture), today.Year.ToString(CultureInfo.InvariantCulture));
            return null;
        }
        if (month is < 1 or > 12)
        {
            problem = CaseProblem.Text(CaseProblem.BirthMonth);
            return null;
        }
        if (day is { } d && (d < 1 || d > DateTime.DaysInMonth(year, month!.Value)))
        {
            problem = CaseProblem.Text(CaseProblem.BirthDay);
            return null;
        }
        var result = new BirthDate(year, month, day);
        if (result.EarliestPossible > today)
        {
            problem = CaseProblem.Text(CaseProblem.BirthFuture);
            return null;
        }
        return result;
    }

    /// <summary>For values read back from the vault, which were validated when written.</summary>
    public static BirthDate FromStored(string text) =>
        Parse(text, DateOnly.MaxValue, out var problem) ?? throw new FormatException(problem);

    private DateOnly EarliestPossible => new(Year, Month ?? 1, Day ?? 1);

    public override string ToString() =>
        Day is { } d ? $"{Year:D4}-{Month:D2}-{d:D2}"
        : Month is { } m ? $"{Year:D4}-{m:D2}"
        : $"{Year:D4}";

    [GeneratedRegex(@"^(?<y>[0-9]{4})(-(?<m>[0-9]{2})(-(?<d>[0-9]{2}))?)?\z", RegexOptions.CultureInvariant)]
    private static partial Regex Pattern();
}
