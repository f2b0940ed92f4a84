using Crossing.Core.Persistence;
using Crossing.Core.Security.Access;
using Crossing.Web.Security;
using Crossing.Web.Shell;
using Microsoft.EntityFrameworkCore;

namespace Crossing.Web.Account;

public static class AccountEndpoints
{
    public sealed record MeResponse(string Code, string Role, IReadOnlyList<string> Compartments);

    public static IEndpointRouteBuilder MapAccountEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapGet("/api/me", GetMeAsync)
            .RequireAuthorization(Policies.Staff)
            .WithTags("Account")
            .Describe<AccountText>("GetMe", response: new MeResponse("S-4F2K", "field-coordinator", ["east"]));
        return app;
    }

    private static async Task<MeResponse> GetMeAsync(CallerAccessor callers, CrossingDbContext db, CancellationToken ct)
    {
        var caller = await callers.RequireAsync(ct);
        var ids = caller.Compartments.ToList();
        var names = await db.Compartments.AsNoTracking().Where(c => ids.Contains(c.Id)).Select(c => c.Name).ToListAsync(ct);
        return new MeResponse(caller.Code, caller.Role.Slug(), [.. names.Order(StringComparer.Ordinal)]);
    }
}
