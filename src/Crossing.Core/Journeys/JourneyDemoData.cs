using Crossing.Core.Demo;

namespace Crossing.Core.Journeys;

/// <summary>The demo's routes and journeys (filled in below).</summary>
public static class JourneyDemoData
{
    public static Task SeedAsync(DemoSeedContext context, CancellationToken ct) => Task.CompletedTask;
}
