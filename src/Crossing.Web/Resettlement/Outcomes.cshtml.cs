using Crossing.Core.Resettlement;
using Crossing.Core.Security.Access;
using Crossing.Web.Security;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Crossing.Web.Resettlement;

/// <summary>
/// The outcomes report for the board and funders as charts drawn on the server (SVG, no script) and a table, both
/// from the suppressed report: a cell under <see cref="OutcomeReport.SmallestShown"/> is drawn as "fewer than 5",
/// never as its count.
/// </summary>
[Authorize(Policy = Policies.Staff)]
public sealed class OutcomesModel(CallerAccessor callers, OutcomeReport report) : PageModel
{
    public IReadOnlyList<OutcomeCell> Cells { get; private set; } = [];

    public OutcomeChart Chart { get; private set; } = OutcomeChart.From([]);

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        var caller = await callers.RequireAsync(ct);
        if (!caller.Has(Permission.ViewCases))
            return NotFound();
        Cells = await report.BuildAsync(caller, ct);
        Chart = OutcomeChart.From(Cells);
        return Page();
    }
}

/// <summary>Geometry of a horizontal bar chart, newest year first: one bar per kind of service, its achieved part inside it.</summary>
public sealed record OutcomeChart(IReadOnlyList<OutcomeChart.YearGroup> Years, int Height)
{
    public const int Width = 360;
    public const int LabelWidth = 112;
    public const int BarArea = 200;
    public const int RowHeight = 22;
    public const int HeadingHeight = 24;

    public sealed record Bar(string Service, int? Services, int? Achieved, int Y, int ServicesWidth, int AchievedWidth)
    {
        public bool Suppressed => Services is null;
    }

    public sealed record YearGroup(int Year, int Y, IReadOnlyList<Bar> Bars);

    public static OutcomeChart From(IReadOnlyList<OutcomeCell> cells)
    {
        var largest = Math.Max(OutcomeReport.SmallestShown, cells.Max(c => c.Services) ?? 0);
        int Scale(int? count) => count is { } n ? (int)Math.Round((double)n / largest * BarArea) : 0;
        var y = 0;
        var years = new List<YearGroup>();
        foreach (var year in cells.GroupBy(c => c.Year).OrderByDescending(g => g.Key))
        {
            var top = y;
            y += HeadingHeight;
            var bars = new List<Bar>();
            foreach (var cell in year.OrderBy(c => c.Service, StringComparer.Ordinal))
            {
                // A suppressed cell gets the width of the threshold, whatever its true count: the drawing must not tell 1 from 4.
                var width = cell.Services is null ? Scale(OutcomeReport.SmallestShown) : Scale(cell.Services);
                bars.Add(new Bar(cell.Service, cell.Services, cell.Achieved, y, width, Scale(cell.Achieved)));
                y += RowHeight;
            }
            years.Add(new YearGroup(year.Key, top, bars));
        }
        return new OutcomeChart(years, Math.Max(y, RowHeight));
    }
}
