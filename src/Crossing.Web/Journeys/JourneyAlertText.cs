using System.Text.RegularExpressions;
using Crossing.Web.Shell;

namespace Crossing.Web.Journeys;

/// <summary>
/// An alert's stored summary is codes and coded words ("routes R-1,R-2; windows -; journeys …; groups …" or
/// "leg 2: arrest, severity high"), kept language-free in the database; pages say it in the reader's language here.
/// Anything not in those shapes is shown as stored (it holds codes only).
/// </summary>
public static partial class JourneyAlertText
{
    public static string Describe(string summary, Text<JourneyText> l)
    {
        if (Incident().Match(summary) is { Success: true } incident)
            return l["Alert.IncidentDetail", incident.Groups[1].Value, l["Incident." + incident.Groups[2].Value].Value, l["Severity." + incident.Groups[3].Value].Value].Value;
        var parts = Part().Matches(summary);
        if (parts.Count == 0)
            return summary;
        return string.Join("; ", parts.Select(p =>
            l["Alert.Part." + p.Groups[1].Value, p.Groups[2].Value == "-" ? l["Alert.None"].Value : p.Groups[2].Value.Replace(",", ", ", StringComparison.Ordinal)].Value));
    }

    [GeneratedRegex(@"^leg (\d+): ([a-z-]+), severity ([a-z-]+)$")]
    private static partial Regex Incident();

    [GeneratedRegex(@"(routes|windows|journeys|groups) ([^;]*)")]
    private static partial Regex Part();
}
