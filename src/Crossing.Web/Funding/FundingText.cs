namespace Crossing.Web.Funding;

/// <summary>The finance pages' strings: FundingText.resx and FundingText.ko.resx beside this file.</summary>
public sealed class FundingText;
