using Crossing.Core.Cases;
using Crossing.Core.Persistence;
using Crossing.Core.Security.Access;
using Crossing.Tests.Support;
using Microsoft.Extensions.DependencyInjection;

namespace Crossing.Tests.Cases;

/// <summary>A real data folder with compartments east and west and staff of every role that cases care about.</summary>
public sealed class CaseWorld : IAsyncDisposable
{
    private CaseWorld(TestStore store) => Store = store;

    public TestStore Store { get; }
    public StaffCaller EastCoordinator { get; private set; } = null!;
    public StaffCaller WestCoordinator { get; private set; } = null!;
    public StaffCaller Manager { get; private set; } = null!;
    public StaffCaller Finance { get; private set; } = null!;
    public StaffCaller Storyteller { get; private set; } = null!;

    public static async Task<CaseWorld> CreateAsync(DatabaseProvider provider = DatabaseProvider.Sqlite)
    {
        var world = new CaseWorld(await TestStore.CreateAsync(provider));
        await using var scope = world.Store.Scope();
        var staff = scope.ServiceProvider.GetRequiredService<StaffDirectory>();
        foreach (var name in new[] { "east", "west" })
            await staff.AddCompartmentAsync(name, "test");
        async Task<StaffCaller> Add(string email, StaffRole role, params string[] compartments)
        {
            var member = await staff.AddStaffAsync(email, role, compartments, null, "test");
            return (await staff.CallerAsync(member.Id))!;
        }
        world.EastCoordinator = await Add("east@example.org", StaffRole.FieldCoordinator, "east");
        world.WestCoordinator = await Add("west@example.org", StaffRole.FieldCoordinator, "west");
        world.Manager = await Add("manager@example.org", StaffRole.FieldManager, "east", "west");
        world.Finance = await Add("finance@example.org", StaffRole.Finance, "east", "west");
        world.Storyteller = await Add("story@example.org", StaffRole.Storyteller, "east", "west");
        return world;
    }

    public async Task<string> RecordAsync(StaffCaller caller, CaseIntakeInput input) => (await RecordCaseAsync(caller, input)).Code;

    public async Task<RecordedCase> RecordCaseAsync(StaffCaller caller, CaseIntakeInput input)
    {
        await using var scope = Store.Scope();
        var registry = scope.ServiceProvider.GetRequiredService<CaseRegistry>();
        var today = DateOnly.FromDateTime(DateTime.UtcNow);
        return await registry.RecordAsync(caller, input.Validate(today));
    }

    public Task<RecordedCase> RecordCaseAsync(StaffCaller caller, string compartment, string fullName, string? birthDate = null) =>
        RecordCaseAsync(caller, new CaseIntakeInput { Compartment = compartment, FullName = fullName, BirthDate = birthDate, Sex = "F" });

    public Task<string> RecordAsync(StaffCaller caller, string compartment, string fullName, string? birthDate = null, string? familyGroup = null) =>
        RecordAsync(caller, new CaseIntakeInput { Compartment = compartment, FullName = fullName, BirthDate = birthDate, Sex = "F", FamilyGroup = familyGroup });

    public async Task<T> WithAsync<T>(Func<IServiceProvider, Task<T>> work)
    {
        await using var scope = Store.Scope();
        return await work(scope.ServiceProvider);
    }

    public ValueTask DisposeAsync() => Store.DisposeAsync();
}
