using System.Globalization;

namespace Crossing.Core.Funding.Imports;

/// <summary>One good row of a report, ready to become a gift: amounts in the currency's minor units, UTC time.</summary>
internal sealed record ImportRow(
    int Line, string PaymentId, DateTimeOffset GivenAt, Currency Currency, long GrossMinor, long FeeMinor, string RawAmount,
    string? Email, string? Name, string? FundraiserId, string? FundraiserTitle, string? OwnerName, string? FundId)
{
    public override string ToString() => $"[import row {Line}]";
}

/// <summary>A row parsed: the row, or the reason it is rejected (never an identity value).</summary>
internal readonly record struct RowResult(ImportRow? Row, string? Problem)
{
    public static RowResult Reject(string problem) => new(null, problem);
}

/// <summary>How one kind of report's header and rows are read.</summary>
internal abstract class ImportFormat
{
    private int columns;
    private readonly Dictionary<string, int> index = new(StringComparer.Ordinal);

    /// <summary>Column positions by the name as the format spells it, so rows never normalise header text again.</summary>
    private readonly Dictionary<string, int> positions = new(StringComparer.Ordinal);

    /// <summary>Gifts are keyed by (processor, payment id); the clearing and fee accounts are named after it.</summary>
    public abstract string Processor { get; }

    public abstract string Channel { get; }

    protected abstract IReadOnlyList<string> Required { get; }

    protected abstract string Describe { get; }

    /// <summary>Finds the columns by name (case-insensitive, any order); the problem with the header, if any.</summary>
    public string? Bind(string[] header)
    {
        columns = header.Length;
        for (var i = 0; i < header.Length; i++)
        {
            var name = NormaliseHeader(header[i]);
            if (name.Length > 0 && !index.TryAdd(name, i))
                return $"the header names the column '{Clip(header[i].Trim(), 40)}' twice";
        }
        var missing = Required.Where(r => !index.ContainsKey(NormaliseHeader(r))).ToList();
        if (missing.Count == Required.Count)
            return $"the first line is not {Describe} header: it has none of the columns {string.Join(", ", Required)}";
        return missing.Count > 0 ? $"the header lacks the column{(missing.Count > 1 ? "s" : "")} {string.Join(", ", missing)}" : null;
    }

    public RowResult Parse(CsvRecord record, bool lastUnterminated)
    {
        if (record.Defect == CsvDefect.NotText)
            return RowResult.Reject("the line is not UTF-8 text");
        if (record.Defect == CsvDefect.Truncated)
            return RowResult.Reject("the line is truncated: the file ends inside a quoted field");
        var fields = record.Fields;
        if (fields.Length < columns)
        {
            return RowResult.Reject(lastUnterminated
                ? $"the line is truncated: it has {fields.Length} of the header's {columns} fields and no line break"
                : $"the line has {fields.Length} fields; the header has {columns}");
        }
        if (fields.Length > columns && fields.Skip(columns).Any(f => f.Length > 0))
            return RowResult.Reject($"the line has {fields.Length} fields; the header has {columns}");
        return ParseFields(record.Line, fields);
    }

    protected abstract RowResult ParseFields(int line, string[] fields);

    /// <summary>The column holding each row's payment id (its key).</summary>
    protected abstract string KeyColumn { get; }

    /// <summary>A sound record's key as <see cref="Parse"/> would read it, without reading the rest; null otherwise.</summary>
    public string? KeyOf(CsvRecord record) =>
        record.Defect == CsvDefect.None && record.Fields.Length >= columns ? Value(record.Fields, KeyColumn) : null;

    protected string? Value(string[] fields, string column)
    {
        if (!positions.TryGetValue(column, out var i))
            positions[column] = i = index.TryGetValue(NormaliseHeader(column), out var found) ? found : -1;
        return i >= 0 && fields[i].AsSpan().Trim() is { Length: > 0 } v ? (v.Length == fields[i].Length ? fields[i] : v.ToString()) : null;
    }

