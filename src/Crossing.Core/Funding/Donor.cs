using System.Text;
using Crossing.Core.Persistence;
using Crossing.Core.Security.Access;
using Crossing.Core.Security.Vault;
using Microsoft.EntityFrameworkCore;

namespace Crossing.Core.Funding;

public readonly record struct DonorId(Guid Value)
{
    public string RecordId => Value.ToString("N");
}

/// <summary>
/// Someone who gave. E-mail, name and address are sealed under the donor's own data key (deleting it erases the donor
/// everywhere); in clear are only the pseudonymous code and the communication preferences.
/// </summary>
public sealed class Donor
{
    public const string EntityType = "donor";

    public static class Fields
    {
        public const string Email = "email";
        public const string Name = "name";
        public const string Address = "address";
    }

    private Donor()
    {
        Code = "";
        Email = null!;
    }

    public DonorId Id { get; private set; }
    public string Code { get; private set; }
    public SealedValue Email { get; private set; }
    public SealedValue? Name { get; private set; }
    public SealedValue? Address { get; private set; }

    /// <summary>News and impact reports by e-mail (opt-in).</summary>
    public bool EmailUpdates { get; private set; }

    public bool PostalMail { get; private set; }

    /// <summary>Thank-you cards and introductions to the people they helped rescue.</summary>
    public bool ThankYouIntroductions { get; private set; }

    public DateTimeOffset CreatedAt { get; private set; }

    /// <summary>"en" or "ko": the language of this donor's receipts and their e-mails; null until finance chooses one.</summary>
    public string? Language { get; private set; }

    internal static Donor Create(DonorId id, string code, string email, string? name, string? address, RecordKey key, DateTimeOffset now)
    {
        if (key.EntityType != EntityType || key.RecordId != id.RecordId)
            throw new ArgumentException("The record key belongs to another record.", nameof(key));
        return new Donor
        {
            Id = id,
            Code = code,
            Email = key.Seal(Fields.Email, email),
            Name = key.SealOptional(Fields.Name, name),
            Address = key.SealOptional(Fields.Address, address),
            ThankYouIntroductions = true,
            CreatedAt = now,
        };
    }

    /// <summary>Whether a name or address given now would fill a field this donor does not have yet.</summary>
    internal bool Lacks(string? name, string? address) =>
        (Name is null && !string.IsNullOrWhiteSpace(name)) || (Address is null && !string.IsNullOrWhiteSpace(address));

    internal void CompleteFrom(string? name, string? address, RecordKey key)
    {
        if (Name is null && !string.IsNullOrWhiteSpace(name))
            Name = key.Seal(Fields.Name, name.Trim());
        if (Address is null && !string.IsNullOrWhiteSpace(address))
            Address = key.Seal(Fields.Address, address.Trim());
    }

    public void SetPreferences(bool emailUpdates, bool postalMail, bool thankYouIntroductions)
    {
        EmailUpdates = emailUpdates;
        PostalMail = postalMail;
        ThankYouIntroductions = thankYouIntroductions;
    }

    /// <summary>Sets the receipt language; anything but "en" or "ko" is refused.</summary>
    public void SetLanguage(string language)
    {
        var text = language.Trim().ToLowerInvariant();
        if (!ReceiptOptions.Languages.Contains(text))
            throw new ArgumentException("A donor's language is en or ko.", nameof(language));
        Language = text;
    }

    /// <summary>
    /// The language to write to a donor in: the one chosen for them, else Korean when their name is written in Hangul,
    /// else <paramref name="fallback"/> (Crossing:Receipts:Language, English unless configured).
    /// </summary>
    public static string LanguageFor(string? chosen, string? name, string fallback) =>
        chosen ?? (name is not null && name.Any(IsHangul) ? "ko" : fallback);

    private static bool IsHangul(char c) => c is (>= '\uAC00' and <= '\uD7A3') or (>= '\u1100' and <= '\u11FF') or (>= '\u3130' and <= '\u318F');

