using System.Globalization;
using System.Net;
using System.Text;
using Crossing.Core.Funding;
using Microsoft.AspNetCore.Html;

namespace Crossing.Web.Funding;

/// <summary>
/// Income by month and channel as an inline SVG bar chart, one chart per currency (amounts are never converted).
/// Rendered on the server with presentation attributes only: no script, no style attribute, so the CSP holds.
/// </summary>
public static class IncomeChart
{
    private const int Width = 720;
    private const int Height = 240;
    private const int Left = 64;
    private const int Bottom = 28;
    private const int Top = 12;

    private static readonly string[] Colours = ["#2a6f97", "#e07a5f", "#81b29a", "#f2cc8f", "#6d597a", "#3d405b"];

    /// <param name="channelLabel">The localised name of a channel.</param>
    /// <param name="title">The chart's accessible title, given the currency code.</param>
    public static IHtmlContent Render(IReadOnlyList<MonthlyIncome> income, IReadOnlyList<DateOnly> months, Currency currency, Func<string, string> channelLabel, string title)
    {
        var rows = income.Where(i => i.Gross.Currency == currency).ToList();
        var channels = rows.Select(r => r.Channel).Distinct().Order(StringComparer.Ordinal).ToList();
        var totals = months.Select(m => rows.Where(r => r.Month == m).Sum(r => r.Gross.Minor)).ToList();
        var max = Math.Max(1, totals.DefaultIfEmpty(0).Max());
        var plotHeight = Height - Top - Bottom;
        var slot = (Width - Left - 8) / (double)Math.Max(1, months.Count);
        var bar = Math.Max(4, slot * 0.7);
        var svg = new StringBuilder();
        var id = "income-" + currency.Code.ToLowerInvariant();
        svg.Append(CultureInfo.InvariantCulture, $"<svg class=\"income-chart\" role=\"img\" aria-labelledby=\"{id}\" viewBox=\"0 0 {Width} {Height + 20 * ((channels.Count + 2) / 3)}\" width=\"100%\" xmlns=\"http://www.w3.org/2000/svg\">");
        svg.Append(CultureInfo.InvariantCulture, $"<title id=\"{id}\">{Encode(title)}</title>");
        svg.Append(CultureInfo.InvariantCulture, $"<line x1=\"{Left}\" y1=\"{Height - Bottom}\" x2=\"{Width}\" y2=\"{Height - Bottom}\" stroke=\"#555\"/>");
        svg.Append(CultureInfo.InvariantCulture, $"<text x=\"{Left - 6}\" y=\"{Top + 10}\" text-anchor=\"end\" font-size=\"11\">{Encode(Money.Format(max, currency))}</text>");
        svg.Append(CultureInfo.InvariantCulture, $"<text x=\"{Left - 6}\" y=\"{Height - Bottom}\" text-anchor=\"end\" font-size=\"11\">0</text>");
        for (var m = 0; m < months.Count; m++)
        {
            var x = Left + m * slot + (slot - bar) / 2;
            var y = (double)(Height - Bottom);
            for (var c = 0; c < channels.Count; c++)
            {
                var amount = rows.Where(r => r.Month == months[m] && r.Channel == channels[c]).Sum(r => r.Gross.Minor);
                if (amount == 0)
                    continue;
                var h = plotHeight * (double)amount / max;
                y -= h;
                svg.Append(CultureInfo.InvariantCulture,
                    $"<rect x=\"{x:F1}\" y=\"{y:F1}\" width=\"{bar:F1}\" height=\"{h:F1}\" fill=\"{Colours[c % Colours.Length]}\" data-month=\"{months[m]:yyyy-MM}\" data-channel=\"{Encode(channels[c])}\" data-amount=\"{Money.Format(amount, currency)}\"><title>{months[m]:yyyy-MM} {Encode(channelLabel(channels[c]))}: {Money.Format(amount, currency)} {currency.Code}</title></rect>");
            }
            svg.Append(CultureInfo.InvariantCulture, $"<text x=\"{Left + m * slot + slot / 2:F1}\" y=\"{Height - Bottom + 16}\" text-anchor=\"middle\" font-size=\"10\">{months[m]:yy-MM}</text>");
        }
        for (var c = 0; c < channels.Count; c++)
        {
            var lx = Left + c % 3 * 210;
            var ly = Height + 6 + c / 3 * 20;
            svg.Append(CultureInfo.InvariantCulture, $"<rect x=\"{lx}\" y=\"{ly}\" width=\"12\" height=\"12\" fill=\"{Colours[c % Colours.Length]}\"/>");
            svg.Append(CultureInfo.InvariantCulture, $"<text x=\"{lx + 18}\" y=\"{ly + 11}\" font-size=\"12\">{Encode(channelLabel(channels[c]))}</text>");
        }
        svg.Append("</svg>");
        return new HtmlString(svg.ToString());
    }

    private static string Encode(string text) => WebUtility.HtmlEncode(text);
}
