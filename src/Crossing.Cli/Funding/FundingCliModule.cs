using System.CommandLine;

namespace Crossing.Cli;

/// <summary>`crossing ledger balances|check`, `crossing fund add`, `crossing campaign add`, `crossing receipts`.</summary>
internal sealed class FundingCliModule : ICliModule
{
    public string Name => "funding";

    public IEnumerable<Command> Commands(CliContext context) =>
        [FundingCommands.BuildLedger(context), FundingCommands.BuildFund(context), FundingCommands.BuildCampaign(context), ImportCommands.Build(context), ReceiptCommands.Build(context)];
}
