using Crossing.Core.Security.Access;

namespace Crossing.Web.Security;

/// <summary>
/// The caller-and-permission check every API route needs, as one endpoint filter: the caller is resolved (and
/// becomes the database's acting caller), and a caller without <paramref name="permission"/> gets the
/// capability's own "not found" answer, the same bytes as for a record that does not exist.
/// </summary>
public static class CallerFilter
{
    public static TBuilder RequirePermission<TBuilder>(this TBuilder builder, Permission permission, Func<IResult> denied)
        where TBuilder : IEndpointConventionBuilder =>
        builder.AddEndpointFilter(async (context, next) =>
        {
            var callers = context.HttpContext.RequestServices.GetRequiredService<CallerAccessor>();
            var caller = await callers.GetAsync(context.HttpContext.RequestAborted);
            if (caller is null || !caller.Has(permission))
                return denied();
            return await next(context);
        });
}