    protected static string NormaliseHeader(string text) =>
        string.Join(' ', text.Trim().Trim('\uFEFF').ToLowerInvariant().Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries));

    internal static string Clip(string text, int max) => text.Length <= max ? text : text[..max] + "…";

    protected static string? PaymentIdProblem(string? id, string column) => id switch
    {
        null => $"{column} is empty",
        { Length: > 100 } => $"{column} is longer than 100 characters",
        _ when id.Any(char.IsControl) => $"{column} holds control characters",
        _ => null,
    };

    /// <summary>A non-negative amount in major units ("25", "25.50") as minor units of the currency.</summary>
    protected static bool TryMinor(string? text, string column, Currency currency, out long minor, out string? problem)
    {
        minor = 0;
        problem = null;
        if (text is null)
        {
            problem = $"{column} is empty";
            return false;
        }
        if (!decimal.TryParse(text, NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var amount))
        {
            problem = $"{column} '{Clip(text, 20)}' is not a number";
            return false;
        }
        if (amount < 0)
        {
            problem = $"{column} {Clip(text, 20)} is negative";
            return false;
        }
        var scaled = amount * (decimal)Math.Pow(10, currency.Exponent);
        if (scaled != decimal.Truncate(scaled) || scaled > long.MaxValue / 4)
        {
            problem = $"{column} {Clip(text, 20)} has more than {currency.Exponent} decimals for {currency.Code} or is too large";
            return false;
        }
        minor = (long)scaled;
        return true;
    }

    private static readonly string[] TimeFormats =
    [
        "yyyy-MM-dd HH:mm:ss", "yyyy-MM-dd'T'HH:mm:ssK", "yyyy-MM-dd'T'HH:mm:ss.FFFFFFFK", "yyyy-MM-dd'T'HH:mm:ss",
        "yyyy-MM-dd'T'HH:mm:ss.FFFFFFF", "yyyy-MM-dd'T'HH:mmK", "yyyy-MM-dd",
    ];

    /// <summary>ISO 8601 or "yyyy-MM-dd HH:mm:ss"; without an offset the time is UTC.</summary>
    protected static bool TryTime(string? text, string column, out DateTimeOffset at, out string? problem)
    {
        problem = null;
        if (text is not null && DateTimeOffset.TryParseExact(text, TimeFormats, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out at))
            return true;
        at = default;
        problem = text is null ? $"{column} is empty" : $"{column} '{Clip(text, 30)}' is not a date and time (ISO 8601 or yyyy-MM-dd HH:mm:ss)";
        return false;
    }

    protected static bool TryCurrency(string? text, string column, out Currency currency, out string? problem)
    {
        problem = null;
        if (Currency.TryGet(text, out currency))
            return true;
        problem = text is null ? $"{column} is empty" : $"currency '{Clip(text, 12)}' is not one the ledger knows";
        return false;
    }

    protected static string? JoinName(string? first, string? last) =>
        string.Join(' ', new[] { first, last }.Where(n => !string.IsNullOrWhiteSpace(n))) is { Length: > 0 } name ? name : null;
}

/// <summary>
/// Facebook fundraiser payout reports. Payment ID keys the gift, Campaign ID the fundraiser; only charge action type S
/// (a donation) is imported. Donation amount and FB fee are in the payout currency.
/// </summary>
internal sealed class FacebookFormat : ImportFormat
{
    public const string Source = "facebook";

    public static readonly IReadOnlyList<string> Columns =
    [
        "Payment ID", "Charge time", "Donation amount", "FB fee", "Net payout amount", "Payout currency", "Sender currency",
        "Tax amount", "Tax USD amount", "Charge action type", "Charge date", "First name", "Last name", "Email address",
        "Campaign ID", "Fundraiser title", "Source name", "Permalink", "Charity ID", "Campaign owner name", "Payment processor",
        "Matching donation", "Fundraiser type", "Charge time PT",
    ];

    public override string Processor => Source;

    public override string Channel => "facebook-fundraiser";

    protected override IReadOnlyList<string> Required { get; } =
        ["Payment ID", "Charge time", "Donation amount", "FB fee", "Payout currency", "Charge action type"];

    protected override string Describe => "a Facebook fundraiser report";

    protected override string KeyColumn => "Payment ID";