    public DonorContact Open(OpenedRecord key)
    {
        if (key.EntityType != EntityType || key.RecordId != Id.RecordId)
            throw new ArgumentException("The record key belongs to another record.", nameof(key));
        return new DonorContact(key.Open(Fields.Email, Email), key.OpenOptional(Fields.Name, Name), key.OpenOptional(Fields.Address, Address));
    }
}

public sealed record DonorContact(string Email, string? Name, string? Address)
{
    public override string ToString() => "[donor contact]";
}

/// <summary>
/// Finds or creates donors by e-mail. The blind index on the normalised address gives candidates; each is confirmed by
/// decrypting, so a shared index value never merges two donors.
/// </summary>
public sealed class DonorDirectory(CrossingDbContext db, Vault vault, SealedReader reader, BlindIndexStore indexes, TimeProvider time) : IDisposable
{
    /// <summary>An e-mail address is high-entropy on its own; 100,000 donors give 14 bits (several donors per value).</summary>
    public static readonly BlindIndexDefinition EmailIndex = new("donor-email", 100_000, new IndexedField("email", FieldEntropy.High));

    /// <summary>Trimmed, NFKC, lowercase: "  Ji.Min@Example.ORG " and "ji.min@example.org" are the same donor.</summary>
    public static string? NormaliseEmail(string? email)
    {
        if (string.IsNullOrWhiteSpace(email))
            return null;
        var text = email.Trim().Normalize(NormalizationForm.FormKC).ToLowerInvariant();
        var at = text.IndexOf('@', StringComparison.Ordinal);
        if (at <= 0 || at != text.LastIndexOf('@') || at == text.Length - 1 || text.Length > 254 || text.Any(char.IsWhiteSpace))
            return null;
        return text;
    }

    /// <summary>
    /// The donor with this e-mail, created if new. Saved with the unit of work. Null for a missing or malformed e-mail.
    /// A donor created earlier in the same unit of work (a batch of webhook events, an import) is found again and
    /// completed with the key it was created with, since that key is not in the database until the save.
    /// </summary>
    public async Task<Donor?> ResolveAsync(string? email, string? name, string? address, CancellationToken ct = default)
    {
        var normalised = NormaliseEmail(email);
        if (normalised is null)
            return null;
        if (pendingByEmail.TryGetValue(normalised, out var pending))
        {
            if (db.Entry(pending.Donor).State != EntityState.Detached)
            {
                pending.Donor.CompleteFrom(name, address, pending.Key);
                return pending.Donor;
            }
            Forget(normalised);
        }
        var existing = await FindAsync(normalised, ct);
        if (existing is not null)
        {
            if (existing.Lacks(name, address))
            {
                using var key = await reader.OpenForSealingAsync(Donor.EntityType, existing.Id.RecordId, ct);
                existing.CompleteFrom(name, address, key);
            }
            return existing;
        }
        var id = new DonorId(Guid.NewGuid());
        var created = vault.CreateRecordKey(Donor.EntityType, id.RecordId);
        var donor = Donor.Create(id, await NewCodeAsync(ct), normalised, Clean(name), Clean(address), created, time.GetUtcNow());
        db.Add(donor);
        await indexes.AddForNewRecordAsync(EmailIndex, Donor.EntityType, id.RecordId, [[normalised]], ct);
        pendingByEmail[normalised] = (donor, created);
        return donor;
    }

    /// <summary>
    /// A donor code no donor holds, saved or pending: 30^5 codes collide by the birthday bound after a few thousand
    /// donors, and a repeated code would fail the whole save (the gift with it). Lengthened after repeated collisions.
    /// </summary>
    private async Task<string> NewCodeAsync(CancellationToken ct)
    {
        for (var attempt = 0; ; attempt++)
        {
            var code = PseudonymousCode.New('D', attempt < 8 ? 5 : 7);
            if (pendingByEmail.Values.Any(p => p.Donor.Code == code))
                continue;
            if (!await db.Set<Donor>().AnyAsync(d => d.Code == code, ct))
                return code;
        }
    }

