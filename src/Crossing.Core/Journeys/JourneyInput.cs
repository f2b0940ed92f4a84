using System.Globalization;
using Crossing.Core.Security.Access;

namespace Crossing.Core.Journeys;

/// <summary>Fields a person must correct, named as the JSON or the form names them. Nothing was changed.</summary>
public sealed class JourneyInputException(IReadOnlyList<(string Field, string Problem)> problems)
    : Exception("The input is not valid: " + string.Join(", ", problems.Select(p => p.Field)))
{
    public JourneyInputException(string field, string problem)
        : this([(field, problem)])
    {
    }

    public IReadOnlyList<(string Field, string Problem)> Problems { get; } = problems;
}

/// <summary>The caller may not write in that compartment (or it does not exist: the two are not told apart).</summary>
public sealed class JourneyAccessDeniedException() : Exception("You do not hold that compartment.");

/// <summary>
/// A leg cost would take the restricted fund below zero in its currency: nothing was recorded or posted. Amounts in
/// minor units of <see cref="Currency"/>; <see cref="Title"/> and <see cref="Detail"/> say it in the reader's language.
/// </summary>
public sealed class RescueFundTooLowException(string fund, string currency, long heldMinor, long costMinor)
    : Exception($"The restricted fund '{fund}' cannot cover this cost in {currency}; nothing was recorded.")
{
    public string Fund { get; } = fund;
    public string Currency { get; } = currency;
    public long HeldMinor { get; } = Math.Max(0, heldMinor);
    public long CostMinor { get; } = costMinor;
    public long ShortfallMinor { get; } = costMinor - Math.Max(0, heldMinor);

    /// <summary>"The rescue fund is too low", in <see cref="CultureInfo.CurrentUICulture"/>.</summary>
    public string Title => JourneyProblem.Text["FundTooLowTitle", Fund];

    /// <summary>What the fund holds, what the cost is, how much is missing and what to do, with amounts written as the reader writes numbers.</summary>
    public string Detail
    {
        get
        {
            var culture = CultureInfo.CurrentUICulture;
            return JourneyProblem.Text.In(culture, "FundTooLow", Fund,
                Currencies.Format(HeldMinor, Currency, culture), Currencies.Format(CostMinor, Currency, culture), Currencies.Format(ShortfallMinor, Currency, culture), Currency);
        }
    }
}

/// <summary>Checks shared by every request model of this module.</summary>
internal sealed class Problems : List<(string Field, string Problem)>
{
    public string? Text(string field, string? value, int max, bool required, string what)
    {
        var trimmed = value?.Trim();
        if (string.IsNullOrEmpty(trimmed))
        {
            if (required)
                Add((field, JourneyProblem.Text["Required", JourneyProblem.What(what)]));
            return null;
        }
        if (trimmed.Length > max)
            Add((field, JourneyProblem.Text["TooLong", JourneyProblem.What(what), max]));
        else if (trimmed.Any(c => char.IsControl(c) && c is not '\n' and not '\r' and not '\t'))
            Add((field, JourneyProblem.Text["Control", JourneyProblem.What(what)]));
        return trimmed;
    }

    public string? Code(string field, string? value, char kind, string what)
    {
        var code = value?.Trim().ToUpperInvariant() ?? "";
        if (!PseudonymousCode.IsWellFormed(code, kind))
        {
            Add((field, JourneyProblem.Text["CodeShape", JourneyProblem.What(what), kind]));
            return null;
        }
        return code;
    }

    public static bool TryEnum<T>(string? text, out T value) where T : struct, Enum
    {
        var cleaned = text?.Trim().Replace("-", "", StringComparison.Ordinal).Replace("_", "", StringComparison.Ordinal);
        return Enum.TryParse(cleaned, ignoreCase: true, out value) && Enum.IsDefined(value) && !int.TryParse(cleaned, out _);
    }

    public static string Choices<T>() where T : struct, Enum => string.Join(", ", Enum.GetValues<T>().Select(v => v.Slug()));

    public void ThrowIfAny()
    {
        if (Count > 0)
            throw new JourneyInputException([.. this]);
    }
}

