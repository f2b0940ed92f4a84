using Crossing.Core.Cases;
using Crossing.Core.Persistence;
using Crossing.Core.Security.Access;
using Crossing.Core.Security.Audit;
using Crossing.Core.Security.Vault;
using Microsoft.EntityFrameworkCore;

namespace Crossing.Core.Resettlement;

/// <summary>A consent as typed, before validation (field names as in the API).</summary>
public sealed record ConsentRequest(string? Scope, string? Pseudonym, bool? MayShowFace, string? Until)
{
    public const int MaxPseudonymLength = 40;

    public override string ToString() => "[consent request]";
}

/// <summary>One consent as staff see it (the pseudonym stays sealed).</summary>
public sealed record ConsentView(string Scope, DateOnly GivenOn, DateOnly? Until, bool MayShowFace, bool HasPseudonym, DateTimeOffset? RevokedAt, bool InForce);

/// <summary>
/// What each person agreed to, dated and revocable. Recording and revoking need a case the caller may see; each is
/// an audit event. <see cref="IsInForceAsync"/> is the question other capabilities (stories, partners) ask before
/// any use: a revoked or expired consent answers no at once.
/// </summary>
public sealed class ConsentRegistry(
    CrossingDbContext db, Vault vault, CaseRegistry cases, IAuditLog audit, AccessPolicy access, CallerScope scope, TimeProvider time)
{
    private DateOnly Today => DateOnly.FromDateTime(time.GetUtcNow().UtcDateTime);

    /// <summary>Records a consent, ending any earlier one for the same scope; null when the caller may not see the case.</summary>
    /// <exception cref="ResettlementInputException">An unknown scope, a date in the past, a pseudonym too long.</exception>
    public async Task<ConsentView?> GrantAsync(StaffCaller caller, string caseCode, ConsentRequest request, CancellationToken ct = default)
    {
        var person = await cases.FindAsync(caller, caseCode, ct);
        if (person is null || !access.CanSee(person, caller, Permission.EditCases))
            return null;
        var problems = new List<(string, string)>();
        if (!ConsentScopes.TryParse(request.Scope, out var consentScope))
            problems.Add(("scope", ConsentScopes.Problem));
        var pseudonym = string.IsNullOrWhiteSpace(request.Pseudonym) ? null : request.Pseudonym.Trim();
        if (pseudonym is { Length: > ConsentRequest.MaxPseudonymLength })
            problems.Add(("pseudonym", ResettlementProblem.Text["PseudonymTooLong", ConsentRequest.MaxPseudonymLength]));
        DateOnly? until = null;
        if (!string.IsNullOrWhiteSpace(request.Until))
        {
            if (!DateOnly.TryParseExact(request.Until.Trim(), "yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture, System.Globalization.DateTimeStyles.None, out var parsed))
                problems.Add(("until", ResettlementProblem.Text["UntilFormat"]));
            else if (parsed < Today)
                problems.Add(("until", ResettlementProblem.Text["UntilPast"]));
            else
                until = parsed;
        }
        if (problems.Count > 0)
            throw new ResettlementInputException(problems);

        using var acting = scope.Use(caller);
        var now = time.GetUtcNow();
        foreach (var earlier in await db.Set<Consent>().Where(c => c.CaseId == person.Id && c.Scope == consentScope && c.RevokedAt == null).ToListAsync(ct))
            earlier.Revoke(caller.Code, now);
        var id = Guid.NewGuid();
        Consent consent;
        using (var key = vault.CreateRecordKey(Consent.EntityType, id.ToString("N")))
            consent = Consent.Grant(id, person, consentScope, pseudonym, request.MayShowFace ?? false, until, key, caller.Code, now);
        db.Set<Consent>().Add(consent);
        await audit.AppendAsync(new AuditEntry(caller.AuditActor, "consent.grant:" + consentScope.Slug(), person.Code), ct);
        return View(consent);
    }

    /// <summary>Revokes the scope's consent at once; null when the caller may not see the case, false when none was in force.</summary>
    public async Task<bool?> RevokeAsync(StaffCaller caller, string caseCode, ConsentScope consentScope, CancellationToken ct = default)
    {
        var person = await cases.FindAsync(caller, caseCode, ct);
        if (person is null || !access.CanSee(person, caller, Permission.EditCases))
            return null;
        using var acting = scope.Use(caller);
        var active = await db.Set<Consent>().Where(c => c.CaseId == person.Id && c.Scope == consentScope && c.RevokedAt == null).ToListAsync(ct);
        var now = time.GetUtcNow();
        foreach (var c in active)
            c.Revoke(caller.Code, now);
        await audit.AppendAsync(new AuditEntry(caller.AuditActor, "consent.revoke:" + consentScope.Slug(), person.Code, active.Count > 0 ? "ok" : "none-in-force"), ct);
        return active.Count > 0;
    }

    /// <summary>
    /// Is a consent for <paramref name="consentScope"/> in force today for this case? False for a case the caller may
    /// not see, as for one that does not exist: no use without a visible, current consent.
    /// </summary>
    public async Task<bool> IsInForceAsync(StaffCaller caller, string caseCode, ConsentScope consentScope, CancellationToken ct = default)
    {
        var person = await cases.FindAsync(caller, caseCode, ct);
        if (person is null)
            return false;
        using var acting = scope.Use(caller);
        var today = Today;
        var current = await access.Visible(db.Set<Consent>().AsNoTracking(), caller, Permission.ViewCases)
            .Where(c => c.CaseId == person.Id && c.Scope == consentScope && c.RevokedAt == null).ToListAsync(ct);
        return current.Any(c => c.IsInForceOn(today));
    }

    /// <summary>Every consent of the case, newest first, with its history; null when the caller may not see the case.</summary>
    public async Task<IReadOnlyList<ConsentView>?> HistoryAsync(StaffCaller caller, string caseCode, CancellationToken ct = default)
    {
        var person = await cases.FindAsync(caller, caseCode, ct);
        if (person is null)
            return null;
        using var acting = scope.Use(caller);
        var rows = await access.Visible(db.Set<Consent>().AsNoTracking(), caller, Permission.ViewCases).Where(c => c.CaseId == person.Id).ToListAsync(ct);
        return [.. rows.OrderByDescending(c => c.RecordedAt).Select(View)];
    }

    private ConsentView View(Consent c) => new(c.Scope.Slug(), c.GivenOn, c.Until, c.MayShowFace, c.Pseudonym is not null, c.RevokedAt, c.IsInForceOn(Today));
}
