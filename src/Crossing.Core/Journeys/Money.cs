using System.Globalization;

namespace Crossing.Core.Journeys;

/// <summary>
/// The currencies the route teams pay in (ISO 4217), with their minor units. Amounts are stored as whole minor
/// units (fen, kip, won) so nothing is ever rounded by floating point.
/// </summary>
public static class Currencies
{
    private static readonly Dictionary<string, int> MinorDigits = new(StringComparer.Ordinal)
    {
        ["CNY"] = 2, ["LAK"] = 2, ["THB"] = 2, ["VND"] = 0, ["KHR"] = 2, ["MMK"] = 2, ["MNT"] = 2,
        ["KRW"] = 0, ["USD"] = 2, ["EUR"] = 2, ["JPY"] = 0, ["GBP"] = 2,
    };

    public static IReadOnlyCollection<string> Known => MinorDigits.Keys;

    public static string Problem => JourneyProblem.Text["Currency", string.Join(", ", MinorDigits.Keys.Order(StringComparer.Ordinal))];

    public static bool TryNormalise(string? text, out string currency)
    {
        currency = text?.Trim().ToUpperInvariant() ?? "";
        return MinorDigits.ContainsKey(currency);
    }

    /// <summary>The amount in minor units, or null when it has more decimals than the currency has.</summary>
    public static long? ToMinor(decimal amount, string currency)
    {
        var scaled = amount * Pow10(MinorDigits[currency]);
        return scaled == decimal.Truncate(scaled) && scaled <= long.MaxValue ? (long)scaled : null;
    }

    public static decimal FromMinor(long minor, string currency) => minor / (decimal)Pow10(MinorDigits[currency]);

    public static string Format(long minor, string currency) => Format(minor, currency, CultureInfo.InvariantCulture);

    /// <summary>The amount with the currency's decimals, grouped as <paramref name="culture"/> writes numbers, then the ISO code: "1,200.50 CNY".</summary>
    public static string Format(long minor, string currency, IFormatProvider culture) =>
        FromMinor(minor, currency).ToString("N" + MinorDigits[currency], culture) + " " + currency;

    private static long Pow10(int digits) => digits switch { 0 => 1, 2 => 100, _ => (long)Math.Pow(10, digits) };
}
