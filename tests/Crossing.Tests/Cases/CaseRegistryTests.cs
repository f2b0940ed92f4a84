using System.Text;
using Crossing.Core.Cases;
using Crossing.Core.Persistence;
using Crossing.Core.Security.Audit;
using Crossing.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Crossing.Tests.Cases;

public sealed class CaseRegistryTests
{
    [Theory]
    [MemberData(nameof(TestStore.Providers), MemberType = typeof(TestStore))]
    public async Task Recorded_case_reads_back_its_identity_and_the_read_is_audited(DatabaseProvider provider)
    {
        await using var world = await CaseWorld.CreateAsync(provider);
        var code = await world.RecordAsync(world.EastCoordinator, new CaseIntakeInput
        {
            Compartment = "east", FullName = "김지현", BirthDate = "1994-03", Sex = "F", Hometown = "혜산", Notes = "<b>not bold</b>",
        });
        Assert.Matches("^C-[2-9A-Z]{4}$", code);

        var identity = await world.WithAsync(async sp =>
        {
            var registry = sp.GetRequiredService<CaseRegistry>();
            var found = await registry.FindAsync(world.EastCoordinator, code);
            return await registry.ReadIdentityAsync(world.EastCoordinator, found!);
        });
        Assert.Equal("김지현", identity!.FullName);
        Assert.Equal("1994-03", identity.BirthDate.ToString());
        Assert.Equal(Sex.Female, identity.Sex);
        Assert.Equal("<b>not bold</b>", identity.Notes);

        var events = await world.WithAsync(sp => sp.GetRequiredService<CrossingDbContext>().AuditEvents.Where(e => e.RecordCode == code).Select(e => e.Action).ToListAsync());
        // Recording compares the new case with every compartment (an audited bypass, then the look-up itself).
        Assert.Equal(["case.create", "bypass:duplicate-check-after-intake", "case.match", "case.identity.read"], events);
        Assert.True((await world.WithAsync(sp => sp.GetRequiredService<AuditVerifier>().VerifyAsync())).Intact);
    }

    [Fact]
    public async Task Case_in_another_compartment_is_answered_as_unknown()
    {
        await using var world = await CaseWorld.CreateAsync();
        var code = await world.RecordAsync(world.EastCoordinator, "east", "박순희", "1980");
        await world.WithAsync(async sp =>
        {
            var registry = sp.GetRequiredService<CaseRegistry>();
            Assert.NotNull(await registry.FindAsync(world.EastCoordinator, code));
            Assert.NotNull(await registry.FindAsync(world.Manager, code));
            Assert.Null(await registry.FindAsync(world.WestCoordinator, code));
            Assert.Null(await registry.FindAsync(world.Finance, code));
            Assert.Null(await registry.FindAsync(world.Storyteller, code));
            Assert.Empty(await registry.ListAsync(world.WestCoordinator, new CaseFilter()));
            Assert.Single(await registry.ListAsync(world.EastCoordinator, new CaseFilter()));
            return 0;
        });
    }

    [Fact]
    public async Task Recording_in_a_compartment_the_caller_does_not_hold_is_refused()
    {
        await using var world = await CaseWorld.CreateAsync();
        await Assert.ThrowsAsync<CaseAccessDeniedException>(() => world.RecordAsync(world.WestCoordinator, "east", "김지현"));
        await Assert.ThrowsAsync<CaseAccessDeniedException>(() => world.RecordAsync(world.WestCoordinator, "nowhere", "김지현"));
        await Assert.ThrowsAsync<CaseAccessDeniedException>(() => world.RecordAsync(world.Finance, "east", "김지현"));
        Assert.Equal(0, await world.WithAsync(sp => sp.GetRequiredService<CrossingDbContext>().Cases.CountAsync()));
    }