public static class JourneyVocabulary
{
    /// <summary>"PartnerNoShow" → "partner-no-show".</summary>
    public static string Slug<T>(this T value) where T : struct, Enum =>
        string.Concat(value.ToString().Select((c, i) => char.IsUpper(c) && i > 0 ? "-" + char.ToLowerInvariant(c) : char.ToLowerInvariant(c).ToString()));
}

public sealed record PartnerInput
{
    public string? Compartment { get; set; }
    public string? Name { get; set; }
    public string? Role { get; set; }
    public string? Contact { get; set; }
    public string? Notes { get; set; }

    internal (string Compartment, PartnerRole Role, PartnerIdentity Identity) Validate()
    {
        var p = new Problems();
        var compartment = p.Text("compartment", Compartment, 40, true, "compartment");
        var name = p.Text("name", Name, 200, true, "name");
        if (!Problems.TryEnum<PartnerRole>(Role, out var role))
            p.Add(("role", JourneyProblem.Text["RoleChoice", Problems.Choices<PartnerRole>()]));
        var contact = p.Text("contact", Contact, 500, false, "contact");
        var notes = p.Text("notes", Notes, 4000, false, "notes");
        p.ThrowIfAny();
        return (compartment!.ToLowerInvariant(), role, new PartnerIdentity(name!, contact, notes));
    }

    public override string ToString() => "[partner input]";
}

public sealed record SafeHouseInput
{
    public string? Compartment { get; set; }
    public string? Name { get; set; }
    public string? Address { get; set; }
    public string? Contact { get; set; }

    internal (string Compartment, SafeHouseIdentity Identity) Validate()
    {
        var p = new Problems();
        var compartment = p.Text("compartment", Compartment, 40, true, "compartment");
        var name = p.Text("name", Name, 200, true, "name");
        var address = p.Text("address", Address, 500, true, "address");
        var contact = p.Text("contact", Contact, 500, false, "contact");
        p.ThrowIfAny();
        return (compartment!.ToLowerInvariant(), new SafeHouseIdentity(name!, address!, contact));
    }

    public override string ToString() => "[safe-house input]";
}

public sealed record LegInput
{
    public string? From { get; set; }
    public string? To { get; set; }
    public List<string>? Partners { get; set; }
}

public sealed record RouteInput
{
    public string? Compartment { get; set; }
    public string? Name { get; set; }
    public List<LegInput>? Legs { get; set; }

    internal (string Compartment, string Name, List<(string From, string To, List<string> Partners)> Legs) Validate()
    {
        var p = new Problems();
        var compartment = p.Text("compartment", Compartment, 40, true, "compartment");
        var name = p.Text("name", Name, 80, true, "routeName");
        var legs = new List<(string, string, List<string>)>();
        if (Legs is not { Count: > 0 })
            p.Add(("legs", JourneyProblem.Text["LegsNone"]));
        else if (Legs.Count > 30)
            p.Add(("legs", JourneyProblem.Text["LegsMany"]));
        else
        {
            string? previousTo = null;
            for (var i = 0; i < Legs.Count; i++)
            {
                var leg = Legs[i] ?? new LegInput();
                var from = p.Code($"legs[{i}].from", leg.From, 'H', "safeHouse");
                var to = p.Code($"legs[{i}].to", leg.To, 'H', "safeHouse");
                if (from is not null && from == to)
                    p.Add(($"legs[{i}].to", JourneyProblem.Text["LegSameHouse"]));
                if (previousTo is not null && from is not null && from != previousTo)
                    p.Add(($"legs[{i}].from", JourneyProblem.Text["LegChain", i + 1, i, previousTo]));
                previousTo = to;
                var partners = new List<string>();
                foreach (var (code, j) in (leg.Partners ?? []).Select((c, j) => (c, j)))
                {
                    if (p.Code($"legs[{i}].partners[{j}]", code, 'P', "partner") is { } ok && !partners.Contains(ok))
                        partners.Add(ok);
                }
                legs.Add((from ?? "", to ?? "", partners));
            }
        }
        p.ThrowIfAny();
        return (compartment!.ToLowerInvariant(), name!, legs);
    }
}

