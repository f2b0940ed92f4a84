using System.Globalization;
using System.Text;
using System.Text.Json;

namespace Crossing.Core.Planning;

/// <summary>
/// Reads and writes the planner's instance format (version 1, <c>docs/planner-format.md</c>). Reading is strict: an
/// unknown field, a wrong type or a date that does not parse is refused with a message naming the item, because a
/// typo in a hand-edited instance must not silently change who travels.
/// </summary>
public static class PlanningInstanceJson
{
    public static PlanningInstance Parse(string json)
    {
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(json, new JsonDocumentOptions { MaxDepth = 16 });
        }
        catch (JsonException e)
        {
            throw new PlanningInstanceException($"the instance is not valid JSON (line {(e.LineNumber ?? 0) + 1}): {e.Message.Split('.')[0]}.");
        }
        using (document)
            return Read(document.RootElement);
    }

    private static PlanningInstance Read(JsonElement root)
    {
        if (root.ValueKind != JsonValueKind.Object)
            throw new PlanningInstanceException("the instance must be a JSON object.");
        Only(root, "instance", "version", "start", "costBasis", "cash", "routes", "windows", "groups");

        if (root.TryGetProperty("version", out var version) && (version.ValueKind != JsonValueKind.Number || !version.TryGetInt32(out var v) || v != PlanningInstance.CurrentVersion))
            throw new PlanningInstanceException($"version: this planner reads version {PlanningInstance.CurrentVersion} instances, not {version.GetRawText()}.");

        var start = Date(Required(root, "start", "instance"), "start");
        var basis = root.TryGetProperty("costBasis", out var basisElement) ? ParseCostBasis(Text(basisElement, "costBasis"), "costBasis") : CostBasis.P80;

        var cash = Required(root, "cash", "instance");
        if (cash.ValueKind != JsonValueKind.Object)
            throw new PlanningInstanceException("cash must be an object with available and income.");
        Only(cash, "cash", "available", "income");
        var available = Number(Required(cash, "available", "cash"), "cash.available");
        var income = new List<PlannedIncome>();
        if (cash.TryGetProperty("income", out var incomeElement))
        {
            var i = 0;
            foreach (var item in Array(incomeElement, "cash.income"))
            {
                var name = $"cash.income[{i++}]";
                Object(item, name);
                Only(item, name, "date", "amount");
                income.Add(new PlannedIncome(Date(Required(item, "date", name), name + " date"), Number(Required(item, "amount", name), name + " amount")));
            }
        }

        List<PlanRoute>? routes = null;
        if (root.TryGetProperty("routes", out var routesElement))
        {
            routes = [];
            var i = 0;
            foreach (var item in Array(routesElement, "routes"))
            {
                var name = $"routes[{i++}]";
                Object(item, name);
                Only(item, name, "id", "status");
                var id = Text(Required(item, "id", name), name + " id");
                var status = item.TryGetProperty("status", out var s) ? ParseRouteStatus(Text(s, $"route {id}: status"), id) : PlanRouteStatus.Open;
                routes.Add(new PlanRoute(id, status));
            }
        }

        var windows = new List<TravelWindowOption>();
        var index = 0;
        foreach (var item in Array(Required(root, "windows", "instance"), "windows"))
        {
            var position = $"windows[{index++}]";
            Object(item, position);
            var id = Text(Required(item, "id", position), position + " id");
            var name = "window " + id;
            Only(item, name, "id", "route", "date", "capacity", "cost");
            var cost = Required(item, "cost", name);
            Object(cost, name + ": cost");
            Only(cost, name + ": cost", "median", "p80");
            windows.Add(new TravelWindowOption(
                id,
                Text(Required(item, "route", name), name + ": route"),
                Date(Required(item, "date", name), name + ": date"),
                Integer(Required(item, "capacity", name), name + ": capacity"),
                Number(Required(cost, "median", name + ": cost"), name + ": cost.median"),
                Number(Required(cost, "p80", name + ": cost"), name + ": cost.p80")));
        }

        var groups = new List<WaitingGroup>();
        index = 0;
        foreach (var item in Array(Required(root, "groups", "instance"), "groups"))
        {
            var position = $"groups[{index++}]";
            Object(item, position);
            var id = Text(Required(item, "id", position), position + " id");
            var name = "group " + id;
            Only(item, name, "id", "size", "weight", "routes", "deadline");
            var groupRoutes = Array(Required(item, "routes", name), name + ": routes").Select(r => Text(r, name + ": routes")).Distinct(StringComparer.Ordinal).ToList();
            groups.Add(new WaitingGroup(
                id,
                Integer(Required(item, "size", name), name + ": size"),
                Number(Required(item, "weight", name), name + ": weight"),
                groupRoutes,
                item.TryGetProperty("deadline", out var deadline) && deadline.ValueKind != JsonValueKind.Null ? Date(deadline, name + ": deadline") : null));
        }

        return PlanningInstance.Create(start, basis, available, income, routes, windows, groups);
    }

    public static string Write(PlanningInstance instance)
    {
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer, new JsonWriterOptions { Indented = true }))
        {
            json.WriteStartObject();
            json.WriteNumber("version", PlanningInstance.CurrentVersion);
            json.WriteString("start", Iso(instance.Start));
            json.WriteString("costBasis", FormatCostBasis(instance.CostBasis));
            json.WriteStartObject("cash");
            json.WriteNumber("available", instance.CashAvailable);
            json.WriteStartArray("income");
            foreach (var income in instance.Income)
            {
                json.WriteStartObject();
                json.WriteString("date", Iso(income.Date));
                json.WriteNumber("amount", income.Amount);
                json.WriteEndObject();
            }
            json.WriteEndArray();
            json.WriteEndObject();
            if (instance.Routes is { } routes)
            {
                json.WriteStartArray("routes");
                foreach (var route in routes)
                {
                    json.WriteStartObject();
                    json.WriteString("id", route.Id);
                    json.WriteString("status", route.Status.ToString().ToLowerInvariant());
                    json.WriteEndObject();
                }
                json.WriteEndArray();
            }
            json.WriteStartArray("windows");
            foreach (var window in instance.Windows)
            {
                json.WriteStartObject();
                json.WriteString("id", window.Id);
                json.WriteString("route", window.Route);
                json.WriteString("date", Iso(window.Date));
                json.WriteNumber("capacity", window.Capacity);
                json.WriteStartObject("cost");
                json.WriteNumber("median", window.MedianCost);
                json.WriteNumber("p80", window.P80Cost);
                json.WriteEndObject();
                json.WriteEndObject();
            }
            json.WriteEndArray();
            json.WriteStartArray("groups");
            foreach (var group in instance.Groups)
            {
                json.WriteStartObject();
                json.WriteString("id", group.Id);
                json.WriteNumber("size", group.Size);
                json.WriteNumber("weight", group.Weight);
                json.WriteStartArray("routes");
                foreach (var route in group.Routes)
                    json.WriteStringValue(route);
                json.WriteEndArray();
                if (group.Deadline is { } deadline)
                    json.WriteString("deadline", Iso(deadline));
                json.WriteEndObject();
            }
            json.WriteEndArray();
            json.WriteEndObject();
        }
        return Encoding.UTF8.GetString(buffer.ToArray());
    }

    public static CostBasis ParseCostBasis(string text, string item) => text switch
    {
        "p80" => CostBasis.P80,
        "median" => CostBasis.Median,
        _ => throw new PlanningInstanceException($"{item}: '{Clip(text)}' is not a cost basis (p80 or median)."),
    };

    public static string FormatCostBasis(CostBasis basis) => basis == CostBasis.Median ? "median" : "p80";

    internal static string Iso(DateOnly date) => date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    private static PlanRouteStatus ParseRouteStatus(string text, string route) => text switch
    {
        "open" => PlanRouteStatus.Open,
        "suspended" => PlanRouteStatus.Suspended,
        "compromised" => PlanRouteStatus.Compromised,
        _ => throw new PlanningInstanceException($"route {route}: status '{Clip(text)}' is not open, suspended or compromised."),
    };

    private static void Only(JsonElement element, string item, params string[] allowed)
    {
        foreach (var property in element.EnumerateObject())
            if (!allowed.Contains(property.Name, StringComparer.Ordinal))
                throw new PlanningInstanceException($"{item}: unknown field '{Clip(property.Name)}' (allowed: {string.Join(", ", allowed)}).");
    }

    private static JsonElement Required(JsonElement element, string property, string item) =>
        element.TryGetProperty(property, out var value) && value.ValueKind != JsonValueKind.Null
            ? value
            : throw new PlanningInstanceException($"{item}: '{property}' is missing.");

    private static void Object(JsonElement element, string item)
    {
        if (element.ValueKind != JsonValueKind.Object)
            throw new PlanningInstanceException($"{item} must be an object.");
    }

    private static JsonElement.ArrayEnumerator Array(JsonElement element, string item) =>
        element.ValueKind == JsonValueKind.Array ? element.EnumerateArray() : throw new PlanningInstanceException($"{item} must be an array.");

    private static string Text(JsonElement element, string item) =>
        element.ValueKind == JsonValueKind.String ? element.GetString()! : throw new PlanningInstanceException($"{item} must be a string.");

    private static decimal Number(JsonElement element, string item) =>
        element.ValueKind == JsonValueKind.Number && element.TryGetDecimal(out var value)
            ? value
            : throw new PlanningInstanceException($"{item}: {Clip(element.GetRawText())} is not a number.");

    private static int Integer(JsonElement element, string item)
    {
        if (element.ValueKind == JsonValueKind.Number && element.TryGetInt32(out var value))
            return value;
        if (element.ValueKind == JsonValueKind.Number && element.TryGetDecimal(out var d) && d == decimal.Truncate(d) && d is >= int.MinValue and <= int.MaxValue)
            return (int)d;
        throw new PlanningInstanceException($"{item}: {Clip(element.GetRawText())} is not a whole number.");
    }

    private static DateOnly Date(JsonElement element, string item)
    {
        if (element.ValueKind == JsonValueKind.String
            && DateOnly.TryParseExact(element.GetString(), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date))
            return date;
        throw new PlanningInstanceException($"{item}: {Clip(element.GetRawText())} is not a date (yyyy-MM-dd).");
    }

    private static string Clip(string text) => text.Length > 40 ? text[..40] + "…" : text;
}
