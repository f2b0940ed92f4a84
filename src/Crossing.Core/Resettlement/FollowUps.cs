using System.Globalization;
using Crossing.Core.Cases;
using Crossing.Core.Security.Access;

namespace Crossing.Core.Resettlement;

public enum ServiceKind { Housing, Education, Employment, Health, Counselling, Legal, Financial }

public enum ServiceStatus { Planned, Active, Completed, Stopped }

/// <summary>How a service ended (a vocabulary, not free text: outcomes are counted for the board, and free text could identify).</summary>
public enum ServiceOutcome { None, Achieved, PartlyAchieved, NotAchieved }

public enum ContactChannel { Phone, Message, Visit, Other }

public static class ResettlementVocabulary
{
    public static string Slug<T>(this T value) where T : struct, Enum
    {
        var name = value.ToString();
        var chars = new List<char>(name.Length + 4);
        for (var i = 0; i < name.Length; i++)
        {
            if (i > 0 && char.IsUpper(name[i]))
                chars.Add('-');
            chars.Add(char.ToLowerInvariant(name[i]));
        }
        return new string([.. chars]);
    }

    public static bool TryParse<T>(string? text, out T value) where T : struct, Enum
    {
        foreach (var v in Enum.GetValues<T>())
        {
            if (string.Equals(v.Slug(), text?.Trim(), StringComparison.OrdinalIgnoreCase))
            {
                value = v;
                return true;
            }
        }
        value = default;
        return false;
    }

    public static string Problem<T>(string what) where T : struct, Enum =>
        ResettlementProblem.Text["OneOf", ResettlementProblem.What(what), string.Join(", ", Enum.GetValues<T>().Select(v => v.Slug()))];
}

/// <summary>One service for a person after arrival: what, who is responsible (staff code), when, how it ended.</summary>
public sealed class ResettlementService : ICompartmented
{
    private ResettlementService()
    {
        CaseCode = ResponsibleStaff = "";
    }

    public Guid Id { get; private set; }
    public CompartmentId CompartmentId { get; private set; }
    public CaseId CaseId { get; private set; }
    public string CaseCode { get; private set; }
    public ServiceKind Kind { get; private set; }
    public ServiceStatus Status { get; private set; }
    public string ResponsibleStaff { get; private set; }
    public DateOnly StartedOn { get; private set; }
    public DateOnly? EndedOn { get; private set; }
    public ServiceOutcome Outcome { get; private set; }
    public DateTimeOffset RecordedAt { get; private set; }

    internal static ResettlementService Log(Case person, ServiceKind kind, ServiceStatus status, string responsible, DateOnly startedOn, DateOnly? endedOn, ServiceOutcome outcome, DateTimeOffset now)
    {
        if (endedOn is { } end && end < startedOn)
            throw new ResettlementInputException("endedOn", ResettlementProblem.Text["EndBeforeStart"]);
        return new ResettlementService
        {
            Id = Guid.NewGuid(),
            CompartmentId = person.CompartmentId,
            CaseId = person.Id,
            CaseCode = person.Code,
            Kind = kind,
            Status = status,
            ResponsibleStaff = responsible,
            StartedOn = startedOn,
            EndedOn = endedOn,
            Outcome = outcome,
            RecordedAt = now,
        };
    }
}

/// <summary>A scheduled check-in. One per case and due date (a unique key), so a schedule made twice adds nothing.</summary>
public sealed class FollowUp : ICompartmented
{
    private FollowUp()
    {
        CaseCode = Label = ResponsibleStaff = "";
    }

    public Guid Id { get; private set; }
    public CompartmentId CompartmentId { get; private set; }
    public CaseId CaseId { get; private set; }
    public string CaseCode { get; private set; }
    public DateOnly DueOn { get; private set; }

    /// <summary>Which check-in: 7d, 1m, 3m, 1y, 2y…, as configured.</summary>
    public string Label { get; private set; }

    public string ResponsibleStaff { get; private set; }
    public DateOnly? DoneOn { get; private set; }
    public DateTimeOffset CreatedAt { get; private set; }

    internal static FollowUp Schedule(Case person, DateOnly dueOn, string label, string responsible, DateTimeOffset now) => new()
    {
        Id = Guid.NewGuid(),
        CompartmentId = person.CompartmentId,
        CaseId = person.Id,
        CaseCode = person.Code,
        DueOn = dueOn,
        Label = label,
        ResponsibleStaff = responsible,
        CreatedAt = now,
    };

    public void MarkDone(DateOnly on) => DoneOn ??= on;
}

