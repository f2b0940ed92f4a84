namespace Crossing.Web.Resettlement;

/// <summary>The resettlement pages' strings: ResettlementText.resx and ResettlementText.ko.resx beside this file.</summary>
public sealed class ResettlementText;
