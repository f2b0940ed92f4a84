using System.Resources;
using System.Globalization;

namespace Crossing.Core.Cases;

/// <summary>
/// The triage rules' weights, bound from configuration section <c>Crossing:Triage</c>. docs/triage.md explains each
/// and why the defaults are what they are.
/// </summary>
public sealed class TriageOptions
{
    public const string Section = "Crossing:Triage";

    /// <summary>A pregnant woman must travel before this many weeks (the route is hard and long; late pregnancy cannot make it).</summary>
    public int PregnancyTravelBeforeWeeks { get; set; } = 28;

    public int PregnancyPoints { get; set; } = 30;
    public int IllnessModeratePoints { get; set; } = 10;
    public int IllnessSeriousPoints { get; set; } = 25;
    public int IllnessCriticalPoints { get; set; } = 40;
    public int ViolencePoints { get; set; } = 25;
    public int ConfinementPoints { get; set; } = 20;
    public int ArrestRiskElevatedPoints { get; set; } = 15;
    public int ArrestRiskHighPoints { get; set; } = 30;
    public int PointsPerDependentChild { get; set; } = 5;
    public int MaxDependentChildrenPoints { get; set; } = 15;

    /// <summary>Waiting counts too, so that nobody waits forever behind newer urgent cases.</summary>
    public int PointsPerMonthWaiting { get; set; } = 2;

    public int MaxWaitingPoints { get; set; } = 20;

    /// <summary>Within this many days of a deadline, points rise linearly up to <see cref="DeadlinePoints"/>.</summary>
    public int DeadlineHorizonDays { get; set; } = 56;

    public int DeadlinePoints { get; set; } = 40;

    /// <summary>The waiting list highlights groups whose deadline is this close (or passed).</summary>
    public int HighlightWithinDays { get; set; } = 21;

    /// <summary>Refuses configurations that would make triage meaningless, at start-up rather than per request.</summary>
    public void Validate()
    {
        if (PregnancyTravelBeforeWeeks is < 4 or > UrgencyFactors.MaxPregnancyWeeks)
            throw new ArgumentException($"{Section}:PregnancyTravelBeforeWeeks must be between 4 and {UrgencyFactors.MaxPregnancyWeeks}.");
        if (DeadlineHorizonDays < 1 || HighlightWithinDays < 0)
            throw new ArgumentException($"{Section}:DeadlineHorizonDays must be positive and HighlightWithinDays not negative.");
        int[] points = [PregnancyPoints, IllnessModeratePoints, IllnessSeriousPoints, IllnessCriticalPoints, ViolencePoints, ConfinementPoints,
            ArrestRiskElevatedPoints, ArrestRiskHighPoints, PointsPerDependentChild, MaxDependentChildrenPoints, PointsPerMonthWaiting, MaxWaitingPoints, DeadlinePoints];
        if (points.Any(p => p is < 0 or > 1000))
            throw new ArgumentException($"{Section}: every points value must be between 0 and 1000.");
    }
}

public enum TriageReasonKind
{
    Pregnant,
    PregnancyPastLimit,
    Ill,
    IllNeedsTreatmentBy,
    ViolenceAtHome,
    Confined,
    ArrestRisk,
    DependentChildren,
    Waiting,
}

/// <summary>One reason in a triage result, kept structured so it can be said in English or Korean.</summary>
public sealed record TriageReason(TriageReasonKind Kind, int Points, int Number = 0, DateOnly? On = null, DateOnly? Deadline = null, string? Level = null);

/// <summary>
/// The part of urgency that does not change with time (<see cref="FactorPoints"/>) and the travel deadline. Stored in
/// clear on the case so the waiting list sorts without opening the vault.
/// </summary>
public sealed record TriageAssessment(int FactorPoints, DateOnly? Deadline, IReadOnlyList<TriageReason> Reasons);

public sealed class Triage(TriageOptions options)
{
    public TriageOptions Options => options;

    public TriageAssessment Assess(UrgencyFactors factors)
    {
        var reasons = new List<TriageReason>();
        DateOnly? deadline = null;
        if (factors.Pregnancy is { } p)
        {
            var travelBefore = p.On.AddDays((options.PregnancyTravelBeforeWeeks - p.Weeks) * 7);
            var kind = p.Weeks >= options.PregnancyTravelBeforeWeeks ? TriageReasonKind.PregnancyPastLimit : TriageReasonKind.Pregnant;
            reasons.Add(new TriageReason(kind, options.PregnancyPoints, p.Weeks, p.On, travelBefore));
            deadline = Earliest(deadline, travelBefore);
        }
        if (factors.Illness is { Severity: not IllnessSeverity.None } i)
        {
            var points = i.Severity switch
            {
                IllnessSeverity.Critical => options.IllnessCriticalPoints,
                IllnessSeverity.Serious => options.IllnessSeriousPoints,
                _ => options.IllnessModeratePoints,
            };
            var level = i.Severity.ToString().ToLowerInvariant();
            reasons.Add(i.TreatmentBy is { } by
                ? new TriageReason(TriageReasonKind.IllNeedsTreatmentBy, points, Deadline: by, Level: level)
                : new TriageReason(TriageReasonKind.Ill, points, Level: level));
            deadline = Earliest(deadline, i.TreatmentBy);
        }
        if (factors.ViolenceAtHome)
            reasons.Add(new TriageReason(TriageReasonKind.ViolenceAtHome, options.ViolencePoints));
        if (factors.Confined)
            reasons.Add(new TriageReason(TriageReasonKind.Confined, options.ConfinementPoints));
        if (factors.ArrestRisk != ArrestRisk.None)
        {
            var points = factors.ArrestRisk == ArrestRisk.High ? options.ArrestRiskHighPoints : options.ArrestRiskElevatedPoints;
            reasons.Add(new TriageReason(TriageReasonKind.ArrestRisk, points, Level: factors.ArrestRisk.ToString().ToLowerInvariant()));
        }
        if (factors.DependentChildren > 0)
        {
            var points = Math.Min(options.MaxDependentChildrenPoints, factors.DependentChildren * options.PointsPerDependentChild);
            reasons.Add(new TriageReason(TriageReasonKind.DependentChildren, points, factors.DependentChildren));
        }
        return new TriageAssessment(reasons.Sum(r => r.Points), deadline, reasons);
    }

