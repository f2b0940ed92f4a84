namespace Crossing.Web.Planning;

/// <summary>The planning pages' strings: PlanningText.resx and PlanningText.ko.resx beside this file.</summary>
public sealed class PlanningText;
