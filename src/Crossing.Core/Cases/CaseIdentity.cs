using Crossing.Core.Cases.Names;

namespace Crossing.Core.Cases;

/// <summary>
/// Who a person is, in plaintext: exists only in memory, between a form and the vault. Every field is sealed on
/// the case under the case's own data key. <see cref="ToString"/> never prints the values, so the identity cannot
/// reach a log by accident.
/// </summary>
public sealed record CaseIdentity(
    string FullName,
    BirthDate? BirthDate,
    Sex Sex,
    string? Hometown,
    string? Location,
    string? Contact,
    string? Notes)
{
    public const int MaxPlaceLength = 200;
    public const int MaxContactLength = 200;
    public const int MaxNotesLength = 4000;

    /// <summary>(field, reason) for every field a person must correct; empty when the identity can be recorded.</summary>
    public IEnumerable<(string Field, string Problem)> Problems()
    {
        if (KoreanNames.Problem(FullName) is { } nameProblem)
            yield return ("fullName", nameProblem);
        foreach (var (field, value, max, multiLine) in new[]
        {
            ("hometown", Hometown, MaxPlaceLength, false),
            ("location", Location, MaxPlaceLength, false),
            ("contact", Contact, MaxContactLength, false),
            ("notes", Notes, MaxNotesLength, true),
        })
        {
            if (TextProblem(value, max, multiLine) is { } problem)
                yield return (field, problem);
        }
    }

    /// <summary>Free text is stored as typed (and shown HTML-encoded); only lengths and control characters are refused.</summary>
    public static string? TextProblem(string? value, int maxLength, bool multiLine)
    {
        if (value is null)
            return null;
        if (value.Length > maxLength)
            return CaseProblem.Text(CaseProblem.TextTooLong, maxLength, value.Length);
        if (value.Any(c => char.IsControl(c) && !(multiLine && c is '\n' or '\r' or '\t')))
            return CaseProblem.Text(CaseProblem.TextControl);
        if (value.Any(c => char.IsSurrogate(c)) && !IsWellFormedUtf16(value))
            return CaseProblem.Text(CaseProblem.TextBroken);
        return null;
    }

    public static string? Clean(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();

    private static bool IsWellFormedUtf16(string value)
    {
        for (var i = 0; i < value.Length; i++)
        {
            if (char.IsHighSurrogate(value[i]))
            {
                if (i + 1 >= value.Length || !char.IsLowSurrogate(value[i + 1]))
                    return false;
                i++;
            }
            else if (char.IsLowSurrogate(value[i]))
            {
                return false;
            }
        }
        return true;
    }

    public override string ToString() => "[identity]";
}
