using Crossing.Core.Funding;
using Microsoft.Extensions.Options;

namespace Crossing.Core.Planning;

/// <summary>Options from <c>Crossing:Planning</c>: how a live instance is built and how long the pages let the solver run.</summary>
public sealed class PlanningOptions
{
    public const string Section = "Crossing:Planning";

    /// <summary>
    /// The one currency a plan counts in (the instance format has one). Only windows priced in it are planned, and the
    /// fund's balance and expected income in it are the cash; nothing is converted. CNY by default, the currency most
    /// route teams pay in.
    /// </summary>
    public string Currency { get; set; } = "CNY";

    /// <summary>p80 (the conservative default, because costs swing) or median.</summary>
    public string CostBasis { get; set; } = "p80";

    /// <summary>Windows dated up to this many days after today are planned (26 weeks by default).</summary>
    public int HorizonDays { get; set; } = 182;

    /// <summary>The restricted fund that pays for journeys.</summary>
    public string Fund { get; set; } = LedgerAccounts.Rescue;

    /// <summary>Time the pages give the solver.</summary>
    public double Seconds { get; set; } = 10;

    public CostBasis Basis => PlanningInstanceJson.ParseCostBasis(CostBasis.Trim().ToLowerInvariant(), Section + ":CostBasis");

    public Currency PlanningCurrency => Funding.Currency.Get(Currency);

    public void Validate()
    {
        var problems = new List<string>();
        if (!Funding.Currency.TryGet(Currency, out _))
            problems.Add($"{Section}:Currency must be an ISO 4217 code the ledger knows, not '{Currency}'.");
        if (CostBasis.Trim().ToLowerInvariant() is not ("p80" or "median"))
            problems.Add($"{Section}:CostBasis is p80 or median.");
        if (HorizonDays is < 7 or > 730)
            problems.Add($"{Section}:HorizonDays is 7 to 730 days.");
        if (string.IsNullOrWhiteSpace(Fund))
            problems.Add($"{Section}:Fund names the fund that pays for journeys.");
        if (!double.IsFinite(Seconds) || Seconds is < 1 or > 600)
            problems.Add($"{Section}:Seconds is 1 to 600.");
        if (problems.Count > 0)
            throw new OptionsValidationException(Section, typeof(PlanningOptions), problems);
    }
}
