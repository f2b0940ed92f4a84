using System.Globalization;
using Crossing.Core.Cases;
using Crossing.Core.Demo;
using Crossing.Core.Security.Access;
using Microsoft.Extensions.DependencyInjection;

namespace Crossing.Core.Resettlement;

/// <summary>
/// People in resettlement in the demo, each with a follow-up due this week, a service history and a consent; one
/// looks for her younger sister, who is waiting on the northern route (Cases/CaseDemoData: 김지현, 1994), so a
/// reunification alert is open for the resettlement worker and the field manager. A leadership programme is full, with one
/// person on its waiting list. Invented names only.
/// </summary>
public static class ResettlementDemoData
{
    public static async Task SeedAsync(DemoSeedContext context, CancellationToken ct)
    {
        var registry = context.Services.GetRequiredService<CaseRegistry>();
        var directory = context.Services.GetRequiredService<StaffDirectory>();
        var log = context.Services.GetRequiredService<ResettlementLog>();
        var links = context.Services.GetRequiredService<FamilyLinks>();
        var consents = context.Services.GetRequiredService<ConsentRegistry>();
        var today = DateOnly.FromDateTime(context.Time.GetUtcNow().UtcDateTime);
        static string Iso(DateOnly d) => d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        var schedule = context.Services.GetRequiredService<ResettlementOptions>();
        var worker = (await directory.CallerAsync(context.Staff["resettlement"].Id, ct))!;

        async Task<string> Arrived(string fullName, string birth, DateOnly arrivedOn)
        {
            var recorded = await registry.RecordAsync(worker, new CaseIntakeInput
            {
                Compartment = "resettlement", FullName = fullName, BirthDate = birth, Sex = "F", Status = "arrived", WaitingSince = Iso(arrivedOn.AddDays(-90)),
            }.Validate(today), ct);
            await log.StartAsync(worker, recorded.Code, Iso(arrivedOn), null, ct);
            // The check-ins before today took place: only this week's are still to do.
            foreach (var (dueOn, _) in schedule.DueDates(arrivedOn).Where(d => d.DueOn < today))
                await log.CompleteFollowUpAsync(worker, recorded.Code, dueOn, ct);
            return recorded.Code;
        }

        // First week: arrived four days ago. First month: due in three days. First year: due in two days.
        var mirran = await Arrived("김미란", "1990", today.AddDays(-4));
        var cheolsu = await Arrived("강철수", "1975-02", today.AddMonths(-1).AddDays(3));
        var sunja = await Arrived("오순자", "1962", today.AddYears(-1).AddDays(2));

        await log.LogServiceAsync(worker, mirran, new ServiceRequest("housing", "active", null, Iso(today.AddDays(-3)), null, null), ct);
        await log.LogServiceAsync(worker, cheolsu, new ServiceRequest("employment", "active", null, Iso(today.AddDays(-20)), null, null), ct);
        await log.LogServiceAsync(worker, sunja, new ServiceRequest("housing", "completed", null, Iso(today.AddYears(-1).AddDays(5)), Iso(today.AddMonths(-9)), "achieved"), ct);
        await log.LogServiceAsync(worker, sunja, new ServiceRequest("counselling", "active", null, Iso(today.AddMonths(-6)), null, null), ct);
        await log.LogContactAsync(worker, sunja, "phone", reached: false, ct);
        await log.LogContactAsync(worker, sunja, "visit", reached: true, ct);
        await consents.GrantAsync(worker, sunja, new ConsentRequest("storytelling", "Sunny", false, Iso(today.AddYears(3))), ct);
        await consents.GrantAsync(worker, mirran, new ConsentRequest("contact", null, null, null), ct);

        // 김미란 hopes to find her younger sister; she is waiting on the northern route (Kim Ji-hyun, born 1994).
        await links.AddRelativeAsync(worker, mirran, new RelativeRequest("Kim Ji-hyun", "sister", 1994, "Sinuiju"), ct);

        // A leadership programme with two places: two people registered (one attended), the third on the waiting list.
        var programmes = context.Services.GetRequiredService<ProgrammeBook>();
        var leaders = await programmes.CreateAsync(worker, new ProgrammeRequest("leadership", "Future leaders 2027", Iso(today.AddDays(10)), Iso(today.AddMonths(6)), 2), ct);
        await programmes.RegisterAsync(worker, leaders.Id, sunja, ct);
        await programmes.RegisterAsync(worker, leaders.Id, cheolsu, ct);
        await programmes.RegisterAsync(worker, leaders.Id, mirran, ct);
        await programmes.RecordAttendanceAsync(worker, leaders.Id, sunja, Iso(today), ct);
        var scholarship = await programmes.CreateAsync(worker, new ProgrammeRequest("scholarship", "University scholarship", Iso(today.AddMonths(2)), null, 10), ct);
        await programmes.RegisterAsync(worker, scholarship.Id, mirran, ct);
    }
}
