namespace Crossing.Web.Journeys;

/// <summary>The journeys pages' strings: JourneyText.resx and JourneyText.ko.resx beside this file.</summary>
public sealed class JourneyText;