    [Fact]
    public async Task Family_group_takes_its_most_urgent_member_and_earliest_deadline()
    {
        await using var world = await CaseWorld.CreateAsync();
        var today = DateOnly.FromDateTime(DateTime.UtcNow);
        var mother = await world.RecordAsync(world.EastCoordinator, new CaseIntakeInput
        {
            Compartment = "east", FullName = "최은영", Sex = "F", Illness = "serious", IllnessTreatmentBy = today.AddDays(10).ToString("yyyy-MM-dd"),
        });
        var groupCode = await world.WithAsync(async sp => (await sp.GetRequiredService<CaseRegistry>().SummaryAsync(world.EastCoordinator, mother))!.FamilyGroup);
        await world.RecordAsync(world.EastCoordinator, new CaseIntakeInput { Compartment = "east", FullName = "최민준", Sex = "M", FamilyGroup = groupCode });
        await world.RecordAsync(world.EastCoordinator, new CaseIntakeInput { Compartment = "east", FullName = "한가람", Sex = "X" });

        var waiting = await world.WithAsync(sp => sp.GetRequiredService<CaseRegistry>().WaitingListAsync(world.EastCoordinator, new CaseFilter()));
        Assert.Equal(2, waiting.Count);
        Assert.Equal(groupCode, waiting[0].Code);
        Assert.Equal(2, waiting[0].Members.Count);
        Assert.Equal(today.AddDays(10), waiting[0].Deadline);
        Assert.True(waiting[0].CloseToDeadline);
        Assert.Equal(waiting[0].Members.Max(m => m.Score), waiting[0].Score);
        Assert.Contains(waiting[0].Members[0].Reasons!, r => r.Kind == TriageReasonKind.IllNeedsTreatmentBy);
        Assert.False(waiting[1].CloseToDeadline);
    }

    [Fact]
    public async Task Family_group_of_another_compartment_cannot_be_joined()
    {
        await using var world = await CaseWorld.CreateAsync();
        var west = await world.RecordAsync(world.WestCoordinator, "west", "최은영");
        var westGroup = await world.WithAsync(async sp => (await sp.GetRequiredService<CaseRegistry>().SummaryAsync(world.WestCoordinator, west))!.FamilyGroup);
        var e = await Assert.ThrowsAsync<CaseInputException>(() => world.RecordAsync(world.Manager, "east", "최민준", familyGroup: westGroup));
        Assert.Equal("familyGroup", e.Problems.Single().Field);
    }

    [Fact]
    public async Task No_identity_plaintext_reaches_the_database_file_or_its_log()
    {
        await using var world = await CaseWorld.CreateAsync();
        string[] markers = ["김마커", "Markerhyun Zqx", "Hyesan-Markertown", "Markerstreet 42", "+86 1390 MARKER", "Marker notes about the family"];
        await world.RecordAsync(world.EastCoordinator, new CaseIntakeInput
        {
            Compartment = "east", FullName = markers[1], BirthDate = "1991-07-19", Sex = "F", Hometown = markers[2], Location = markers[3], Contact = markers[4], Notes = markers[5],
            PregnancyWeeks = 17, Illness = "serious",
        });
        await world.RecordAsync(world.EastCoordinator, new CaseIntakeInput { Compartment = "east", FullName = markers[0], Sex = "M" });

        var files = new[] { "crossing.db", "crossing.db-wal" }.Select(f => Path.Combine(world.Store.DataDirectory, f)).Where(File.Exists).ToList();
        Assert.Contains(files, f => f.EndsWith("-wal", StringComparison.Ordinal));
        foreach (var file in files)
        {
            byte[] bytes;
            using (var stream = new FileStream(file, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete))
            using (var copy = new MemoryStream())
            {
                stream.CopyTo(copy);
                bytes = copy.ToArray();
            }
            foreach (var marker in markers.Append("1991-07-19").Append("serious").Append("pregnan"))
            {
                Assert.True(bytes.AsSpan().IndexOf(Encoding.UTF8.GetBytes(marker)) < 0, $"'{marker}' found in {Path.GetFileName(file)}");
                Assert.True(bytes.AsSpan().IndexOf(Encoding.Unicode.GetBytes(marker)) < 0, $"'{marker}' (UTF-16) found in {Path.GetFileName(file)}");
            }
        }
    }
}
