using System.CommandLine;
using System.Globalization;
using System.Text;
using System.Text.Json;
using Crossing.Core.Funding;

namespace Crossing.Cli;

/// <summary>`crossing ledger balances|check`, `crossing fund add`, `crossing campaign add`.</summary>
internal static class FundingCommands
{
    public static Command BuildLedger(CliContext context) =>
        new("ledger", "Fund balances and the ledger's invariants.") { BuildBalances(context), BuildCheck(context) };

    private static Command BuildBalances(CliContext context)
    {
        var balances = new Command("balances", "Each fund's balance per currency (never converted).");
        balances.SetAction(async (result, ct) =>
        {
            await using var session = await context.OpenAsync(result, ct);
            var funds = await session.Get<Ledger>().FundBalancesAsync(ct);
            var text = new StringBuilder();
            foreach (var f in funds)
            {
                var amounts = f.Balances.Count == 0 ? "nothing yet" : string.Join(", ", f.Balances.Select(b => $"{b.Format()} {b.Currency.Code}"));
                text.Append(CultureInfo.InvariantCulture, $"{f.Id,-16} {(f.Restricted ? "restricted  " : "unrestricted")} {amounts}\n");
            }
            if (result.GetValue(Cli.Json))
                context.Out.WriteLine(JsonSerializer.Serialize(FundsDocument.From(funds)));
            else
                context.Out.Write(text.ToString());
            return Cli.Ok;
        });
        return balances;
    }

    private static Command BuildCheck(CliContext context)
    {
        var check = new Command("check", "Exit 0 when debits equal credits per currency, no restricted fund is negative, every gift is posted exactly once and every refund or dispute is reflected; else 1, naming the first violation.");
        check.SetAction(async (result, ct) =>
        {
            await using var session = await context.OpenAsync(result, ct);
            var outcome = await session.Get<LedgerCheck>().RunAsync(ct);
            context.Report(result,
                new { holds = outcome.Holds, transfers = outcome.Transfers, gifts = outcome.Gifts, needsAttention = outcome.NeedsAttention, violations = outcome.Violations.Select(v => v.ToString()).ToArray() },
                outcome.Holds
                    ? $"The ledger holds: {outcome.Transfers} transfers, {outcome.Gifts} gifts, {outcome.NeedsAttention} items need attention."
                    : $"The ledger does not hold: {outcome.Violations.Count} violations.");
            if (outcome.Holds)
                return Cli.Ok;
            await context.Error.WriteLineAsync($"error: {outcome.Violations[0]}");
            return Cli.CheckFailed;
        });
        return check;
    }

    public static Command BuildFund(CliContext context)
    {
        var id = new Argument<string>("id") { Description = "Lowercase letters, digits and dashes, e.g. winter-relief." };
        var name = new Option<string>("--name") { Description = "What the fund is for, as finance staff see it.", Required = true };
        var restricted = new Option<bool>("--restricted") { Description = "Money in it may only be spent on its purpose; it can never go below zero." };
        var add = new Command("add", "Create a fund.") { id, name, restricted };
        add.SetAction(async (result, ct) =>
        {
            await using var session = await context.OpenAsync(result, ct);
            var fund = await session.Get<Ledger>().AddFundAsync(result.GetRequiredValue(id).Trim(), result.GetRequiredValue(name), result.GetValue(restricted), ct);
            context.Report(result, new { id = fund.FundId, name = fund.Name, restricted = fund.DebitsMustNotExceedCredits },
                $"Fund {fund.FundId} created ({(fund.DebitsMustNotExceedCredits ? "restricted" : "unrestricted")}).");
            return Cli.Ok;
        });
        return new Command("fund", "Manage funds.") { add };
    }

    public static Command BuildCampaign(CliContext context)
    {
        var name = new Option<string>("--name") { Description = "The campaign's name, e.g. \"June rescue appeal\".", Required = true };
        var fund = new Option<string>("--fund") { Description = "The fund its gifts go to.", Required = true };
        var from = new Option<string>("--from") { Description = "First day, YYYY-MM-DD (UTC).", Required = true };
        var to = new Option<string>("--to") { Description = "Last day, YYYY-MM-DD (UTC), inclusive.", Required = true };
        var kind = new Option<string>("--kind") { Description = "one-time, recurring or any (default any).", DefaultValueFactory = _ => "any" };
        var add = new Command("add", "Add a dated designation rule: gifts of this kind between these days go to this fund.") { name, fund, from, to, kind };
        add.SetAction(async (result, ct) =>
        {
            var first = Day(result.GetRequiredValue(from), "--from");
            var last = Day(result.GetRequiredValue(to), "--to");
            if (!Campaigns.TryParseKind(result.GetValue(kind), out var giftKind))
                throw new CliException($"Unknown --kind '{result.GetValue(kind)}': use one-time, recurring or any.");
            await using var session = await context.OpenAsync(result, ct);
            Campaign campaign;
            try
            {
                campaign = await session.Get<Campaigns>().AddAsync(result.GetRequiredValue(name), result.GetRequiredValue(fund), first, last, giftKind, ct: ct);
            }
            catch (CampaignException e)
            {
                throw new CliException(e.Message);
            }
            context.Report(result,
                new { id = campaign.Id, name = campaign.Name, fund = campaign.FundId, from = campaign.From.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), to = campaign.To.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), kind = Campaigns.Slug(campaign.Kind) },
                $"Campaign {campaign.Id}: {Campaigns.Slug(campaign.Kind)} gifts from {campaign.From:yyyy-MM-dd} to {campaign.To:yyyy-MM-dd} go to {campaign.FundId}.");
            return Cli.Ok;
        });
        return new Command("campaign", "Manage campaigns (dated designation rules).") { add };
    }

    private static DateOnly Day(string text, string option) =>
        DateOnly.TryParseExact(text.Trim(), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var day)
            ? day
            : throw new CliException($"{option} '{text}' is not a date: use YYYY-MM-DD, e.g. 2026-06-01.");
}
