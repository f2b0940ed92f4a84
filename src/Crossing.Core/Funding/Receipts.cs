using System.Globalization;
using Crossing.Core.Persistence;
using Crossing.Core.Security.Access;
using Crossing.Core.Security.Audit;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Crossing.Core.Funding;

/// <summary>What one `receipts send` run did: statements delivered now, donors who had theirs already, and where they went.</summary>
public sealed record StatementRun(int Year, int Sent, int AlreadySent, int Donors, string Delivery, IReadOnlyList<string> Numbers);

public sealed record ReceiptSent(string Number, string DonorCode, string Delivery);

public sealed record ReceiptRow(string Number, ReceiptKind Kind, string DonorCode, int Year, string Delivery, string Language, DateTimeOffset SentAt);

/// <summary>
/// Receipts per gift and year-end statements per donor (issue 10 item 3). A statement is sent once per donor and year:
/// a second run skips donors who have theirs unless finance asks for one donor again. Donor e-mail and name are opened
/// only to address the receipt, through <see cref="SealedReader.OpenForDeliveryAsync"/> (audited with the purpose).
/// </summary>
public sealed class Receipts(
    CrossingDbContext db, SealedReader reader, IAuditLog audit, ReceiptDocuments documents, ReceiptDelivery delivery,
    TimeProvider time, IOptions<ReceiptOptions> options)
{
    private static readonly IReadOnlySet<string> ContactFields = new HashSet<string>(StringComparer.Ordinal) { Donor.Fields.Email, Donor.Fields.Name };

    public const string StatementPurpose = "receipts.statement";
    public const string GiftPurpose = "receipts.gift";

    /// <summary>Statements for every donor with posted gifts in <paramref name="year"/> who has none yet; <paramref name="again"/> (a donor code) gets a new one anyway.</summary>
    public async Task<StatementRun> SendStatementsAsync(string actor, int year, string? again, string? language, CancellationToken ct = default)
    {
        if (year is < 2000 or > 2200)
            throw new ReceiptException($"{year} is not a year receipts can be sent for: use a year such as {time.GetUtcNow().Year - 1}.");
        var lang = ReceiptOptions.LanguageOr(language, options.Value.Language);
        var againCode = again?.Trim().ToUpperInvariant();
        if (againCode is not null && !await db.Set<Donor>().AnyAsync(d => d.Code == againCode, ct))
            throw new ReceiptException($"There is no donor {again}: --again takes a donor code such as D-ABCDE.");
        var start = new DateTimeOffset(year, 1, 1, 0, 0, 0, TimeSpan.Zero);
        var end = start.AddYears(1);
        var gifts = await db.Set<Gift>().AsNoTracking()
            .Where(g => g.Status == GiftStatus.Posted && g.DonorId != null && g.GivenAt >= start && g.GivenAt < end)
            .ToListAsync(ct);
        var byDonor = gifts.GroupBy(g => g.DonorId!.Value)
            .Select(g => (Donor: g.Key, Lines: g.Select(Line).Where(l => l.Net.Minor > 0).ToList()))
            .Where(d => d.Lines.Count > 0)
            .ToDictionary(d => d.Donor, d => d.Lines);
        var ids = byDonor.Keys.ToList();
        var donors = await db.Set<Donor>().AsNoTracking().Where(d => ids.Contains(d.Id)).OrderBy(d => d.Code).ToListAsync(ct);
        var sentBefore = await db.Set<ReceiptRecord>().AsNoTracking()
            .Where(r => r.Kind == ReceiptKind.Statement && r.Year == year && ids.Contains(r.DonorId))
            .Select(r => r.DonorId).ToListAsync(ct);
        var counts = sentBefore.GroupBy(d => d).ToDictionary(g => g.Key, g => g.Count());
        var due = donors.Where(d => !counts.ContainsKey(d.Id) || d.Code == againCode).ToList();

        var numbers = new List<string>();
        if (due.Count > 0)
        {
            var keys = await reader.OpenForDeliveryAsync(actor, Donor.EntityType, [.. due.Select(d => (d.Id.RecordId, d.Code))], ContactFields, StatementPurpose, ct);
            try
            {
                foreach (var donor in due)
                {
                    // A shredded donor has no key any more: nothing to address a statement to.
                    if (!keys.TryGetValue(donor.Id.RecordId, out var key))
                        continue;
                    var contact = donor.Open(key);
                    var number = string.Create(CultureInfo.InvariantCulture, $"S-{year}-{donor.Code}-{counts.GetValueOrDefault(donor.Id) + 1}");
                    var name = contact.Name ?? ReceiptDocuments.T(lang, "Friend", options.Value.OrganisationName);
                    var pdf = documents.Statement(lang, number, year, Today(), name, donor.Code, byDonor[donor.Id]);
                    var how = await delivery.DeliverAsync(new ReceiptMail(
                        contact.Email, name,
                        ReceiptDocuments.T(lang, "Subject.Statement", options.Value.OrganisationName, year),
                        ReceiptDocuments.T(lang, "Body.Statement", name, year, number, options.Value.OrganisationName),
                        number + ".pdf", pdf), ct);
                    // Recorded as soon as it is delivered, so a run that stops half-way resumes where it stopped.
                    db.Add(ReceiptRecord.Sent(ReceiptKind.Statement, donor.Id, year, null, number, how, lang, time.GetUtcNow()));
                    await db.SaveChangesAsync(ct);
                    numbers.Add(number);
                }
            }
            finally
            {
                keys.DisposeAll();
            }
            await audit.AppendAsync(new AuditEntry(actor, "receipts.statements.sent", string.Create(CultureInfo.InvariantCulture, $"{year}: {numbers.Count}")), ct);
        }
        return new StatementRun(year, numbers.Count, donors.Count - due.Count, donors.Count, Where(), numbers);
    }

    /// <summary>The receipt for one posted gift, delivered to its donor; each call sends one (finance asked for it).</summary>
    public async Task<ReceiptSent> SendGiftReceiptAsync(string actor, string reference, string? language, CancellationToken ct = default)
    {
        var lang = ReceiptOptions.LanguageOr(language, options.Value.Language);
        var (gift, donor) = await ReceivableAsync(reference, ct);
        var keys = await reader.OpenForDeliveryAsync(actor, Donor.EntityType, [(donor.Id.RecordId, donor.Code)], ContactFields, GiftPurpose, ct);
        try
        {
            if (!keys.TryGetValue(donor.Id.RecordId, out var key))
                throw new ReceiptException($"Donor {donor.Code} was erased: there is no one to send the receipt to.");
            var contact = donor.Open(key);
            var number = await GiftNumberAsync(gift, ct);
            var name = contact.Name ?? ReceiptDocuments.T(lang, "Friend", options.Value.OrganisationName);
            var pdf = documents.GiftReceipt(lang, number, Today(), name, donor.Code, Line(gift));
            var how = await delivery.DeliverAsync(new ReceiptMail(
                contact.Email, name,
                ReceiptDocuments.T(lang, "Subject.Gift", options.Value.OrganisationName, number),
                ReceiptDocuments.T(lang, "Body.Gift", name, number, options.Value.OrganisationName),
                number + ".pdf", pdf), ct);
            db.Add(ReceiptRecord.Sent(ReceiptKind.Gift, donor.Id, gift.GivenAt.UtcDateTime.Year, gift.Id, number, how, lang, time.GetUtcNow()));
            await audit.AppendAsync(new AuditEntry(actor, "receipts.gift.sent", number), ct);
            return new ReceiptSent(number, donor.Code, how);
        }
        finally
        {
            keys.DisposeAll();
        }
    }

    /// <summary>A gift's receipt as PDF for finance to download (not recorded as sent); the donor's name is an audited identity read.</summary>
    public async Task<(string FileName, byte[] Pdf)?> GiftReceiptPdfAsync(StaffCaller caller, string reference, string? language, CancellationToken ct = default)
    {
        RequireFinance(caller);
        var lang = ReceiptOptions.LanguageOr(language, options.Value.Language);
        Gift gift;
        Donor donor;
        try
        {
            (gift, donor) = await ReceivableAsync(reference, ct);
        }
        catch (ReceiptException)
        {
            return null;
        }
        using var key = await reader.OpenIdentityAsync(caller, Donor.EntityType, donor.Id.RecordId, donor.Code, ct);
        var contact = donor.Open(key);
        var number = "R-" + GiftStem(gift);
        var pdf = documents.GiftReceipt(lang, number, Today(), contact.Name ?? ReceiptDocuments.T(lang, "Friend", options.Value.OrganisationName), donor.Code, Line(gift));
        return (number + ".pdf", pdf);
    }

    public async Task<IReadOnlyList<ReceiptRow>> SentAsync(StaffCaller caller, int year, CancellationToken ct = default)
    {
        RequireFinance(caller);
        var rows = await db.Set<ReceiptRecord>().AsNoTracking().Where(r => r.Year == year).OrderByDescending(r => r.SentAt).Take(1000).ToListAsync(ct);
        var ids = rows.Select(r => r.DonorId).Distinct().ToList();
        var codes = await db.Set<Donor>().AsNoTracking().Where(d => ids.Contains(d.Id)).ToDictionaryAsync(d => d.Id, d => d.Code, ct);
        return [.. rows.Select(r => new ReceiptRow(r.Number, r.Kind, codes.GetValueOrDefault(r.DonorId) ?? "", r.Year, r.Delivery, r.Language, r.SentAt))];
    }

    /// <summary>Donors with posted gifts in the year, and how many of them have their statement.</summary>
    public async Task<(int Donors, int WithStatement)> StatementProgressAsync(StaffCaller caller, int year, CancellationToken ct = default)
    {
        RequireFinance(caller);
        var start = new DateTimeOffset(year, 1, 1, 0, 0, 0, TimeSpan.Zero);
        var end = start.AddYears(1);
        var donors = await db.Set<Gift>().AsNoTracking()
            .Where(g => g.Status == GiftStatus.Posted && g.DonorId != null && g.GivenAt >= start && g.GivenAt < end)
            .Select(g => g.DonorId!.Value).Distinct().ToListAsync(ct);
        var with = await db.Set<ReceiptRecord>().AsNoTracking()
            .Where(r => r.Kind == ReceiptKind.Statement && r.Year == year).Select(r => r.DonorId).Distinct().CountAsync(ct);
        return (donors.Count, with);
    }

    public static void RequireFinance(StaffCaller caller)
    {
        if (!caller.Has(Permission.ViewFinance))
            throw new UnauthorizedAccessException("Receipts need the finance role.");
    }

    private async Task<(Gift Gift, Donor Donor)> ReceivableAsync(string reference, CancellationToken ct)
    {
        var text = reference.Trim();
        var gift = text.Length is > 0 and <= GiftIntake.MaxIdLength
            ? await db.Set<Gift>().AsNoTracking().Where(g => g.PaymentId == text || g.InvoiceId == text).FirstOrDefaultAsync(ct)
            : null;
        if (gift is null)
            throw new ReceiptException($"There is no gift {Clip(text)}: give the payment reference shown on /finance/gifts.");
        if (gift.Status != GiftStatus.Posted)
            throw new ReceiptException($"Gift {Clip(text)} is not in the ledger yet ({gift.Status}): decide it on /finance/attention first.");
        if (gift.DonorId is not { } donorId)
            throw new ReceiptException($"Gift {Clip(text)} has no donor: choose one on /finance/attention first.");
        var donor = await db.Set<Donor>().AsNoTracking().SingleAsync(d => d.Id == donorId, ct);
        return (gift, donor);
    }

    private async Task<string> GiftNumberAsync(Gift gift, CancellationToken ct)
    {
        var previous = await db.Set<ReceiptRecord>().CountAsync(r => r.GiftId == gift.Id, ct);
        return "R-" + GiftStem(gift) + (previous == 0 ? "" : string.Create(CultureInfo.InvariantCulture, $"-{previous + 1}"));
    }

    private static string GiftStem(Gift gift) => string.Create(CultureInfo.InvariantCulture, $"{gift.GivenAt.UtcDateTime.Year}-{gift.Id.ToString("N")[..12].ToUpperInvariant()}");

    private static ReceiptLine Line(Gift gift)
    {
        var amount = gift.Amount!.Value;
        var net = amount.Minor - gift.RefundedMinor - gift.DisputeLostMinor;
        return new ReceiptLine(gift.GivenAt, new Money(net, amount.Currency),
            gift.RefundedMinor + gift.DisputeLostMinor > 0 ? new Money(gift.RefundedMinor + gift.DisputeLostMinor, amount.Currency) : null,
            gift.FundId ?? LedgerAccounts.General, GiftDecisions.Reference(gift));
    }

    private string Where() => options.Value.Smtp.Host is { Length: > 0 } ? ReceiptDelivery.Smtp : ReceiptDelivery.Outbox;

    private DateOnly Today() => DateOnly.FromDateTime(time.GetUtcNow().UtcDateTime);

    private static string Clip(string text) => text.Length <= 60 ? text : text[..60];
}