public sealed record WindowInput
{
    public string? Date { get; set; }
    public int? Capacity { get; set; }
    public string? Currency { get; set; }
    public decimal? MedianPerPerson { get; set; }
    public decimal? P80PerPerson { get; set; }
    public string? Reason { get; set; }

    internal (DateOnly Date, int Capacity, string Currency, (long Median, long P80, string Reason)? Given) Validate(DateOnly today)
    {
        var p = new Problems();
        var date = today;
        if (string.IsNullOrWhiteSpace(Date) || !DateOnly.TryParseExact(Date.Trim(), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out date))
            p.Add(("date", JourneyProblem.Text["DateFormat"]));
        else if (date < today)
            p.Add(("date", JourneyProblem.Text["WindowPast"]));
        else if (date > today.AddYears(2))
            p.Add(("date", JourneyProblem.Text["WindowFar"]));
        if (Capacity is not { } capacity || capacity <= 0)
            p.Add(("capacity", JourneyProblem.Text["CapacityPositive"]));
        else if (capacity > 200)
            p.Add(("capacity", JourneyProblem.Text["CapacityMax"]));
        var currency = "USD";
        if (Currency is not null && !Currencies.TryNormalise(Currency, out currency))
            p.Add(("currency", Currencies.Problem));
        (long, long, string)? given = null;
        if (MedianPerPerson is not null || P80PerPerson is not null)
        {
            var median = Amount(p, "medianPerPerson", MedianPerPerson, currency);
            var p80 = Amount(p, "p80PerPerson", P80PerPerson, currency);
            var reason = p.Text("reason", Reason, 200, true, "reasonManual");
            if (median is not null && p80 is not null && p80 < median)
                p.Add(("p80PerPerson", JourneyProblem.Text["P80BelowMedian"]));
            if (median is not null && p80 is not null && reason is not null)
                given = (median.Value, p80.Value, reason);
        }
        p.ThrowIfAny();
        return (date, Capacity!.Value, currency, given);
    }

    internal static long? Amount(Problems p, string field, decimal? amount, string currency)
    {
        if (amount is not { } value || value <= 0)
        {
            p.Add((field, JourneyProblem.Text["AmountPositive"]));
            return null;
        }
        if (!Currencies.TryNormalise(currency, out var known))
            return null;
        var minor = Currencies.ToMinor(value, known);
        if (minor is null)
            p.Add((field, JourneyProblem.Text["AmountDecimals", known]));
        return minor;
    }
}

public sealed record JourneyInput
{
    public string? Route { get; set; }
    public string? Window { get; set; }
    public List<string>? Groups { get; set; }

    internal (string Route, string Window, List<string> Groups) Validate()
    {
        var p = new Problems();
        var route = p.Code("route", Route, 'R', "route");
        var window = p.Code("window", Window, 'W', "window");
        var groups = new List<string>();
        if (Groups is not { Count: > 0 })
            p.Add(("groups", JourneyProblem.Text["GroupsNone"]));
        else
            foreach (var (g, i) in Groups.Select((g, i) => (g, i)))
                if (p.Code($"groups[{i}]", g, 'G', "familyGroup") is { } ok && !groups.Contains(ok))
                    groups.Add(ok);
        p.ThrowIfAny();
        return (route!, window!, groups);
    }
}

public sealed record CheckInInput
{
    public int? Leg { get; set; }
    public string? Status { get; set; }
    public string? Incident { get; set; }
    public string? Severity { get; set; }

    internal (int Leg, CheckInStatus Status, IncidentKind? Incident, IncidentSeverity? Severity) Validate()
    {
        var p = new Problems();
        if (Leg is null)
            p.Add(("leg", JourneyProblem.Text["LegMissing"]));
        if (!Problems.TryEnum<CheckInStatus>(Status, out var status))
            p.Add(("status", JourneyProblem.Text["StatusChoice", Problems.Choices<CheckInStatus>()]));
        IncidentKind? kind = null;
        IncidentSeverity? severity = null;
        if (status == CheckInStatus.Incident)
        {
            if (Problems.TryEnum<IncidentKind>(Incident, out var k))
                kind = k;
            else
                p.Add(("incident", JourneyProblem.Text["IncidentChoice", Problems.Choices<IncidentKind>()]));
            if (Problems.TryEnum<IncidentSeverity>(Severity, out var s))
                severity = s;
            else
                p.Add(("severity", JourneyProblem.Text["SeverityChoice", Problems.Choices<IncidentSeverity>()]));
        }
        else if (!string.IsNullOrWhiteSpace(Incident) || !string.IsNullOrWhiteSpace(Severity))
        {
            p.Add(("status", JourneyProblem.Text["IncidentWithoutStatus"]));
        }
        p.ThrowIfAny();
        return (Leg!.Value, status, kind, severity);
    }
}

