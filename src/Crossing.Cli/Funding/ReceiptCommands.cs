using System.CommandLine;
using Crossing.Core.Funding;

namespace Crossing.Cli;

/// <summary>`crossing receipts send --year Y [--again DONOR]` and `crossing receipts gift REF` (docs/receipts.md), part of the funding module.</summary>
internal static class ReceiptCommands
{
    public static Command Build(CliContext context) =>
        new("receipts", "Gift receipts and year-end giving statements as PDF, by SMTP or to the outbox folder.") { BuildSend(context), BuildGift(context) };

    private static Option<string?> Language() =>
        new("--language") { Description = "en or ko (default: Crossing:Receipts:Language, else en)." };

    private static Command BuildSend(CliContext context)
    {
        var year = new Option<int>("--year") { Description = "The calendar year (UTC) the statements cover, e.g. 2027.", Required = true };
        var again = new Option<string?>("--again") { Description = "A donor code (D-XXXXX) whose statement is sent again although it was sent before." };
        var language = Language();
        var send = new Command("send", "Send each donor with gifts in the year their giving statement; donors who have it already are skipped.") { year, again, language };
        send.SetAction(async (result, ct) =>
        {
            await using var session = await context.OpenAsync(result, ct);
            StatementRun run;
            try
            {
                run = await session.Get<Receipts>().SendStatementsAsync(CliContext.Actor, result.GetValue(year), result.GetValue(again), result.GetValue(language), ct);
            }
            catch (ReceiptException e)
            {
                throw new CliException(e.Message);
            }
            context.Report(result,
                new { year = run.Year, donors = run.Donors, sent = run.Sent, alreadySent = run.AlreadySent, delivery = run.Delivery, numbers = run.Numbers },
                $"{run.Year}: {run.Sent} statements sent ({run.Delivery}), {run.AlreadySent} donors had theirs already, {run.Donors} donors gave.");
            return Cli.Ok;
        });
        return send;
    }

    private static Command BuildGift(CliContext context)
    {
        var reference = new Argument<string>("reference") { Description = "The gift's payment reference, as /finance/gifts shows it (e.g. pi_…)." };
        var language = Language();
        var gift = new Command("gift", "Send the receipt for one gift to its donor.") { reference, language };
        gift.SetAction(async (result, ct) =>
        {
            await using var session = await context.OpenAsync(result, ct);
            ReceiptSent sent;
            try
            {
                sent = await session.Get<Receipts>().SendGiftReceiptAsync(CliContext.Actor, result.GetRequiredValue(reference), result.GetValue(language), ct);
            }
            catch (ReceiptException e)
            {
                throw new CliException(e.Message);
            }
            context.Report(result, new { number = sent.Number, donor = sent.DonorCode, delivery = sent.Delivery },
                $"Receipt {sent.Number} sent to donor {sent.DonorCode} ({sent.Delivery}).");
            return Cli.Ok;
        });
        return gift;
    }
}
