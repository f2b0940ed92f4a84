using System.Globalization;
using System.Resources;

namespace Crossing.Core.Cases;

/// <summary>
/// Why a case field cannot be accepted, in the reader's language: each problem is a key in Cases/CaseProblemText.resx
/// (English) and CaseProblemText.ko.resx (Korean), said in <see cref="CultureInfo.CurrentUICulture"/>, which the web
/// host sets per request from the language switch's cookie or Accept-Language. Messages name the kind of mistake and
/// never quote the value typed (they may end up in a log).
/// </summary>
public static class CaseProblem
{
    private static readonly ResourceManager Strings = new("Crossing.Core.Cases.CaseProblemText", typeof(CaseProblem).Assembly);

    public const string Compartment = "Case.Problem.Compartment";
    public const string Sex = "Case.Problem.Sex";
    public const string Status = "Case.Problem.Status";
    public const string FamilyGroup = "Case.Problem.FamilyGroup";
    public const string WaitingSince = "Case.Problem.WaitingSince";
    public const string DateFormat = "Case.Problem.DateFormat";
    public const string PregnancyWeeksMissing = "Case.Problem.PregnancyWeeksMissing";
    public const string PregnancyWeeksRange = "Case.Problem.PregnancyWeeksRange";
    public const string PregnancyCountedInFuture = "Case.Problem.PregnancyCountedInFuture";
    public const string PregnancyCountedLongAgo = "Case.Problem.PregnancyCountedLongAgo";
    public const string IllnessSeverity = "Case.Problem.IllnessSeverity";
    public const string IllnessMissing = "Case.Problem.IllnessMissing";
    public const string IllnessNoneWithDate = "Case.Problem.IllnessNoneWithDate";
    public const string TreatmentDateRange = "Case.Problem.TreatmentDateRange";
    public const string ArrestRisk = "Case.Problem.ArrestRisk";
    public const string DependentChildren = "Case.Problem.DependentChildren";
    public const string BirthFormat = "Case.Problem.BirthFormat";
    public const string BirthYearRange = "Case.Problem.BirthYearRange";
    public const string BirthMonth = "Case.Problem.BirthMonth";
    public const string BirthDay = "Case.Problem.BirthDay";
    public const string BirthFuture = "Case.Problem.BirthFuture";
    public const string TextTooLong = "Case.Problem.TextTooLong";
    public const string TextControl = "Case.Problem.TextControl";
    public const string TextBroken = "Case.Problem.TextBroken";
    public const string NameEmpty = "Case.Problem.NameEmpty";
    public const string NameTooLong = "Case.Problem.NameTooLong";
    public const string NameControl = "Case.Problem.NameControl";
    public const string NameInvisible = "Case.Problem.NameInvisible";
    public const string NameEmoji = "Case.Problem.NameEmoji";
    public const string NameDigits = "Case.Problem.NameDigits";
    public const string NameSymbols = "Case.Problem.NameSymbols";
    public const string NameJamo = "Case.Problem.NameJamo";
    public const string NameHanja = "Case.Problem.NameHanja";
    public const string NameOtherScript = "Case.Problem.NameOtherScript";
    public const string NameMixed = "Case.Problem.NameMixed";
    public const string NameNoLetters = "Case.Problem.NameNoLetters";
    public const string NameUnreadable = "Case.Problem.NameUnreadable";
    public const string NameSurnameOnly = "Case.Problem.NameSurnameOnly";
    public const string NameGivenOnly = "Case.Problem.NameGivenOnly";

    /// <summary>The problem in the current UI language, its placeholders filled with <paramref name="arguments"/>.</summary>
    public static string Text(string code, params object[] arguments) => TextIn(CultureInfo.CurrentUICulture, code, arguments);

    public static string TextIn(CultureInfo culture, string code, params object[] arguments)
    {
        var template = Strings.GetString(code, culture) ?? throw new ArgumentException("No such case problem.", nameof(code));
        return arguments.Length == 0 ? template : string.Format(culture, template, arguments);
    }
}
