using System.Globalization;
using Crossing.Core.Persistence;
using Crossing.Core.Security.Access;
using Crossing.Core.Security.Audit;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Crossing.Core.Funding;

/// <summary>
/// What one `receipts send` run did: statements delivered now, donors who had theirs already, and where they went.
/// <see cref="Recovered"/>: statements a stopped run had written to the outbox, recorded as sent now (not delivered
/// again). <see cref="Unconfirmed"/>: statements a stopped run was sending by e-mail, which may or may not have
/// arrived; they are not sent again until a person confirms them or asks with --again.
/// </summary>
public sealed record StatementRun(int Year, int Sent, int AlreadySent, int Donors, string Delivery, IReadOnlyList<string> Numbers)
{
    public IReadOnlyList<string> Recovered { get; init; } = [];
    public IReadOnlyList<UnconfirmedReceipt> Unconfirmed { get; init; } = [];
}

public sealed record ReceiptSent(string Number, string DonorCode, string Delivery);

public sealed record ReceiptRow(string Number, ReceiptKind Kind, string DonorCode, int Year, string Delivery, string Language, DateTimeOffset SentAt, ReceiptState State = ReceiptState.Sent);

/// <summary>A receipt whose delivery began and did not finish in a way Crossing can check (SMTP): a person decides.</summary>
public sealed record UnconfirmedReceipt(string Number, ReceiptKind Kind, string DonorCode, int Year, string Delivery, DateTimeOffset Since);

