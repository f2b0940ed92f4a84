using Crossing.Core.Persistence;
using Crossing.Core.Security.Audit;
using Microsoft.EntityFrameworkCore;

namespace Crossing.Core.Security.Access;

/// <summary>
/// Why a piece of code may read across compartments. Every reason is declared here, by name, so a review finds
/// each one; <see cref="CompartmentBypass"/> writes an audit event <c>bypass:NAME</c> every time one is used.
/// </summary>
public sealed record BypassReason
{
    private BypassReason(string name, string why)
    {
        Name = name;
        Why = why;
    }

    public string Name { get; }
    public string Why { get; }

    /// <summary>After a case is recorded, it is compared with every case, so managers learn of a possible duplicate elsewhere.</summary>
    public static readonly BypassReason DuplicateCheckAfterIntake = new("duplicate-check-after-intake",
        "A newly recorded case is compared with cases in every compartment; only the field managers of both compartments are told, by code.");

    /// <summary>
    /// A relative someone seeks is compared with cases in every compartment, and a new case with every sought
    /// relative; an alert naming only the two codes goes to the seeker's resettlement staff and the candidate's field managers.
    /// </summary>
    public static readonly BypassReason ReunificationCheck = new("reunification-check",
        "A sought relative is compared with cases in every compartment (and a new case with every sought relative); only the two case codes, the relation and a score are told, to the seeker's resettlement staff and the candidate's field managers.");

    /// <summary>The reminder job reads due follow-ups in every compartment and writes one reminder per case and due date.</summary>
    public static readonly BypassReason FollowUpReminders = new("follow-up-reminders",
        "The scheduled reminder job reads the due dates of follow-ups in every compartment (codes, dates and staff codes; no identity) and writes reminders.");

    /// <summary>New pseudonymous codes must be unique across all compartments.</summary>
    public static readonly BypassReason CodeUniqueness = new("code-uniqueness",
        "A new pseudonymous code is checked against codes in every compartment; nothing is returned but yes or no.");

    /// <summary>Administrators' whole-installation counts and checks (no record contents).</summary>
    public static readonly BypassReason Administration = new("administration",
        "Counts and integrity checks over the whole installation for administrators; no record contents.");

    /// <summary>Retention purges journeys in every compartment N days after arrival; it reads no sealed field.</summary>
    public static readonly BypassReason Retention = new("retention",
        "Journeys in every compartment that arrived more than the retention period ago lose their route links and sealed itinerary; nothing is returned but codes.");

    /// <summary>When a place in a programme frees up, the first person waiting (in any compartment) takes it.</summary>
    public static readonly BypassReason ProgrammeWaitingList = new("programme-waiting-list",
        "When a place in a programme frees up, the first registration waiting for it in any compartment is promoted; the caller is told nothing about that person.");

    public static IReadOnlyList<BypassReason> All { get; } = [DuplicateCheckAfterIntake, ReunificationCheck, FollowUpReminders, CodeUniqueness, Administration, Retention, ProgrammeWaitingList];
}

/// <summary>
/// The one way to query compartmented records outside the caller's compartments. Each use is an audit event
/// naming the reason, so the audit log shows every cross-compartment read.
/// </summary>
public sealed class CompartmentBypass(CrossingDbContext db, IAuditLog audit)
{
    /// <summary>One audited bypass for one purpose; the session then reads any compartmented table across compartments.</summary>
    public async Task<BypassSession> OpenAsync(BypassReason reason, string actor, string? recordCode, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(reason);
        await audit.AppendAsync(new AuditEntry(actor, "bypass:" + reason.Name, recordCode), ct);
        return new BypassSession(db, reason);
    }

    public async Task<IQueryable<T>> AcrossCompartmentsAsync<T>(BypassReason reason, string actor, string? recordCode, CancellationToken ct = default)
        where T : class, ICompartmented =>
        (await OpenAsync(reason, actor, recordCode, ct)).Set<T>();
}

/// <summary>Reads across compartments for the reason it was opened with (already audited).</summary>
public sealed class BypassSession
{
    private readonly CrossingDbContext db;

    internal BypassSession(CrossingDbContext db, BypassReason reason)
    {
        this.db = db;
        Reason = reason;
    }

    public BypassReason Reason { get; }

    public IQueryable<T> Set<T>() where T : class, ICompartmented => db.Set<T>().IgnoreQueryFilters([CompartmentFilter.Name]);
}

/// <summary>The name of the EF Core query filter every <see cref="ICompartmented"/> entity carries.</summary>
public static class CompartmentFilter
{
    public const string Name = "compartments";
}
