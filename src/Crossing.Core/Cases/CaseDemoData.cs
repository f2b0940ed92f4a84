using System.Globalization;
using Crossing.Core.Demo;
using Crossing.Core.Security.Access;
using Microsoft.Extensions.DependencyInjection;

namespace Crossing.Core.Cases;

/// <summary>
/// The people waiting in the demo, on three routes: a pregnant woman close to her deadline, a mother travelling
/// with her son, and others. Names are put together from Korean syllables; none belongs to a real person.
/// </summary>
public static class CaseDemoData
{
    public static async Task SeedAsync(DemoSeedContext context, CancellationToken ct)
    {
        var registry = context.Services.GetRequiredService<CaseRegistry>();
        var directory = context.Services.GetRequiredService<StaffDirectory>();
        var today = DateOnly.FromDateTime(context.Time.GetUtcNow().UtcDateTime);
        string Day(int offset) => today.AddDays(offset).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

        var east = (await directory.CallerAsync(context.Staff["coordinator.east"].Id, ct))!;
        var west = (await directory.CallerAsync(context.Staff["coordinator.west"].Id, ct))!;
        var manager = (await directory.CallerAsync(context.Staff[DemoSeeder.FieldManager].Id, ct))!;

        async Task<Case> Record(StaffCaller by, CaseIntakeInput input) => (await registry.RecordAsync(by, input.Validate(today), ct)).Case;

        // 24 weeks two weeks ago: with the default limit of 28 weeks she must travel within a fortnight.
        await Record(east, new CaseIntakeInput
        {
            Compartment = "east", FullName = "한영순", BirthDate = "1996-05", Sex = "F", Hometown = "회령", Location = "연길 근교",
            Contact = "WeChat via broker (demo)", Notes = "Forced marriage; husband's family watches her.",
            PregnancyWeeks = 24, PregnancyWeeksOn = Day(-14), Confined = true, WaitingSince = Day(-95),
        });

        var mother = await Record(east, new CaseIntakeInput
        {
            Compartment = "east", FullName = "최은희", BirthDate = "1987", Sex = "F", Hometown = "무산", Location = "용정",
            Contact = "Signal (demo)", ViolenceAtHome = true, DependentChildren = 1, WaitingSince = Day(-150),
        });
        var group = (await registry.SummaryAsync(east, mother.Code, ct))!.FamilyGroup;
        await Record(east, new CaseIntakeInput
        {
            Compartment = "east", FullName = "최민호", BirthDate = "2015-09", Sex = "M", Location = "용정", FamilyGroup = group, WaitingSince = Day(-150),
        });

        await Record(west, new CaseIntakeInput
        {
            Compartment = "west", FullName = "이명철", BirthDate = "1979-11-02", Sex = "M", Hometown = "청진", Location = "Kunming",
            Illness = "serious", IllnessTreatmentBy = Day(40), WaitingSince = Day(-60),
        });
        await Record(west, new CaseIntakeInput
        {
            Compartment = "west", FullName = "박순희", BirthDate = "1992", Sex = "F", Hometown = "혜산", Location = "Nanning",
            ArrestRisk = "high", WaitingSince = Day(-160),
        });

        await Record(manager, new CaseIntakeInput
        {
            Compartment = "north", FullName = "김지현", BirthDate = "1994-03", Sex = "F", Hometown = "신의주", Location = "단둥",
            Status = "contacted", WaitingSince = Day(-20),
        });
        await Record(manager, new CaseIntakeInput
        {
            Compartment = "north", FullName = "윤봉남", BirthDate = "1958", Sex = "M", Location = "단둥",
            Illness = "moderate", WaitingSince = Day(-300),
        });
    }
}