/// <summary>
/// Receipts per gift and year-end statements per donor (issue 10 item 3). A statement is sent once per donor and year:
/// a second run skips donors who have theirs unless finance asks for one donor again. Donor e-mail and name are opened
/// only to address the receipt, through <see cref="SealedReader.OpenForDeliveryAsync"/> (audited with the purpose).
/// Crash-safe: each receipt is saved as <see cref="ReceiptState.Sending"/> with its number and Message-ID before it is
/// delivered and marked <see cref="ReceiptState.Sent"/> after, so a run killed in between leaves a row that the next
/// run checks (outbox) or reports (SMTP) instead of sending it a second time.
/// </summary>
public sealed class Receipts(
    CrossingDbContext db, SealedReader reader, IAuditLog audit, ReceiptDocuments documents, ReceiptDelivery delivery,
    TimeProvider time, IOptions<ReceiptOptions> options)
{
    private static readonly IReadOnlySet<string> ContactFields = new HashSet<string>(StringComparer.Ordinal) { Donor.Fields.Email, Donor.Fields.Name };

    public const string StatementPurpose = "receipts.statement";
    public const string GiftPurpose = "receipts.gift";

    /// <summary>
    /// Statements for every donor with posted gifts in <paramref name="year"/> who has none yet; <paramref name="again"/>
    /// (a donor code) gets one anyway: their unconfirmed statement once more if they have one, else a new one. Each
    /// donor's statement is in their language unless <paramref name="language"/> names one for the whole run.
    /// </summary>
    public async Task<StatementRun> SendStatementsAsync(string actor, int year, string? again, string? language, CancellationToken ct = default)
    {
        if (year is < 2000 or > 2200)
            throw new ReceiptException($"{year} is not a year receipts can be sent for: use a year such as {time.GetUtcNow().Year - 1}.");
        var forced = Forced(language);
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
        var records = await db.Set<ReceiptRecord>()
            .Where(r => r.Kind == ReceiptKind.Statement && r.Year == year && ids.Contains(r.DonorId)).ToListAsync(ct);
        var counts = records.GroupBy(r => r.DonorId).ToDictionary(g => g.Key, g => g.Count());
        var codes = donors.ToDictionary(d => d.Id, d => d.Code);

        // First what a stopped run left half-done: found in the outbox, to deliver again (nothing was written), or unclear.
        var recovered = new List<string>();
        var retry = new Dictionary<DonorId, ReceiptRecord>();
        var unclear = new List<ReceiptRecord>();
        foreach (var pending in records.Where(r => r.State == ReceiptState.Sending).OrderBy(r => r.Number, StringComparer.Ordinal))
        {
            if (await InOutboxAsync(pending, ct))
            {
                pending.Confirm();
                await db.SaveChangesAsync(ct);
                recovered.Add(pending.Number);
            }
            else if (pending.Delivery == ReceiptDelivery.Outbox || codes[pending.DonorId] == againCode)
                retry.TryAdd(pending.DonorId, pending);
            else
                unclear.Add(pending);
        }
        var unclearDonors = unclear.Select(r => r.DonorId).ToHashSet();
        var due = donors.Where(d => retry.ContainsKey(d.Id)
            || (!unclearDonors.Contains(d.Id) && (!counts.ContainsKey(d.Id) || d.Code == againCode))).ToList();

        var numbers = new List<string>();
        var sentTo = new HashSet<DonorId>();
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
                    if (retry.TryGetValue(donor.Id, out var record))
                    {
                        var mail = StatementMail(record.Language, record.Number, record.MessageId ?? delivery.MessageIdFor(record.Number), year, donor, contact, byDonor[donor.Id]);
                        record.Retry(delivery.Channel, time.GetUtcNow());
                        await db.SaveChangesAsync(ct);
                        await DeliverRecordedAsync(record, mail, isNew: false, ct);
                    }
                    else
                    {
                        var number = string.Create(CultureInfo.InvariantCulture, $"S-{year}-{donor.Code}-{counts.GetValueOrDefault(donor.Id) + 1}");
                        var lang = LanguageOf(forced, donor, contact);
                        var mail = StatementMail(lang, number, delivery.MessageIdFor(number), year, donor, contact, byDonor[donor.Id]);
                        record = ReceiptRecord.Sending(ReceiptKind.Statement, donor.Id, year, null, number, mail.MessageId, delivery.Channel, lang, time.GetUtcNow());
                        // Another run got to this donor first (same number): it sends it, this run does not.
                        if (!await RecordIntentAsync(record, ct))
                            continue;
                        await DeliverRecordedAsync(record, mail, isNew: true, ct);
                    }
                    numbers.Add(record.Number);
                    sentTo.Add(donor.Id);
                }
            }
            finally
            {
                keys.DisposeAll();
            }
            await audit.AppendAsync(new AuditEntry(actor, "receipts.statements.sent", string.Create(CultureInfo.InvariantCulture, $"{year}: {numbers.Count}")), ct);
        }
        var haveOne = await db.Set<ReceiptRecord>().AsNoTracking()
            .Where(r => r.Kind == ReceiptKind.Statement && r.Year == year && r.State == ReceiptState.Sent && ids.Contains(r.DonorId))
            .Select(r => r.DonorId).Distinct().ToListAsync(ct);
        return new StatementRun(year, numbers.Count, haveOne.Count(d => !sentTo.Contains(d)), donors.Count, delivery.Channel, numbers)
        {
            Recovered = recovered,
            Unconfirmed = [.. unclear.Select(r => Unconfirmed(r, codes[r.DonorId]))],
        };
    }

    /// <summary>
    /// The receipt for one posted gift, delivered to its donor; each call sends one (finance asked for it). If a stopped
    /// run left this gift's receipt half-sent, that receipt is settled first: found in the outbox it is recorded and
    /// returned; sent by e-mail it is refused until confirmed, or sent once more (same number) with <paramref name="again"/>.
    /// </summary>
    public async Task<ReceiptSent> SendGiftReceiptAsync(string actor, string reference, string? language, bool again = false, CancellationToken ct = default)
    {
        var forced = Forced(language);
        var (gift, donor) = await ReceivableAsync(reference, ct);
        var pending = await db.Set<ReceiptRecord>().Where(r => r.GiftId == gift.Id && r.State == ReceiptState.Sending).OrderBy(r => r.Id).FirstOrDefaultAsync(ct);
        if (pending is not null && await InOutboxAsync(pending, ct))
        {
            pending.Confirm();
            await audit.AppendAsync(new AuditEntry(actor, "receipts.recovered", pending.Number), ct);
            return new ReceiptSent(pending.Number, donor.Code, pending.Delivery);
        }
        if (pending is not null && pending.Delivery != ReceiptDelivery.Outbox && !again)
            throw new ReceiptUnconfirmedException(
                $"Receipt {pending.Number} was being sent by e-mail when a run stopped and may have reached the donor: check the mail server's log, " +
                $"then record it with `crossing receipts confirm {pending.Number}` (or on /finance/receipts), or send it once more with --again.");
        var keys = await reader.OpenForDeliveryAsync(actor, Donor.EntityType, [(donor.Id.RecordId, donor.Code)], ContactFields, GiftPurpose, ct);
        try
        {
            if (!keys.TryGetValue(donor.Id.RecordId, out var key))
                throw new ReceiptException($"Donor {donor.Code} was erased: there is no one to send the receipt to.");
            var contact = donor.Open(key);
            ReceiptRecord record;
            ReceiptMail mail;
            if (pending is not null)
            {
                record = pending;
                mail = GiftMail(record.Language, record.Number, record.MessageId ?? delivery.MessageIdFor(record.Number), gift, donor, contact);
                record.Retry(delivery.Channel, time.GetUtcNow());
                await db.SaveChangesAsync(ct);
            }
            else
            {
                var number = await GiftNumberAsync(gift, ct);
                var lang = LanguageOf(forced, donor, contact);
                mail = GiftMail(lang, number, delivery.MessageIdFor(number), gift, donor, contact);
                record = ReceiptRecord.Sending(ReceiptKind.Gift, donor.Id, gift.GivenAt.UtcDateTime.Year, gift.Id, number, mail.MessageId, delivery.Channel, lang, time.GetUtcNow());
                if (!await RecordIntentAsync(record, ct))
                    throw new ReceiptException($"Receipt {number} is being sent by another run right now: look for it on /finance/receipts in a minute.");
            }
            await DeliverRecordedAsync(record, mail, pending is null, ct);
            await audit.AppendAsync(new AuditEntry(actor, "receipts.gift.sent", record.Number), ct);
            return new ReceiptSent(record.Number, donor.Code, record.Delivery);
        }
        finally
        {
            keys.DisposeAll();
        }
    }

    /// <summary>
    /// Records an unconfirmed receipt as sent without delivering it again: a person found it in the mail server's log or
    /// heard from the donor. False when no receipt of that number waits for confirmation.
    /// </summary>
    public async Task<bool> ConfirmSentAsync(string actor, string number, CancellationToken ct = default)
    {
        var text = number.Trim().ToUpperInvariant();
        var record = text.Length is > 0 and <= 64
            ? await db.Set<ReceiptRecord>().SingleOrDefaultAsync(r => r.Number == text && r.State == ReceiptState.Sending, ct)
            : null;
        if (record is null)
            return false;
        record.Confirm();
        await audit.AppendAsync(new AuditEntry(actor, "receipts.confirmed", record.Number), ct);
        return true;
    }

    /// <summary>Receipts whose delivery began and was never confirmed (oldest first), for a person to check.</summary>
    public async Task<IReadOnlyList<UnconfirmedReceipt>> UnconfirmedAsync(StaffCaller caller, CancellationToken ct = default)
    {
        RequireFinance(caller);
        var rows = await db.Set<ReceiptRecord>().AsNoTracking().Where(r => r.State == ReceiptState.Sending).OrderBy(r => r.Id).Take(500).ToListAsync(ct);
        var ids = rows.Select(r => r.DonorId).Distinct().ToList();
        var codes = await db.Set<Donor>().AsNoTracking().Where(d => ids.Contains(d.Id)).ToDictionaryAsync(d => d.Id, d => d.Code, ct);
        return [.. rows.Select(r => Unconfirmed(r, codes.GetValueOrDefault(r.DonorId) ?? ""))];
    }

    private static UnconfirmedReceipt Unconfirmed(ReceiptRecord r, string donorCode) => new(r.Number, r.Kind, donorCode, r.Year, r.Delivery, r.SentAt);

    private ReceiptMail StatementMail(string lang, string number, string messageId, int year, Donor donor, DonorContact contact, IReadOnlyList<ReceiptLine> lines)
    {
        var name = contact.Name ?? ReceiptDocuments.T(lang, "Friend", options.Value.OrganisationName);
        var pdf = documents.Statement(lang, number, year, Today(), name, donor.Code, lines);
        return new ReceiptMail(
            contact.Email, name,
            ReceiptDocuments.T(lang, "Subject.Statement", options.Value.OrganisationName, year),
            ReceiptDocuments.T(lang, "Body.Statement", name, year, number, options.Value.OrganisationName),
            number + ".pdf", pdf, messageId);
    }

    private ReceiptMail GiftMail(string lang, string number, string messageId, Gift gift, Donor donor, DonorContact contact)
    {
        var name = contact.Name ?? ReceiptDocuments.T(lang, "Friend", options.Value.OrganisationName);
        var pdf = documents.GiftReceipt(lang, number, Today(), name, donor.Code, Line(gift));
        return new ReceiptMail(
            contact.Email, name,
            ReceiptDocuments.T(lang, "Subject.Gift", options.Value.OrganisationName, number),
            ReceiptDocuments.T(lang, "Body.Gift", name, number, options.Value.OrganisationName),
            number + ".pdf", pdf, messageId);
    }

    /// <summary>Whether a half-sent receipt is complete in the outbox (only a receipt that was going there can be).</summary>
    private async Task<bool> InOutboxAsync(ReceiptRecord record, CancellationToken ct) =>
        record.Delivery == ReceiptDelivery.Outbox && record.MessageId is { } id && await delivery.InOutboxAsync(record.Number, id, ct);

    /// <summary>Saves the receipt as sending before anything is delivered. False when another run holds the same number.</summary>
    private async Task<bool> RecordIntentAsync(ReceiptRecord record, CancellationToken ct)
    {
        db.Add(record);
        try
        {
            await db.SaveChangesAsync(ct);
            return true;
        }
        catch (DbUpdateException)
        {
            db.Entry(record).State = EntityState.Detached;
            if (await db.Set<ReceiptRecord>().AsNoTracking().AnyAsync(r => r.Number == record.Number, ct))
                return false;
            throw;
        }
    }

    /// <summary>
    /// Delivers a receipt already saved as sending, then marks it sent. If delivery certainly failed, a new record is
    /// removed again (the next run sends it like any other); any other failure leaves it sending, for the next run to
    /// check or report.
    /// </summary>
    private async Task DeliverRecordedAsync(ReceiptRecord record, ReceiptMail mail, bool isNew, CancellationToken ct)
    {
        try
        {
            await delivery.DeliverAsync(mail, ct);
        }
        catch (ReceiptNotDeliveredException e)
        {
            if (isNew)
            {
                db.Remove(record);
                await db.SaveChangesAsync(CancellationToken.None);
            }
            throw new ReceiptException($"{record.Number} was not sent: {e.Message}. Check the receipt settings (docs/receipts.md) and run the command again.");
        }
        // Delivered: recorded even if the caller gave up meanwhile, so it is never sent twice.
        record.MarkSent(time.GetUtcNow());
        await db.SaveChangesAsync(CancellationToken.None);
    }

    /// <summary>A gift's receipt as PDF for finance to download (not recorded as sent); the donor's name is an audited identity read.</summary>
    public async Task<(string FileName, byte[] Pdf)?> GiftReceiptPdfAsync(StaffCaller caller, string reference, string? language, CancellationToken ct = default)
    {
        RequireFinance(caller);
        var forced = Forced(language);
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
        var lang = LanguageOf(forced, donor, contact);
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
        return [.. rows.Select(r => new ReceiptRow(r.Number, r.Kind, codes.GetValueOrDefault(r.DonorId) ?? "", r.Year, r.Delivery, r.Language, r.SentAt, r.State))];
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
            .Where(r => r.Kind == ReceiptKind.Statement && r.Year == year && r.State == ReceiptState.Sent).Select(r => r.DonorId).Distinct().CountAsync(ct);
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

    /// <summary>The language a run gives every receipt (--language, or one picked on the page); null: each donor's own.</summary>
    private string? Forced(string? language) => language is null ? null : ReceiptOptions.LanguageOr(language, options.Value.Language);

    /// <summary>A receipt's language: the run's if it forces one, else the donor's preference, else guessed from the name or the default.</summary>
    private string LanguageOf(string? forced, Donor donor, DonorContact contact) =>
        forced ?? Donor.LanguageFor(donor.Language, contact.Name, ReceiptOptions.LanguageOr(null, options.Value.Language));

    private DateOnly Today() => DateOnly.FromDateTime(time.GetUtcNow().UtcDateTime);

    private static string Clip(string text) => text.Length <= 60 ? text : text[..60];
}