    protected override RowResult ParseFields(int line, string[] f)
    {
        var paymentId = Value(f, "Payment ID");
        if (PaymentIdProblem(paymentId, "Payment ID") is { } idProblem)
            return RowResult.Reject(idProblem);
        var action = Value(f, "Charge action type");
        if (action != "S")
            return RowResult.Reject(action is null ? "Charge action type is empty" : $"charge action type '{Clip(action, 10)}' is not a donation (only S is imported)");
        if (!TryCurrency(Value(f, "Payout currency"), "Payout currency", out var currency, out var problem)
            || !TryTime(Value(f, "Charge time"), "Charge time", out var at, out problem)
            || !TryMinor(Value(f, "Donation amount"), "Donation amount", currency, out var gross, out problem)
            || !TryMinor(Value(f, "FB fee") ?? "0", "FB fee", currency, out var fee, out problem))
            return RowResult.Reject(problem!);
        if (gross == 0)
            return RowResult.Reject("Donation amount is zero");
        if (fee > gross)
            return RowResult.Reject("FB fee is larger than the donation amount");
        var campaign = Value(f, "Campaign ID");
        if (campaign is { Length: > 64 })
            return RowResult.Reject("Campaign ID is longer than 64 characters");
        return new RowResult(new ImportRow(line, paymentId!, at, currency, gross, fee, Value(f, "Donation amount")!,
            Value(f, "Email address"), JoinName(Value(f, "First name"), Value(f, "Last name")),
            campaign, Value(f, "Fundraiser title"), Value(f, "Campaign owner name"), null), null);
    }
}

/// <summary>
/// Any other channel's CSV (bank transfers, cheques, other platforms) read through a column mapping saved per source:
/// which column holds the key, date, amount, currency and, optionally, e-mail, name, fund and fee.
/// </summary>
internal sealed class MappedFormat(string source, ColumnMapping mapping) : ImportFormat
{
    public override string Processor => source;

    public override string Channel => "csv-import";

    protected override IReadOnlyList<string> Required { get; } =
        [mapping.Column(ColumnMapping.Key)!, mapping.Column(ColumnMapping.Date)!, mapping.Column(ColumnMapping.Amount)!, mapping.Column(ColumnMapping.Currency)!];

    protected override string Describe => $"a '{source}' report";

    protected override string KeyColumn => mapping.Column(ColumnMapping.Key)!;

    private string? Field(string[] f, string field) => mapping.Column(field) is { } column ? Value(f, column) : null;

    protected override RowResult ParseFields(int line, string[] f)
    {
        var keyColumn = mapping.Column(ColumnMapping.Key)!;
        var paymentId = Field(f, ColumnMapping.Key);
        if (PaymentIdProblem(paymentId, keyColumn) is { } idProblem)
            return RowResult.Reject(idProblem);
        if (!TryCurrency(Field(f, ColumnMapping.Currency), mapping.Column(ColumnMapping.Currency)!, out var currency, out var problem)
            || !TryTime(Field(f, ColumnMapping.Date), mapping.Column(ColumnMapping.Date)!, out var at, out problem)
            || !TryMinor(Field(f, ColumnMapping.Amount), mapping.Column(ColumnMapping.Amount)!, currency, out var gross, out problem)
            || !TryMinor(Field(f, ColumnMapping.Fee) ?? "0", mapping.Column(ColumnMapping.Fee) ?? "fee", currency, out var fee, out problem))
            return RowResult.Reject(problem!);
        if (gross == 0)
            return RowResult.Reject($"{mapping.Column(ColumnMapping.Amount)} is zero");
        if (fee > gross)
            return RowResult.Reject("the fee is larger than the amount");
        var fund = Field(f, ColumnMapping.Fund)?.ToLowerInvariant();
        if (fund is not null && !LedgerAccounts.IsFundId(fund))
            return RowResult.Reject($"fund '{Clip(fund, 40)}' is not a fund id");
        var name = Field(f, ColumnMapping.Name) ?? JoinName(Field(f, ColumnMapping.FirstName), Field(f, ColumnMapping.LastName));
        return new RowResult(new ImportRow(line, paymentId!, at, currency, gross, fee, Field(f, ColumnMapping.Amount)!,
            Field(f, ColumnMapping.Email), name, null, null, null, fund), null);
    }
}
