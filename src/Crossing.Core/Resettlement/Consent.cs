using Crossing.Core.Cases;
using Crossing.Core.Security.Access;
using Crossing.Core.Security.Vault;

namespace Crossing.Core.Resettlement;

/// <summary>What a person may agree to, each separately.</summary>
public enum ConsentScope
{
    Contact,
    Storytelling,
    Partners,
    Photos,
}

public static class ConsentScopes
{
    public static string Slug(this ConsentScope scope) => ResettlementVocabulary.Slug<ConsentScope>(scope);

    public static string Problem => ResettlementVocabulary.Problem<ConsentScope>("scope");

    public static bool TryParse(string? text, out ConsentScope scope) => ResettlementVocabulary.TryParse(text, out scope);
}

/// <summary>
/// One dated agreement of a person, for one scope, until a date or until revoked. A new grant for a scope ends the
/// one before (kept, as history). The pseudonym a story may use is sealed under the consent's own key: it is
/// chosen by the person and could be close to their real name.
/// </summary>
public sealed class Consent : ICompartmented
{
    public const string EntityType = "consent";

    public static class Fields
    {
        public const string Pseudonym = "pseudonym";
    }

    private Consent()
    {
        CaseCode = RecordedBy = "";
    }

    public Guid Id { get; private set; }
    public CompartmentId CompartmentId { get; private set; }
    public CaseId CaseId { get; private set; }
    public string CaseCode { get; private set; }
    public ConsentScope Scope { get; private set; }
    public SealedValue? Pseudonym { get; private set; }
    public bool MayShowFace { get; private set; }
    public DateOnly GivenOn { get; private set; }
    public DateOnly? Until { get; private set; }
    public string RecordedBy { get; private set; }
    public DateTimeOffset RecordedAt { get; private set; }
    public DateTimeOffset? RevokedAt { get; private set; }
    public string? RevokedBy { get; private set; }

    public string RecordId => Id.ToString("N");

    internal static Consent Grant(Guid id, Case person, ConsentScope scope, string? pseudonym, bool mayShowFace, DateOnly? until, RecordKey key, string staffCode, DateTimeOffset now)
    {
        if (key.EntityType != EntityType || key.RecordId != id.ToString("N"))
            throw new ArgumentException("The record key belongs to another record.", nameof(key));
        return new Consent
        {
            Id = id,
            CompartmentId = person.CompartmentId,
            CaseId = person.Id,
            CaseCode = person.Code,
            Scope = scope,
            Pseudonym = key.SealOptional(Fields.Pseudonym, pseudonym),
            MayShowFace = mayShowFace,
            GivenOn = DateOnly.FromDateTime(now.UtcDateTime),
            Until = until,
            RecordedBy = staffCode,
            RecordedAt = now,
        };
    }

    public bool IsInForceOn(DateOnly day) => RevokedAt is null && GivenOn <= day && (Until is null || day <= Until);

    public void Revoke(string staffCode, DateTimeOffset now)
    {
        if (RevokedAt is not null)
            return;
        RevokedAt = now;
        RevokedBy = staffCode;
    }
}