    private void Forget(string normalisedEmail)
    {
        if (pendingByEmail.Remove(normalisedEmail, out var gone))
            gone.Key.Dispose();
    }

    public void Dispose()
    {
        foreach (var email in pendingByEmail.Keys.ToList())
            Forget(email);
    }

    /// <summary>The donor with this e-mail, if any; the e-mail is normalised first.</summary>
    public Task<Donor?> FindByEmailAsync(string email, CancellationToken ct = default) =>
        NormaliseEmail(email) is { } normalised ? FindAsync(normalised, ct) : Task.FromResult<Donor?>(null);

    private static readonly IReadOnlySet<string> EmailOnly = new HashSet<string>(StringComparer.Ordinal) { Donor.Fields.Email };

    private readonly Dictionary<string, (Donor Donor, RecordKey Key)> pendingByEmail = new(StringComparer.Ordinal);

    // E-mails looked up ahead for a batch (PrefetchAsync): the donor found, or null when there is none.
    private readonly Dictionary<string, Donor?> prefetched = new(StringComparer.Ordinal);

    /// <summary>
    /// Finds the donors of many e-mails in three queries (blind-index candidates, donors, e-mail keys), so resolving each
    /// later needs none. For a batch of webhook events inside one ledger write; <see cref="ForgetPrefetched"/> after it.
    /// </summary>
    public async Task PrefetchAsync(IEnumerable<string?> emails, CancellationToken ct = default)
    {
        var wanted = emails.Select(NormaliseEmail).OfType<string>().Where(e => !prefetched.ContainsKey(e)).Distinct(StringComparer.Ordinal).ToList();
        if (wanted.Count == 0)
            return;
        var found = await FindManyAsync(wanted, ct);
        foreach (var email in wanted)
            prefetched[email] = found.GetValueOrDefault(email);
    }

    public void ForgetPrefetched() => prefetched.Clear();

    private async Task<Donor?> FindAsync(string normalisedEmail, CancellationToken ct)
    {
        if (pendingByEmail.TryGetValue(normalisedEmail, out var pending) && db.Entry(pending.Donor).State != EntityState.Detached)
            return pending.Donor;
        if (prefetched.TryGetValue(normalisedEmail, out var known) && (known is null || db.Entry(known).State != EntityState.Detached))
            return known;
        return (await FindManyAsync([normalisedEmail], ct)).GetValueOrDefault(normalisedEmail);
    }

    private async Task<Dictionary<string, Donor>> FindManyAsync(IReadOnlyCollection<string> normalisedEmails, CancellationToken ct)
    {
        var result = new Dictionary<string, Donor>(StringComparer.Ordinal);
        var candidates = await indexes.CandidatesAsync(EmailIndex, Donor.EntityType, normalisedEmails.Select(e => new[] { e }), ct);
        if (candidates.Count == 0)
            return result;
        var ids = candidates.Select(c => new DonorId(Guid.ParseExact(c, "N"))).ToList();
        var donors = await db.Set<Donor>().Where(d => ids.Contains(d.Id)).ToListAsync(ct);
        // Only the e-mail is opened, to confirm the candidate; nothing leaves this method but the donors it confirms.
        var keys = await reader.OpenFieldsAsync(Donor.EntityType, [.. donors.Select(d => d.Id.RecordId)], EmailOnly, ct);
        try
        {
            var wanted = normalisedEmails.ToHashSet(StringComparer.Ordinal);
            foreach (var donor in donors)
            {
                if (keys.TryGetValue(donor.Id.RecordId, out var k) && k.Open(Donor.Fields.Email, donor.Email) is { } email && wanted.Contains(email))
                    result.TryAdd(email, donor);
            }
            return result;
        }
        finally
        {
            keys.DisposeAll();
        }
    }

    private static string? Clean(string? text) => string.IsNullOrWhiteSpace(text) ? null : text.Trim();
}
