using System.ComponentModel.DataAnnotations;
using Crossing.Core.Funding;
using Crossing.Core.Security.Audit;
using Crossing.Web.Security;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;

namespace Crossing.Web.Funding;

/// <summary>Campaigns (dated designation rules): the list, and a form to add one.</summary>
[Authorize(Policy = Policies.Staff)]
public sealed class CampaignsModel(CallerAccessor callers, Campaigns campaigns, IAuditLog audit) : FinancePage(callers)
{
    public sealed class CampaignForm
    {
        [StringLength(100)]
        public string? Name { get; set; }

        public string? Fund { get; set; }
        public string? From { get; set; }
        public string? To { get; set; }
        public string? Kind { get; set; }
    }

    [BindProperty]
    public CampaignForm Form { get; set; } = new();

    public IReadOnlyList<Campaign> All { get; private set; } = [];

    public IReadOnlyList<string> Funds { get; private set; } = [];

    public string? Problem { get; private set; }

    /// <summary>The placeholders of <see cref="Problem"/>'s sentence.</summary>
    public object[] ProblemArguments { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        if (await FinanceCallerAsync(ct) is null)
            return NotFound();
        await LoadAsync(ct);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        var caller = await FinanceCallerAsync(ct);
        if (caller is null)
            return NotFound();
        var from = ParseDay(Form.From);
        var to = ParseDay(Form.To);
        if (from is null || to is null)
            Problem = "Finance.BadDates";
        else if (!Core.Funding.Campaigns.TryParseKind(Form.Kind, out var kind))
            Problem = "Finance.BadKind";
        else
        {
            try
            {
                var added = await campaigns.AddAsync(Form.Name ?? "", Form.Fund ?? "", from.Value, to.Value, kind, ct: ct);
                await audit.AppendAsync(new AuditEntry(caller.AuditActor, "campaign.add", added.Id), ct);
                return RedirectToPage();
            }
            catch (CampaignException e)
            {
                Problem = e.Key;
                ProblemArguments = [.. e.Arguments];
            }
        }
        await LoadAsync(ct);
        return Page();
    }

    private async Task LoadAsync(CancellationToken ct)
    {
        All = await campaigns.ListAsync(ct);
        Funds = await campaigns.FundIdsAsync(ct);
    }
}