    /// <summary>Points for time already waiting; whole months since <paramref name="waitingSince"/>.</summary>
    public int WaitingPoints(DateOnly waitingSince, DateOnly today) =>
        Math.Clamp(MonthsBetween(waitingSince, today) * options.PointsPerMonthWaiting, 0, options.MaxWaitingPoints);

    /// <summary>Points that rise as a deadline approaches: 0 beyond the horizon, the full amount on or after the day.</summary>
    public int DeadlinePointsFor(DateOnly? deadline, DateOnly today)
    {
        if (deadline is not { } d)
            return 0;
        var daysLeft = d.DayNumber - today.DayNumber;
        if (daysLeft <= 0)
            return options.DeadlinePoints;
        if (daysLeft >= options.DeadlineHorizonDays)
            return 0;
        return (int)Math.Round(options.DeadlinePoints * (1.0 - (double)daysLeft / options.DeadlineHorizonDays), MidpointRounding.AwayFromZero);
    }

    /// <summary>The score today: stored factor points plus what time adds (waiting, an approaching deadline).</summary>
    public int ScoreToday(int factorPoints, DateOnly? deadline, DateOnly waitingSince, DateOnly today) =>
        factorPoints + WaitingPoints(waitingSince, today) + DeadlinePointsFor(deadline, today);

    public bool IsCloseToDeadline(DateOnly? deadline, DateOnly today) =>
        deadline is { } d && d.DayNumber - today.DayNumber <= options.HighlightWithinDays;

    /// <summary>All reasons to show today: the sealed factors' reasons plus waiting time.</summary>
    public IReadOnlyList<TriageReason> ReasonsToday(UrgencyFactors factors, DateOnly waitingSince, DateOnly today)
    {
        var reasons = Assess(factors).Reasons.ToList();
        var months = MonthsBetween(waitingSince, today);
        if (months > 0)
            reasons.Add(new TriageReason(TriageReasonKind.Waiting, WaitingPoints(waitingSince, today), months, waitingSince));
        return reasons;
    }

    private static int MonthsBetween(DateOnly from, DateOnly to) =>
        Math.Max(0, (to.Year - from.Year) * 12 + to.Month - from.Month - (to.Day < from.Day ? 1 : 0));

    private static DateOnly? Earliest(DateOnly? a, DateOnly? b) =>
        a is null ? b : b is null ? a : (a < b ? a : b);
}

/// <summary>
/// Says a triage reason in words, in English or Korean (the two languages of the staff app). The sentences, date
/// formats and level words are in Cases/TriageText.resx and TriageText.ko.resx.
/// </summary>
public static class TriageText
{
    private static readonly ResourceManager Strings = new("Crossing.Core.Cases.TriageText", typeof(TriageText).Assembly);

    public static string Describe(TriageReason r, CultureInfo culture)
    {
        var day = DayFormatter(culture);
        object?[] args = [r.Number, day(r.On), day(r.Deadline), r.Level is null ? "" : Text("Triage.Level." + r.Level, culture)];
        var key = r.Kind switch
        {
            TriageReasonKind.DependentChildren when r.Number == 1 => "Triage.DependentChild",
            TriageReasonKind.Waiting when r.Number == 1 => "Triage.WaitingMonth",
            TriageReasonKind.Waiting => "Triage.WaitingMonths",
            _ => "Triage." + r.Kind,
        };
        return string.Format(culture, Text(key, culture), args);
    }

    public static string Describe(IEnumerable<TriageReason> reasons, CultureInfo culture) =>
        string.Join(Text("Triage.Separator", culture), reasons.Select(r => Describe(r, culture)));

    private static Func<DateOnly?, string> DayFormatter(CultureInfo culture)
    {
        var format = Text("Triage.DateFormat", culture);
        // Month names in English as in en-GB ("3 Jan 2027"), whatever English culture the reader has.
        var formatting = culture.TwoLetterISOLanguageName == "ko" ? CultureInfo.InvariantCulture : CultureInfo.GetCultureInfo("en-GB");
        return d => d?.ToString(format, formatting) ?? "";
    }

    private static string Text(string key, CultureInfo culture) => Strings.GetString(key, culture) ?? key;
}