public sealed record CostInput
{
    public int? Leg { get; set; }
    public decimal? Amount { get; set; }
    public string? Currency { get; set; }

    /// <summary>The client's idempotency key (or the <c>Idempotency-Key</c> header): a retried cost is recorded and posted once.</summary>
    public string? Key { get; set; }

    public const int MaxKeyLength = 100;

    /// <summary>A key is 1 to 100 letters, digits and <c>-_.:</c>, so it fits in a ledger transfer key.</summary>
    internal static bool IsWellFormedKey(string key) =>
        key.Length is >= 1 and <= MaxKeyLength && key.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.' or ':');

    internal (int Leg, long AmountMinor, string Currency) Validate()
    {
        var p = new Problems();
        if (Leg is null)
            p.Add(("leg", JourneyProblem.Text["CostLegMissing"]));
        string currency = "";
        if (string.IsNullOrWhiteSpace(Currency))
            p.Add(("currency", JourneyProblem.Text["CurrencyMissing"]));
        else if (!Currencies.TryNormalise(Currency, out currency))
            p.Add(("currency", Currencies.Problem));
        var minor = WindowInput.Amount(p, "amount", Amount, currency);
        if (Key is not null && !IsWellFormedKey(Key))
            p.Add(("key", JourneyProblem.Text["KeyShape", MaxKeyLength]));
        p.ThrowIfAny();
        return (Leg!.Value, minor!.Value, currency);
    }
}

public sealed record NeedInput
{
    public string? Person { get; set; }
    public string? Need { get; set; }

    internal (string Person, NeedKind Need) Validate()
    {
        var p = new Problems();
        var person = p.Code("person", Person, 'C', "case");
        if (!Problems.TryEnum<NeedKind>(Need, out var need))
            p.Add(("need", JourneyProblem.Text["NeedChoice", Problems.Choices<NeedKind>()]));
        p.ThrowIfAny();
        return (person!, need);
    }
}

/// <summary>A route's status changed by hand (open, suspended, compromised), always with the reason kept in its history.</summary>
public sealed record RouteStatusInput
{
    public string? Status { get; set; }
    public string? Reason { get; set; }

    internal (RouteStatus Status, string Reason) Validate()
    {
        var p = new Problems();
        if (!Problems.TryEnum<RouteStatus>(Status, out var status))
            p.Add(("status", JourneyProblem.Text["StatusChoice", Problems.Choices<RouteStatus>()]));
        var reason = p.Text("reason", Reason, 200, true, "reasonChange");
        p.ThrowIfAny();
        return (status, reason!);
    }
}

/// <summary>A window's per-person estimate given by hand (costs swing), in the window's currency, with the reason recorded.</summary>
public sealed record EstimateInput
{
    public decimal? MedianPerPerson { get; set; }
    public decimal? P80PerPerson { get; set; }
    public string? Reason { get; set; }

    internal (long Median, long P80, string Reason) Validate(string currency)
    {
        var p = new Problems();
        var median = WindowInput.Amount(p, "medianPerPerson", MedianPerPerson, currency);
        var p80 = WindowInput.Amount(p, "p80PerPerson", P80PerPerson, currency);
        var reason = p.Text("reason", Reason, 200, true, "reasonEstimate");
        if (median is not null && p80 is not null && p80 < median)
            p.Add(("p80PerPerson", JourneyProblem.Text["P80BelowMedian"]));
        p.ThrowIfAny();
        return (median!.Value, p80!.Value, reason!);
    }
}
