using System.CommandLine;
using System.Globalization;
using System.Text;
using System.Text.Json;
using Crossing.Core.Funding.Imports;

namespace Crossing.Cli;

/// <summary>`crossing import facebook FILE` and `crossing import csv FILE --source NAME [--map ...]` (docs/imports.md).</summary>
internal static class ImportCommands
{
    public static Command Build(CliContext context) =>
        new("import", "Import gift reports into the ledger: each payment once, bad rows named by line.") { BuildFacebook(context), BuildCsv(context) };

    private static readonly Option<int> Batch = new("--batch")
    {
        Description = "Rows per transaction (default 20000); each batch commits whole or not at all.",
        DefaultValueFactory = _ => GiftImporter.DefaultBatchSize,
    };

    private static GiftImporter Importer(CliSession session, ParseResult result)
    {
        var importer = session.Get<GiftImporter>();
        var batch = result.GetValue(Batch);
        importer.BatchSize = batch is >= 1 and <= 1_000_000 ? batch : throw new CliException("--batch takes 1 to 1000000 rows.");
        return importer;
    }

    private static Command BuildFacebook(CliContext context)
    {
        var file = new Argument<FileInfo>("file") { Description = "A Facebook fundraiser payout report (CSV)." };
        var command = new Command("facebook", "Import a Facebook fundraiser report: gross to the fundraiser's fund (rescue unless designated otherwise), the fee from general.") { file, Batch };
        command.SetAction(async (result, ct) =>
        {
            var path = Existing(result.GetRequiredValue(file));
            await using var session = await context.OpenAsync(result, ct);
            await using var stream = File.OpenRead(path);
            var summary = await context.WithProgressAsync("Importing", p => Importer(session, result).ImportFacebookAsync(stream, p, ct));
            return Report(context, result, summary);
        });
        return command;
    }

    private static Command BuildCsv(CliContext context)
    {
        var file = new Argument<FileInfo>("file") { Description = "A CSV of gifts from a bank, cheque register or other platform." };
        var source = new Option<string>("--source") { Description = "Where the file comes from, such as bank-kb; its column mapping is saved under this name.", Required = true };
        var map = new Option<string[]>("--map")
        {
            Description = "field=Column pairs (key, date, amount, currency required; email, name, first-name, last-name, fund, fee optional); saved for the source. Omit to use the saved mapping.",
            AllowMultipleArgumentsPerToken = true,
        };
        var command = new Command("csv", "Import gifts from any CSV through a column mapping saved per source; default fund general.") { file, source, map, Batch };
        command.SetAction(async (result, ct) =>
        {
            var path = Existing(result.GetRequiredValue(file));
            var pairs = result.GetValue(map);
            var mapping = pairs is { Length: > 0 } ? ColumnMapping.Parse(pairs) : null;
            await using var session = await context.OpenAsync(result, ct);
            await using var stream = File.OpenRead(path);
            var summary = await context.WithProgressAsync("Importing", p => Importer(session, result).ImportCsvAsync(stream, result.GetRequiredValue(source), mapping, p, ct));
            return Report(context, result, summary);
        });
        return command;
    }

    /// <summary>Reasons quote values ('abc'); kept readable instead of \u0027. The output is never embedded in HTML.</summary>
    private static readonly JsonSerializerOptions Readable = new() { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    private static string Existing(FileInfo file) =>
        file.Exists ? file.FullName : throw new CliException($"There is no file {file.FullName}.");

    /// <summary>Exit 0 when every row was imported or already there; 1 when some rows were rejected (named by line).</summary>
    private static int Report(CliContext context, ParseResult result, ImportSummary summary)
    {
        var text = new StringBuilder();
        text.Append(CultureInfo.InvariantCulture, $"{summary.Rows} rows: {summary.Imported} imported, {summary.Duplicates} duplicates, {summary.Rejected} rejected in {summary.Seconds:0.###} s.");
        foreach (var e in summary.Errors)
            text.Append(CultureInfo.InvariantCulture, $"\nline {e.Line}: {e.Reason}");
        if (result.GetValue(Cli.Json))
            context.Out.WriteLine(JsonSerializer.Serialize(summary, Readable));
        else
            context.Out.WriteLine(text.ToString());
        return summary.Rejected > 0 ? Cli.CheckFailed : Cli.Ok;
    }
}
