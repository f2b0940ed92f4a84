using System.Globalization;

namespace Crossing.Core.Funding;

/// <summary>
/// A currency the ledger can hold, with its number of minor-unit digits (ISO 4217 exponent as processors use it).
/// A currency not in the table is never guessed: a gift in it is kept and flagged for finance.
/// </summary>
public sealed record Currency(string Code, int Exponent)
{
    private static readonly Dictionary<string, Currency> Known = Build();

    public static IReadOnlyCollection<Currency> All => Known.Values;

    public static bool TryGet(string? code, out Currency currency)
    {
        currency = null!;
        if (string.IsNullOrWhiteSpace(code))
            return false;
        if (!Known.TryGetValue(code.Trim().ToUpperInvariant(), out var found))
            return false;
        currency = found;
        return true;
    }

    public static Currency Get(string code) =>
        TryGet(code, out var c) ? c : throw new ArgumentException($"Unknown currency '{code}'.", nameof(code));

    private static Dictionary<string, Currency> Build()
    {
        var table = new Dictionary<string, Currency>(StringComparer.Ordinal);
        void Add(int exponent, params string[] codes)
        {
            foreach (var code in codes)
                table[code] = new Currency(code, exponent);
        }

        // Zero-decimal currencies (Stripe's list): amounts are whole units.
        Add(0, "BIF", "CLP", "DJF", "GNF", "JPY", "KMF", "KRW", "MGA", "PYG", "RWF", "UGX", "VND", "VUV", "XAF", "XOF", "XPF");
        Add(2, "USD", "EUR", "GBP", "CAD", "AUD", "NZD", "CHF", "SEK", "NOK", "DKK", "PLN", "CZK", "HKD", "SGD", "TWD", "CNY", "INR", "MXN", "BRL", "ZAR", "THB", "PHP", "MYR", "IDR", "ILS");
        Add(3, "BHD", "JOD", "KWD", "OMR", "TND");
        // Currencies the route teams pay leg costs in from the rescue fund (ISO 4217 exponent 2).
        Add(2, "LAK", "KHR", "MMK", "MNT");
        return table;
    }

    public override string ToString() => Code;
}

/// <summary>An amount in one currency's minor units (cents, won, fils). Never converted silently.</summary>
public readonly record struct Money
{
    public Money(long minor, Currency currency)
    {
        ArgumentNullException.ThrowIfNull(currency);
        Minor = minor;
        Currency = currency;
    }

    public long Minor { get; }
    public Currency Currency { get; }

    public static Money Of(long minor, string currency) => new(minor, Funding.Currency.Get(currency));

    public static Money FromDecimal(decimal amount, Currency currency)
    {
        var scaled = amount * Pow10(currency.Exponent);
        if (scaled != decimal.Truncate(scaled))
            throw new ArgumentException($"{amount.ToString(CultureInfo.InvariantCulture)} has more than {currency.Exponent} decimals for {currency.Code}.", nameof(amount));
        return new Money((long)scaled, currency);
    }

    public decimal ToDecimal() => Minor / (decimal)Pow10(Currency.Exponent);

    /// <summary>Invariant culture, exactly the currency's number of decimals: "1234.50", "90000", "1.250".</summary>
    public string Format() => Format(Minor, Currency);

    public static string Format(long minor, Currency currency) =>
        (minor / (decimal)Pow10(currency.Exponent)).ToString("F" + currency.Exponent.ToString(CultureInfo.InvariantCulture), CultureInfo.InvariantCulture);

    public override string ToString() => Format() + " " + Currency.Code;

    private static long Pow10(int exponent) => exponent switch { 0 => 1, 1 => 10, 2 => 100, 3 => 1000, _ => (long)Math.Pow(10, exponent) };
}
