using Crossing.Core.Modules;
using Crossing.Core.Persistence;
using Crossing.Core.Security.Access;
using Crossing.Core.Security.Vault;
using Crossing.Tests.Support;
using Crossing.Web.Shell;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Crossing.Tests.Architecture;

/// <summary>The rules of docs/architecture.md over the real assemblies, and each rule catching a deliberately bad fixture.</summary>
public sealed class ArchitectureTests
{
    private static readonly System.Reflection.Assembly Core = typeof(CrossingDbContext).Assembly;
    private static readonly System.Reflection.Assembly Web = typeof(WebModules).Assembly;
    private static readonly System.Reflection.Assembly FixtureAssembly = typeof(ArchitectureTests).Assembly;
    private const string FixtureScope = "Crossing.Tests.Architecture.Fixtures";

    private static List<string> WebModuleNamespaces() => [.. WebModules.All.Select(m => m.GetType().Namespace!)];

    private static List<string> CoreModuleNamespaces() => [.. CrossingModules.All.Select(m => m.GetType().Namespace!)];

    [Fact]
    public void Every_capability_is_in_the_one_module_list_and_its_web_parts_are_named_after_it()
    {
        var names = CrossingModules.All.Select(m => m.Name).ToList();
        Assert.Equal(names.Distinct().Count(), names.Count);
        Assert.Contains("security", names);
        Assert.Contains("cases", names);
        Assert.Contains("demo", names);
        Assert.All(WebModules.All, m => Assert.Contains(m.Name, names));
        // Each module's folder is its namespace: Crossing.Core.Cases for "cases".
        Assert.All(CrossingModules.All, m => Assert.Equal("Crossing.Core." + char.ToUpperInvariant(m.Name[0]) + m.Name[1..], m.GetType().Namespace));
    }

    [Fact]
    public void The_web_project_reaches_the_database_context_only_inside_a_module_folder()
    {
        var allowed = WebModuleNamespaces();
        Assert.Contains("Crossing.Web.Cases", allowed);
        Assert.Empty(ArchitectureRules.TypesUsingOutside(Web, "Crossing.Web", typeof(CrossingDbContext), allowed));
    }

    [Fact]
    public void The_database_rule_catches_a_shell_type_that_queries_the_database()
    {
        var found = ArchitectureRules.TypesUsingOutside(FixtureAssembly, FixtureScope, typeof(CrossingDbContext), [FixtureScope + ".Cases", FixtureScope + ".Journeys"]);
        Assert.Equal([typeof(Fixtures.Shell.PanelThatQueriesTheDatabase).FullName!], found);
    }

    [Fact]
    public void No_capability_uses_another_capabilitys_internals()
    {
        var capabilities = CoreModuleNamespaces();
        Assert.Empty(ArchitectureRules.InternalsUsedAcrossCapabilities(Core, capabilities));
        Assert.Empty(ArchitectureRules.InternalsUsedAcrossCapabilities(Web, [.. WebModuleNamespaces(), "Crossing.Web.Security"]));
    }

    [Fact]
    public void The_internals_rule_catches_a_capability_using_anothers_internal_type()
    {
        var found = ArchitectureRules.InternalsUsedAcrossCapabilities(FixtureAssembly, [FixtureScope + ".Cases", FixtureScope + ".Journeys"]);
        var violation = Assert.Single(found);
        Assert.Contains(nameof(Fixtures.Journeys.JourneyPlanner), violation, StringComparison.Ordinal);
        Assert.Contains("CaseInternals", violation, StringComparison.Ordinal);
    }

    [Fact]
    public void Only_the_security_folder_opens_record_keys_or_lifts_the_compartment_filter()
    {
        var opening = ArchitectureRules.CallersOutside(Core, "Crossing.Core", typeof(Vault), [nameof(Vault.OpenRecordKeyAsync), nameof(Vault.OpenRecordKeysAsync)], "Crossing.Core.Security");
        Assert.Empty(opening);
        foreach (var assembly in new[] { Core, Web })
        {
            var lifting = ArchitectureRules.CallersOutside(assembly, assembly.GetName().Name!, typeof(EntityFrameworkQueryableExtensions), [nameof(EntityFrameworkQueryableExtensions.IgnoreQueryFilters)], "Crossing.Core.Security");
            Assert.Empty(lifting);
        }
    }

    [Fact]
    public void The_bypass_rule_catches_feature_code_that_lifts_the_filter_itself()
    {
        var found = ArchitectureRules.CallersOutside(FixtureAssembly, FixtureScope, typeof(EntityFrameworkQueryableExtensions), [nameof(EntityFrameworkQueryableExtensions.IgnoreQueryFilters)], FixtureScope + ".Security");
        Assert.Single(found);
        Assert.Contains(nameof(Fixtures.Journeys.JourneyPlanner), found[0], StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(TestStore.Providers), MemberType = typeof(TestStore))]
    public async Task Every_compartmented_entity_carries_the_compartment_filter(DatabaseProvider provider)
    {
        await using var store = await TestStore.CreateAsync(provider);
        await using var scope = store.Scope();
        var model = scope.ServiceProvider.GetRequiredService<CrossingDbContext>().Model;
        Assert.Contains(model.GetEntityTypes(), e => typeof(ICompartmented).IsAssignableFrom(e.ClrType));
        Assert.Empty(ArchitectureRules.CompartmentedEntitiesWithoutFilter(model));
    }

    [Fact]
    public void The_filter_rule_catches_a_compartmented_entity_configured_without_it()
    {
        using var bad = new Fixtures.UnfilteredContext();
        Assert.Equal([typeof(Fixtures.UnfilteredRecord).FullName!], ArchitectureRules.CompartmentedEntitiesWithoutFilter(bad.Model));
    }
}
