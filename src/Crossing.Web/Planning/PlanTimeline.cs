using System.Globalization;
using System.Net;
using System.Text;
using Crossing.Core.Planning;
using Microsoft.AspNetCore.Html;

namespace Crossing.Web.Planning;

/// <summary>
/// The plan as a timeline, one lane per route: each window is a bar as wide as a week, outlined to its capacity and
/// filled by the people the plan puts in it. Server-rendered SVG with presentation attributes only (no script, no style
/// attribute, so the CSP holds); it scales to the page's width, 390 px included.
/// </summary>
public static class PlanTimeline
{
    private const int Width = 720;
    private const int Left = 70;
    private const int Right = 10;
    private const int Lane = 46;
    private const int Top = 10;
    private const int Axis = 26;

    /// <param name="title">The chart's accessible title.</param>
    /// <param name="windowTitle">A window's tooltip: code, date, people, capacity, groups.</param>
    public static IHtmlContent Render(PlanningInstance instance, PlanResult plan, string title, Func<TravelWindowOption, int, string, string> windowTitle)
    {
        var routes = instance.Windows.Select(w => w.Route).Distinct().Order(StringComparer.Ordinal).ToList();
        var groups = instance.Groups.ToDictionary(g => g.Id, StringComparer.Ordinal);
        var inWindow = plan.Assignments.ToLookup(a => a.Window, a => a.Group, StringComparer.Ordinal);
        var first = instance.Start;
        var last = instance.Windows.Count == 0 ? first.AddDays(7) : instance.Windows.Max(w => w.Date).AddDays(7);
        var days = Math.Max(7, last.DayNumber - first.DayNumber);
        var plotWidth = Width - Left - Right;
        double X(DateOnly d) => Left + plotWidth * (double)(d.DayNumber - first.DayNumber) / days;
        var barWidth = Math.Max(6, plotWidth * 5.0 / days);
        var height = Top + Math.Max(1, routes.Count) * Lane + Axis;

        var svg = new StringBuilder();
        svg.Append(CultureInfo.InvariantCulture, $"<svg class=\"plan-timeline\" role=\"img\" aria-labelledby=\"plan-timeline-title\" viewBox=\"0 0 {Width} {height}\" width=\"100%\" xmlns=\"http://www.w3.org/2000/svg\">");
        svg.Append(CultureInfo.InvariantCulture, $"<title id=\"plan-timeline-title\">{Encode(title)}</title>");
        for (var r = 0; r < routes.Count; r++)
        {
            var y = Top + r * Lane;
            svg.Append(CultureInfo.InvariantCulture, $"<text x=\"4\" y=\"{y + 24}\" font-size=\"12\">{Encode(routes[r])}</text>");
            svg.Append(CultureInfo.InvariantCulture, $"<line x1=\"{Left}\" y1=\"{y + Lane - 4}\" x2=\"{Width - Right}\" y2=\"{y + Lane - 4}\" stroke=\"#ccc\"/>");
            foreach (var w in instance.Windows.Where(w => w.Route == routes[r]).OrderBy(w => w.Date))
            {
                var assigned = inWindow[w.Id].ToList();
                var people = assigned.Sum(g => groups[g].Size);
                var x = X(w.Date);
                const int barHeight = Lane - 12;
                var filled = w.Capacity == 0 ? 0 : barHeight * Math.Min(1.0, people / (double)w.Capacity);
                svg.Append(CultureInfo.InvariantCulture,
                    $"<g data-window=\"{Encode(w.Id)}\" data-route=\"{Encode(w.Route)}\" data-people=\"{people}\"><title>{Encode(windowTitle(w, people, string.Join(", ", assigned.Order(StringComparer.Ordinal))))}</title>");
                svg.Append(CultureInfo.InvariantCulture, $"<rect x=\"{x:F1}\" y=\"{y + 4}\" width=\"{barWidth:F1}\" height=\"{barHeight}\" fill=\"#f4f4f4\" stroke=\"#777\"/>");
                if (filled > 0)
                    svg.Append(CultureInfo.InvariantCulture, $"<rect x=\"{x:F1}\" y=\"{y + 4 + barHeight - filled:F1}\" width=\"{barWidth:F1}\" height=\"{filled:F1}\" fill=\"#2a6f97\"/>");
                svg.Append(CultureInfo.InvariantCulture, $"<text x=\"{x + barWidth / 2:F1}\" y=\"{y + 18}\" text-anchor=\"middle\" font-size=\"10\" fill=\"{(people > 0 && filled > 16 ? "#fff" : "#333")}\">{people}/{w.Capacity}</text></g>");
            }
        }
        var axisY = Top + Math.Max(1, routes.Count) * Lane;
        svg.Append(CultureInfo.InvariantCulture, $"<text x=\"{Left}\" y=\"{axisY + 16}\" font-size=\"11\">{first:yyyy-MM-dd}</text>");
        svg.Append(CultureInfo.InvariantCulture, $"<text x=\"{Width - Right}\" y=\"{axisY + 16}\" font-size=\"11\" text-anchor=\"end\">{last:yyyy-MM-dd}</text>");
        svg.Append("</svg>");
        return new HtmlString(svg.ToString());
    }

    private static string Encode(string text) => WebUtility.HtmlEncode(text);
}
