using Crossing.Core.Persistence;
using Microsoft.EntityFrameworkCore;

namespace Crossing.Core.Funding;

/// <summary>A campaign or fundraiser that cannot be added: the message in English (CLI, logs) and a key with
/// arguments (Finance.Campaign.* in the web's FundingText) for pages in the reader's language.</summary>
public sealed class CampaignException(string message, string key, params object[] arguments) : Exception(message)
{
    public string Key { get; } = key;

    public IReadOnlyList<object> Arguments { get; } = arguments;
}

/// <summary>Dated designation rules and fundraisers: adding them, with the checks a person can act on.</summary>
public sealed class Campaigns(CrossingDbContext db, TimeProvider time)
{
    public async Task<Campaign> AddAsync(string name, string fundId, DateOnly from, DateOnly to, CampaignGiftKind kind, Money? goal = null, string? id = null, CancellationToken ct = default)
    {
        name = name?.Trim() ?? "";
        if (name.Length is 0 or > 100)
            throw new CampaignException("A campaign needs a name of 1 to 100 characters.", "Finance.Campaign.Name");
        if (to < from)
            throw new CampaignException($"The campaign ends ({to:yyyy-MM-dd}) before it starts ({from:yyyy-MM-dd}).", "Finance.Campaign.EndsBeforeStart", $"{to:yyyy-MM-dd}", $"{from:yyyy-MM-dd}");
        fundId = fundId?.Trim().ToLowerInvariant() ?? "";
        if (!await FundExistsAsync(fundId, ct))
            throw new CampaignException($"There is no fund '{fundId}'. Add it first with `crossing fund add`.", "Finance.Campaign.NoFund", fundId);
        id = id is null ? Slug(name, from) : id.Trim().ToLowerInvariant();
        if (!LedgerAccounts.IsFundId(id) && id.Length <= 64 is false)
            throw new CampaignException($"'{id}' is not a usable campaign id.", "Finance.Campaign.BadId", id);
        if (await db.Set<Campaign>().AnyAsync(c => c.Id == id, ct))
            throw new CampaignException($"A campaign '{id}' exists already.", "Finance.Campaign.Exists", id);
        var campaign = new Campaign(id, name, fundId, from, to, kind, goal?.Minor, goal?.Currency.Code, time.GetUtcNow());
        db.Add(campaign);
        await db.SaveChangesAsync(ct);
        return campaign;
    }

    public async Task<Fundraiser> AddFundraiserAsync(string id, string name, string fundId, CancellationToken ct = default)
    {
        id = id.Trim().ToLowerInvariant();
        if (!LedgerAccounts.IsFundId(id))
            throw new CampaignException($"'{id}' is not a usable fundraiser id: lowercase letters, digits and dashes.", "Finance.Campaign.BadFundraiserId", id);
        if (!await FundExistsAsync(fundId, ct))
            throw new CampaignException($"There is no fund '{fundId}'.", "Finance.Campaign.NoFund", fundId);
        var fundraiser = new Fundraiser(id, name.Trim(), fundId, time.GetUtcNow());
        db.Add(fundraiser);
        await db.SaveChangesAsync(ct);
        return fundraiser;
    }

    /// <summary>Every campaign, latest start first.</summary>
    public async Task<IReadOnlyList<Campaign>> ListAsync(CancellationToken ct = default) =>
        await db.Set<Campaign>().AsNoTracking().OrderByDescending(c => c.From).ThenBy(c => c.Id).ToListAsync(ct);

    /// <summary>The ids of every fund, in order ("general", "rescue", ...).</summary>
    public async Task<IReadOnlyList<string>> FundIdsAsync(CancellationToken ct = default)
    {
        var ids = await db.Set<LedgerAccount>().AsNoTracking().Where(a => a.Kind == LedgerAccountKind.Fund).Select(a => a.Id).ToListAsync(ct);
        return [.. ids.Select(i => i[LedgerAccounts.FundPrefix.Length..]).Order(StringComparer.Ordinal)];
    }

    public static bool TryParseKind(string? text, out CampaignGiftKind kind)
    {
        kind = text?.Trim().ToLowerInvariant() switch
        {
            "one-time" or "onetime" or "once" => CampaignGiftKind.OneTime,
            "recurring" or "monthly" => CampaignGiftKind.Recurring,
            "any" or "all" or null or "" => CampaignGiftKind.Any,
            _ => (CampaignGiftKind)(-1),
        };
        return Enum.IsDefined(kind);
    }

    public static string Slug(CampaignGiftKind kind) => kind switch
    {
        CampaignGiftKind.OneTime => "one-time",
        CampaignGiftKind.Recurring => "recurring",
        _ => "any",
    };

    private Task<bool> FundExistsAsync(string fundId, CancellationToken ct) =>
        db.Set<LedgerAccount>().AnyAsync(a => a.Id == LedgerAccounts.Fund(fundId) && a.Kind == LedgerAccountKind.Fund, ct);

    private static string Slug(string name, DateOnly from)
    {
        var chars = name.ToLowerInvariant().Select(c => char.IsAsciiLetterOrDigit(c) ? c : '-').ToArray();
        var slug = string.Join('-', new string(chars).Split('-', StringSplitOptions.RemoveEmptyEntries));
        if (slug.Length > 40)
            slug = slug[..40].TrimEnd('-');
        return (slug.Length < 2 ? "campaign" : slug) + "-" + from.ToString("yyyy-MM", System.Globalization.CultureInfo.InvariantCulture);
    }
}
