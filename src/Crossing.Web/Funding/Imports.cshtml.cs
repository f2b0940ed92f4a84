using Crossing.Core.Funding.Imports;
using Crossing.Core.Security.Audit;
using Crossing.Web.Security;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;

namespace Crossing.Web.Funding;

/// <summary>Gift report imports: upload a Facebook fundraiser report or a mapped CSV, see the summary and each bad line.</summary>
[Authorize(Policy = Policies.Staff)]
[RequestSizeLimit(MaxUploadBytes)]
[RequestFormLimits(MultipartBodyLengthLimit = MaxUploadBytes)]
public sealed class ImportsModel(CallerAccessor callers, GiftImporter importer, IAuditLog audit) : FinancePage(callers)
{
    public const long MaxUploadBytes = 512L * 1024 * 1024;

    public sealed class ImportForm
    {
        public IFormFile? File { get; set; }

        /// <summary>"facebook" or "csv".</summary>
        public string? Kind { get; set; }

        public string? Source { get; set; }
        public string? Mapping { get; set; }
    }

    [BindProperty]
    public ImportForm Form { get; set; } = new();

    public ImportSummary? Summary { get; private set; }

    public IReadOnlyList<GiftImport> Recent { get; private set; } = [];

    public string? Problem { get; private set; }

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        if (await FinanceCallerAsync(ct) is null)
            return NotFound();
        Recent = await importer.RecentAsync(10, ct);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        var caller = await FinanceCallerAsync(ct);
        if (caller is null)
            return NotFound();
        if (Form.File is not { Length: > 0 } file)
        {
            Problem = "Finance.Imports.NoFile";
        }
        else
        {
            try
            {
                await using var stream = file.OpenReadStream();
                if (Form.Kind == "csv")
                {
                    var mapping = string.IsNullOrWhiteSpace(Form.Mapping) ? null : ColumnMapping.Parse([Form.Mapping]);
                    Summary = await importer.ImportCsvAsync(stream, Form.Source ?? "", mapping, ct: ct);
                }
                else
                {
                    Summary = await importer.ImportFacebookAsync(stream, ct: ct);
                }
                await audit.AppendAsync(new AuditEntry(caller.AuditActor, "gift.import", Form.Kind == "csv" ? GiftImporter.CheckSource(Form.Source ?? "") : GiftImporter.FacebookSource), ct);
            }
            catch (ImportException e)
            {
                Problem = e.Message;
            }
        }
        Recent = await importer.RecentAsync(10, ct);
        return Page();
    }
}
