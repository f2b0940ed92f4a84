namespace Crossing.Web.Cases;

/// <summary>The cases pages' strings: CaseText.resx and CaseText.ko.resx beside this file.</summary>
public sealed class CaseText;
