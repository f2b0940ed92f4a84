using System.CommandLine;
using Crossing.Core.Funding;

namespace Crossing.Cli;

/// <summary>
/// `crossing receipts send --year Y [--again DONOR]`, `crossing receipts gift REF [--again]` and `crossing receipts confirm
/// NUMBER` (docs/receipts.md), part of the funding module.
/// </summary>
internal static class ReceiptCommands
{
    public static Command Build(CliContext context) =>
        new("receipts", "Gift receipts and year-end giving statements as PDF, by SMTP or to the outbox folder.") { BuildSend(context), BuildGift(context), BuildConfirm(context) };

    private static Option<string?> Language() =>
        new("--language") { Description = "en or ko for every receipt of this run (default: each donor's language, see docs/receipts.md)." };

    private static Command BuildSend(CliContext context)
    {
        var year = new Option<int>("--year") { Description = "The calendar year (UTC) the statements cover, e.g. 2027.", Required = true };
        var again = new Option<string?>("--again") { Description = "A donor code (D-XXXXX) whose statement is sent again although it was sent before (or its unconfirmed one once more)." };
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
            var unconfirmed = run.Unconfirmed.Select(u => new { number = u.Number, donor = u.DonorCode, delivery = u.Delivery, since = u.Since }).ToList();
            var text = $"{run.Year}: {run.Sent} statements sent ({run.Delivery}), {run.AlreadySent} donors had theirs already, {run.Donors} donors gave.";
            if (run.Recovered.Count > 0)
                text += $"\nFound in the outbox after an interrupted run and recorded as sent: {string.Join(", ", run.Recovered)}.";
            foreach (var u in run.Unconfirmed)
                text += $"\nUnconfirmed: {u.Number} (donor {u.DonorCode}) was being sent by {u.Delivery} when a run stopped. Check the mail server's log, then "
                    + $"`crossing receipts confirm {u.Number}`, or send it once more with `crossing receipts send --year {run.Year} --again {u.DonorCode}`.";
            context.Report(result,
                new { year = run.Year, donors = run.Donors, sent = run.Sent, alreadySent = run.AlreadySent, delivery = run.Delivery, numbers = run.Numbers, recovered = run.Recovered, unconfirmed },
                text);
            return Cli.Ok;
        });
        return send;
    }

    private static Command BuildGift(CliContext context)
    {
        var reference = new Argument<string>("reference") { Description = "The gift's payment reference, as /finance/gifts shows it (e.g. pi_…)." };
        var language = Language();
        var again = new Option<bool>("--again") { Description = "Send once more a receipt for this gift whose e-mail delivery was interrupted (unconfirmed)." };
        var gift = new Command("gift", "Send the receipt for one gift to its donor.") { reference, language, again };
        gift.SetAction(async (result, ct) =>
        {
            await using var session = await context.OpenAsync(result, ct);
            ReceiptSent sent;
            try
            {
                sent = await session.Get<Receipts>().SendGiftReceiptAsync(CliContext.Actor, result.GetRequiredValue(reference), result.GetValue(language), result.GetValue(again), ct);
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

    private static Command BuildConfirm(CliContext context)
    {
        var number = new Argument<string>("number") { Description = "The unconfirmed receipt's number (e.g. S-2027-D-ABCDE-1), as `receipts send` or /finance/receipts lists it." };
        var confirm = new Command("confirm", "Record an unconfirmed receipt as sent, without sending it again (after checking the mail server's log).") { number };
        confirm.SetAction(async (result, ct) =>
        {
            await using var session = await context.OpenAsync(result, ct);
            var text = result.GetRequiredValue(number).Trim().ToUpperInvariant();
            text = text.Length <= 64 ? text : text[..64];
            if (!await session.Get<Receipts>().ConfirmSentAsync(CliContext.Actor, text, ct))
                throw new CliException($"No receipt {text} waits for confirmation: `crossing receipts send --year YEAR` and /finance/receipts list the unconfirmed ones.");
            context.Report(result, new { number = text, state = "sent" }, $"Receipt {text} recorded as sent.");
            return Cli.Ok;
        });
        return confirm;
    }
}
