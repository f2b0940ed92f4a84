using System.Globalization;
using System.Net;
using System.Text;
using Crossing.Core.Funding;
using Microsoft.AspNetCore.Html;

namespace Crossing.Web.Funding;

/// <summary>
/// Retention of monthly donors by cohort as an inline SVG line chart: one line per cohort (month of the first monthly
/// gift), the share of its donors who gave in each month since. Presentation attributes only, so the CSP holds.
/// </summary>
public static class RetentionChart
{
    private const int Width = 720;
    private const int Height = 260;
    private const int Left = 48;
    private const int Bottom = 30;
    private const int Top = 12;

    private static readonly string[] Colours = ["#2a6f97", "#e07a5f", "#81b29a", "#f2cc8f", "#6d597a", "#3d405b"];

    /// <param name="title">The chart's accessible title.</param>
    /// <param name="monthLabel">The x-axis label, given the number of months since the first gift.</param>
    public static IHtmlContent Render(IReadOnlyList<Cohort> cohorts, string title, Func<int, string> monthLabel)
    {
        var months = Math.Max(2, cohorts.Select(c => c.Retained.Count).DefaultIfEmpty(1).Max());
        var plotWidth = Width - Left - 16;
        var plotHeight = Height - Top - Bottom;
        double X(int k) => Left + plotWidth * k / (double)(months - 1);
        double Y(double share) => Top + plotHeight * (1 - share);
        var svg = new StringBuilder();
        svg.Append(CultureInfo.InvariantCulture, $"<svg class=\"retention-chart\" role=\"img\" aria-labelledby=\"retention-title\" viewBox=\"0 0 {Width} {Height + 20 * ((cohorts.Count + 3) / 4)}\" width=\"100%\" xmlns=\"http://www.w3.org/2000/svg\">");
        svg.Append(CultureInfo.InvariantCulture, $"<title id=\"retention-title\">{Encode(title)}</title>");
        foreach (var share in new[] { 0.0, 0.5, 1.0 })
        {
            svg.Append(CultureInfo.InvariantCulture, $"<line x1=\"{Left}\" y1=\"{Y(share):F1}\" x2=\"{Width - 16}\" y2=\"{Y(share):F1}\" stroke=\"#ccc\"/>");
            svg.Append(CultureInfo.InvariantCulture, $"<text x=\"{Left - 6}\" y=\"{Y(share) + 4:F1}\" text-anchor=\"end\" font-size=\"11\">{share * 100:F0}%</text>");
        }
        for (var k = 0; k < months; k++)
            svg.Append(CultureInfo.InvariantCulture, $"<text x=\"{X(k):F1}\" y=\"{Height - Bottom + 16}\" text-anchor=\"middle\" font-size=\"10\">{Encode(monthLabel(k))}</text>");
        for (var c = 0; c < cohorts.Count; c++)
        {
            var cohort = cohorts[c];
            var colour = Colours[c % Colours.Length];
            var points = string.Join(' ', cohort.Retained.Select((share, k) => string.Create(CultureInfo.InvariantCulture, $"{X(k):F1},{Y(share):F1}")));
            svg.Append(CultureInfo.InvariantCulture, $"<polyline points=\"{points}\" fill=\"none\" stroke=\"{colour}\" stroke-width=\"2\" data-cohort=\"{cohort.Month:yyyy-MM}\" data-donors=\"{cohort.Donors}\"/>");
            for (var k = 0; k < cohort.Retained.Count; k++)
                svg.Append(CultureInfo.InvariantCulture, $"<circle cx=\"{X(k):F1}\" cy=\"{Y(cohort.Retained[k]):F1}\" r=\"3\" fill=\"{colour}\" data-cohort=\"{cohort.Month:yyyy-MM}\" data-month=\"{k}\" data-retained=\"{cohort.Retained[k] * 100:F0}\"><title>{cohort.Month:yyyy-MM} +{k}: {cohort.Retained[k] * 100:F0}%</title></circle>");
            var lx = Left + c % 4 * 160;
            var ly = Height + 6 + c / 4 * 20;
            svg.Append(CultureInfo.InvariantCulture, $"<rect x=\"{lx}\" y=\"{ly}\" width=\"12\" height=\"12\" fill=\"{colour}\"/>");
            svg.Append(CultureInfo.InvariantCulture, $"<text x=\"{lx + 18}\" y=\"{ly + 11}\" font-size=\"12\">{cohort.Month:yyyy-MM} ({cohort.Donors})</text>");
        }
        svg.Append("</svg>");
        return new HtmlString(svg.ToString());
    }

    private static string Encode(string text) => WebUtility.HtmlEncode(text);
}
