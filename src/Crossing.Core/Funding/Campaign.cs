namespace Crossing.Core.Funding;

public enum CampaignGiftKind
{
    OneTime,
    Recurring,
    Any,
}

/// <summary>A dated designation rule: "one-time gifts from 1 to 30 June go to rescue". Dates are inclusive, in UTC.</summary>
public sealed class Campaign
{
    private Campaign()
    {
        Id = Name = FundId = "";
    }

    internal Campaign(string id, string name, string fundId, DateOnly from, DateOnly to, CampaignGiftKind kind, long? goalMinor, string? goalCurrency, DateTimeOffset createdAt)
    {
        Id = id;
        Name = name;
        FundId = fundId;
        From = from;
        To = to;
        Kind = kind;
        GoalMinor = goalMinor;
        GoalCurrency = goalCurrency;
        CreatedAt = createdAt;
    }

    public string Id { get; private set; }
    public string Name { get; private set; }
    public string FundId { get; private set; }
    public DateOnly From { get; private set; }
    public DateOnly To { get; private set; }
    public CampaignGiftKind Kind { get; private set; }
    public long? GoalMinor { get; private set; }
    public string? GoalCurrency { get; private set; }
    public DateTimeOffset CreatedAt { get; private set; }

    public bool Covers(DateOnly day, GiftKind kind) =>
        day >= From && day <= To && (Kind == CampaignGiftKind.Any || (Kind == CampaignGiftKind.OneTime) == (kind == GiftKind.OneTime));
}

/// <summary>A supporter's or platform fundraiser; gifts through it go to its fund unless the donor chose one.</summary>
public sealed class Fundraiser
{
    private Fundraiser()
    {
        Id = Name = FundId = "";
    }

    internal Fundraiser(string id, string name, string fundId, DateTimeOffset createdAt)
    {
        Id = id;
        Name = name;
        FundId = fundId;
        CreatedAt = createdAt;
    }

    public string Id { get; private set; }
    public string Name { get; private set; }
    public string FundId { get; private set; }
    public DateTimeOffset CreatedAt { get; private set; }

    /// <summary>The platform fundraiser's owner (a supporter's name), sealed under the fundraiser's own key.</summary>
    public Crossing.Core.Security.Vault.SealedValue? Owner { get; private set; }

    public const string EntityType = "fundraiser";

    /// <summary>A platform fundraiser seen for the first time in a report, keyed by the platform's campaign id.</summary>
    internal static Fundraiser FromPlatform(string id, string title, string fundId, string? ownerName, Crossing.Core.Security.Vault.RecordKey key, DateTimeOffset now)
    {
        if (key.EntityType != EntityType || key.RecordId != id)
            throw new ArgumentException("The record key belongs to another record.", nameof(key));
        return new Fundraiser(id, title, fundId, now) { Owner = key.SealOptional("owner", ownerName) };
    }
}

/// <summary>A processor event as stored before it is applied. Holds no donor data: only ids, type and outcome.</summary>
public sealed class ProcessorEvent
{
    private ProcessorEvent()
    {
        Id = Processor = Type = ApiVersion = "";
    }

    internal ProcessorEvent(string id, string processor, string type, string apiVersion, DateTimeOffset createdAt, DateTimeOffset receivedAt)
    {
        Id = id;
        Processor = processor;
        Type = type;
        ApiVersion = apiVersion;
        CreatedAt = createdAt;
        ReceivedAt = receivedAt;
        Outcome = EventOutcome.Received;
    }

    public string Id { get; private set; }
    public string Processor { get; private set; }
    public string Type { get; private set; }
    public string ApiVersion { get; private set; }
    public DateTimeOffset CreatedAt { get; private set; }
    public DateTimeOffset ReceivedAt { get; private set; }
    public EventOutcome Outcome { get; private set; }

    /// <summary>The payment, invoice or dispute the event is about.</summary>
    public string? Reference { get; private set; }

    public string? Problem { get; private set; }

    internal void Settle(EventOutcome outcome, string? reference, string? problem)
    {
        Outcome = outcome;
        Reference = reference;
        Problem = problem;
    }
}

public enum EventOutcome
{
    /// <summary>Stored, not yet applied (the apply failed or is under way); a redelivery applies it.</summary>
    Received,
    Applied,

    /// <summary>Applied as far as possible; waits for what it refers to (a refund before its gift).</summary>
    Waiting,
    Ignored,
    NeedsAttention,
}
