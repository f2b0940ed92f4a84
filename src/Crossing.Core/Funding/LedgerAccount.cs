namespace Crossing.Core.Funding;

public enum LedgerAccountKind
{
    /// <summary>Money a processor holds for us (Stripe's balance): debited when a gift arrives.</summary>
    Clearing,

    /// <summary>A fund: restricted (rescue and resettlement) or unrestricted (general).</summary>
    Fund,

    /// <summary>Money held back while a dispute is open.</summary>
    Held,

    Fees,
    Expense,
}

/// <summary>
/// One ledger account. Balances are kept per currency in <see cref="LedgerBalance"/>; an account with
/// <see cref="DebitsMustNotExceedCredits"/> (every restricted fund) can never be taken below zero, as in TigerBeetle.
/// </summary>
public sealed class LedgerAccount
{
    public const int MaxIdLength = 64;

    private LedgerAccount()
    {
        Id = Name = "";
    }

    internal LedgerAccount(string id, LedgerAccountKind kind, string name, bool debitsMustNotExceedCredits, DateTimeOffset createdAt)
    {
        Id = id;
        Kind = kind;
        Name = name;
        DebitsMustNotExceedCredits = debitsMustNotExceedCredits;
        CreatedAt = createdAt;
    }

    /// <summary>"fund:rescue", "clearing:stripe", "expense:journeys".</summary>
    public string Id { get; private set; }
    public LedgerAccountKind Kind { get; private set; }
    public string Name { get; private set; }
    public bool DebitsMustNotExceedCredits { get; private set; }
    public DateTimeOffset CreatedAt { get; private set; }

    /// <summary>The fund's short id ("rescue") for fund accounts.</summary>
    public string? FundId => Kind == LedgerAccountKind.Fund ? Id[LedgerAccounts.FundPrefix.Length..] : null;
}

/// <summary>The ids of the accounts every installation has, and the naming rules for new ones.</summary>
public static class LedgerAccounts
{
    public const string FundPrefix = "fund:";
    public const string Rescue = "rescue";
    public const string General = "general";
    public const string StripeClearing = "clearing:stripe";
    public const string ManualClearing = "clearing:manual";
    public const string StripeDisputesHeld = "held:stripe-disputes";
    public const string StripeFees = "fees:stripe";
    public const string JourneyExpenses = "expense:journeys";
    public const string OperationsExpenses = "expense:operations";

    public static string Fund(string fundId) => FundPrefix + fundId;

    /// <summary>A fund id is a short lowercase slug: letters, digits and dashes, 2 to 40 characters.</summary>
    public static bool IsFundId(string? text) =>
        text is { Length: >= 2 and <= 40 } && text.All(c => c is (>= 'a' and <= 'z') or (>= '0' and <= '9') or '-') && text[0] != '-' && text[^1] != '-';

    internal static readonly DateTimeOffset Genesis = new(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);

    /// <summary>Created by the migration (seed data), so every data folder starts with them.</summary>
    internal static IEnumerable<LedgerAccount> Seed() =>
    [
        new(Fund(Rescue), LedgerAccountKind.Fund, "Rescue and resettlement", true, Genesis),
        new(Fund(General), LedgerAccountKind.Fund, "General", false, Genesis),
        new(StripeClearing, LedgerAccountKind.Clearing, "Stripe clearing", false, Genesis),
        new(ManualClearing, LedgerAccountKind.Clearing, "Manual entries clearing", false, Genesis),
        new(StripeDisputesHeld, LedgerAccountKind.Held, "Stripe disputes held", false, Genesis),
        new(StripeFees, LedgerAccountKind.Fees, "Stripe fees", false, Genesis),
        new(JourneyExpenses, LedgerAccountKind.Expense, "Journey costs", false, Genesis),
        new(OperationsExpenses, LedgerAccountKind.Expense, "Operations", false, Genesis),
    ];
}

/// <summary>An account's running totals in one currency, updated in the transaction that posts each transfer.</summary>
public sealed class LedgerBalance
{
    private LedgerBalance()
    {
        AccountId = CurrencyCode = "";
    }

    internal LedgerBalance(string accountId, string currency)
    {
        AccountId = accountId;
        CurrencyCode = currency;
    }

    public string AccountId { get; private set; }
    public string CurrencyCode { get; private set; }
    public long DebitsMinor { get; private set; }
    public long CreditsMinor { get; private set; }

    /// <summary>Credits minus debits: what a fund holds.</summary>
    public long Net => CreditsMinor - DebitsMinor;

    internal void Debit(long amount) => DebitsMinor = checked(DebitsMinor + amount);

    internal void Credit(long amount) => CreditsMinor = checked(CreditsMinor + amount);
}

/// <summary>
/// An immutable movement of money between exactly two accounts. <see cref="Key"/> comes from the source (a processor
/// event, a refund's cumulative amount, a journey leg) and is unique, so posting the same thing twice changes nothing.
/// </summary>
public sealed class LedgerTransfer
{
    public const int MaxKeyLength = 200;

    private LedgerTransfer()
    {
        Key = DebitAccountId = CreditAccountId = CurrencyCode = Code = "";
    }

    internal LedgerTransfer(string key, string debit, string credit, Money amount, string code, string? reference, DateTimeOffset postedAt)
    {
        Key = key;
        DebitAccountId = debit;
        CreditAccountId = credit;
        CurrencyCode = amount.Currency.Code;
        AmountMinor = amount.Minor;
        Code = code;
        Reference = reference;
        PostedAt = postedAt;
    }

    public long Id { get; private set; }
    public string Key { get; private set; }
    public string DebitAccountId { get; private set; }
    public string CreditAccountId { get; private set; }
    public string CurrencyCode { get; private set; }
    public long AmountMinor { get; private set; }

    /// <summary>What happened: gift, refund, dispute-hold, dispute-won, dispute-lost, spend, move.</summary>
    public string Code { get; private set; }

    /// <summary>The gift key or spending reference this transfer belongs to (not identifying).</summary>
    public string? Reference { get; private set; }
    public DateTimeOffset PostedAt { get; private set; }
}

public static class TransferCodes
{
    public const string Gift = "gift";
    public const string Refund = "refund";
    public const string DisputeHold = "dispute-hold";
    public const string DisputeWon = "dispute-won";
    public const string DisputeLost = "dispute-lost";
    public const string Spend = "spend";
}
