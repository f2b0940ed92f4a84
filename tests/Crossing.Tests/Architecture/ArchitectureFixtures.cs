using Crossing.Core.Persistence;
using Crossing.Core.Security.Access;
using Microsoft.EntityFrameworkCore;

// Deliberately bad code, kept only so each architecture rule can be seen to catch what it forbids.
// The fixtures' namespaces stand in for capability folders: Shell, Cases, Journeys, Security.
namespace Crossing.Tests.Architecture.Fixtures.Shell
{
    /// <summary>A shell type that reads the database itself instead of asking a module's service.</summary>
    public sealed class PanelThatQueriesTheDatabase(CrossingDbContext db)
    {
        public Task<int> CountAsync() => db.Compartments.CountAsync();
    }
}

namespace Crossing.Tests.Architecture.Fixtures.Cases
{
    /// <summary>A capability's internal helper, not part of its public service.</summary>
    internal static class CaseInternals
    {
        public static int Secret() => 42;
    }

    /// <summary>The capability may use its own internals.</summary>
    public static class CaseService
    {
        public static int Answer() => CaseInternals.Secret();
    }
}

namespace Crossing.Tests.Architecture.Fixtures.Journeys
{
    /// <summary>Another capability reaching into the first one's internals and lifting the compartment filter by hand.</summary>
    public sealed class JourneyPlanner(CrossingDbContext db)
    {
        public int Peek() => Cases.CaseInternals.Secret();

        public Task<int> EveryCompartmentAsync() => db.Set<Fixtures.UnfilteredRecord>().IgnoreQueryFilters().CountAsync();
    }
}

namespace Crossing.Tests.Architecture.Fixtures
{
    public sealed class UnfilteredRecord : ICompartmented
    {
        public Guid Id { get; set; }
        public CompartmentId CompartmentId { get; set; }
    }

    /// <summary>A context that maps a compartmented record without the compartment filter.</summary>
    public sealed class UnfilteredContext : DbContext
    {
        protected override void OnConfiguring(DbContextOptionsBuilder options) => options.UseSqlite("Data Source=:memory:");

        protected override void OnModelCreating(ModelBuilder b) =>
            b.Entity<UnfilteredRecord>(e =>
            {
                e.HasKey(x => x.Id);
                e.Property(x => x.CompartmentId).HasConversion(id => id.Value, v => new CompartmentId(v));
            });
    }
}