/// <summary>A reminder that a follow-up is due. Unique per case and due date: the job may run twice, the reminder exists once.</summary>
public sealed class FollowUpReminder : ICompartmented
{
    private FollowUpReminder()
    {
        CaseCode = ResponsibleStaff = "";
    }

    public Guid Id { get; private set; }
    public CompartmentId CompartmentId { get; private set; }
    public Guid FollowUpId { get; private set; }
    public CaseId CaseId { get; private set; }
    public string CaseCode { get; private set; }
    public DateOnly DueOn { get; private set; }
    public string ResponsibleStaff { get; private set; }
    public DateTimeOffset CreatedAt { get; private set; }

    internal static FollowUpReminder For(FollowUp due, DateTimeOffset now) => new()
    {
        Id = Guid.NewGuid(),
        CompartmentId = due.CompartmentId,
        FollowUpId = due.Id,
        CaseId = due.CaseId,
        CaseCode = due.CaseCode,
        DueOn = due.DueOn,
        ResponsibleStaff = due.ResponsibleStaff,
        CreatedAt = now,
    };
}

/// <summary>An attempt to reach a person (reached or not), so a silence of months is visible.</summary>
public sealed class ContactAttempt : ICompartmented
{
    private ContactAttempt()
    {
        CaseCode = StaffCode = "";
    }

    public Guid Id { get; private set; }
    public CompartmentId CompartmentId { get; private set; }
    public CaseId CaseId { get; private set; }
    public string CaseCode { get; private set; }
    public ContactChannel Channel { get; private set; }
    public bool Reached { get; private set; }
    public string StaffCode { get; private set; }
    public DateTimeOffset At { get; private set; }

    internal static ContactAttempt Log(Case person, ContactChannel channel, bool reached, string staffCode, DateTimeOffset at) => new()
    {
        Id = Guid.NewGuid(),
        CompartmentId = person.CompartmentId,
        CaseId = person.Id,
        CaseCode = person.Code,
        Channel = channel,
        Reached = reached,
        StaffCode = staffCode,
        At = at,
    };
}

/// <summary>
/// When follow-ups fall due after arrival (or after a reopening). Bound from <c>Crossing:Resettlement</c>:
/// <c>Schedule</c> lists offsets such as 7d, 1m, 3m; then one every year for <c>YearlyFor</c> years.
/// </summary>
public sealed class ResettlementOptions
{
    public const string Section = "Crossing:Resettlement";

    public List<string> Schedule { get; set; } = ["7d", "1m", "3m"];

    public int YearlyFor { get; set; } = 5;

    /// <summary>Reminders are made for follow-ups due within this many days (and for overdue ones not yet reminded).</summary>
    public int RemindDaysAhead { get; set; } = 7;

    /// <summary>When the web host's reminder job runs (a Quartz cron expression, UTC); empty: no scheduled job (use the CLI).</summary>
    public string ReminderCron { get; set; } = "0 0 5 * * ?";

    public void Validate()
    {
        if (YearlyFor is < 0 or > 50)
            throw new InvalidOperationException($"{Section}:YearlyFor must be between 0 and 50.");
        if (RemindDaysAhead is < 0 or > 60)
            throw new InvalidOperationException($"{Section}:RemindDaysAhead must be between 0 and 60.");
        foreach (var offset in Schedule)
            _ = Offset(offset);
    }

    /// <summary>The due dates from <paramref name="start"/>, each with its label, earliest first, without repeats.</summary>
    public IReadOnlyList<(DateOnly DueOn, string Label)> DueDates(DateOnly start)
    {
        var dates = new List<(DateOnly, string)>();
        foreach (var offset in Schedule)
            dates.Add((Offset(offset)(start), offset.Trim().ToLowerInvariant()));
        for (var year = 1; year <= YearlyFor; year++)
            dates.Add((start.AddYears(year), year.ToString(CultureInfo.InvariantCulture) + "y"));
        return [.. dates.DistinctBy(d => d.Item1).OrderBy(d => d.Item1)];
    }

    private static Func<DateOnly, DateOnly> Offset(string text)
    {
        var t = text.Trim().ToLowerInvariant();
        if (t.Length >= 2 && int.TryParse(t[..^1], NumberStyles.None, CultureInfo.InvariantCulture, out var n) && n > 0)
        {
            switch (t[^1])
            {
                case 'd': return d => d.AddDays(n);
                case 'w': return d => d.AddDays(7 * n);
                case 'm': return d => d.AddMonths(n);
                case 'y': return d => d.AddYears(n);
            }
        }
        throw new InvalidOperationException($"{Section}:Schedule entries look like 7d, 2w, 1m or 1y.");
    }
}
